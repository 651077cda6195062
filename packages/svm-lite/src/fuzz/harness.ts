import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addressFromNumber, fuzzLoop, JournaledState, PolyvmError, type Receipt } from '@polyvm/core';
import { assemble } from '../asm/assembler.js';
import { writeElf } from '../elf/writer.js';
import { walletAccount, writeAccount } from '../host/account.js';
import { COMPUTE_BUDGET_PROGRAM_ID } from '../host/compute-budget.js';
import { SYSTEM_PROGRAM_ID } from '../host/pubkey.js';
import { type SvmInstruction, SvmRuntime } from '../runtime.js';
import { HOSTILE_ACCOUNT, HOSTILE_PROGRAMS, hostileAccount, MIB } from './hostile-seeds.js';

/**
 * A bounded fuzz harness for the sBPF runtime's entry points (issue 11): the ELF loader and
 * verifier (mutated real and generated ELFs), the interpreter and every syscall (random programs
 * with hostile arguments), transaction sanitizing (random ComputeBudget data), and the hostile
 * seeds. Every input must end in a receipt or a typed `PolyvmError`; anything else is an untyped
 * error, an input slower than `hangMs` is a hang, and a failed transaction may keep only its fee.
 */
export interface FuzzReport {
  inputs: number;
  /** Receipts with status success/revert/error/out-of-gas. */
  executed: number;
  /** Inputs refused with a typed error (invalid receipts, typed throws). */
  typedRejections: number;
  untypedErrors: number;
  /** Inputs slower than `hangMs` twice: once in the run and again when replayed on a fresh runtime. */
  hangs: number;
  /** Inputs slow once but not when replayed (a loaded machine, a cold compile). */
  slowOnce: number;
  /** Failed transactions that kept more than the fee. */
  leakedState: number;
  peakRssBytes: number;
  byTarget: Record<string, number>;
  /** The first few problems, with the input that caused them. */
  problems: string[];
}

export interface FuzzOptions {
  durationMs: number;
  seed?: number;
  /** One input slower than this is a hang. */
  hangMs?: number;
  /** Folder of real `.so` programs to mutate. */
  fixtures?: string;
}

/** xorshift32: a deterministic stream, so a report names a reproducible seed. */
class Rng {
  #state: number;
  constructor(seed: number) {
    this.#state = seed >>> 0 || 0x9e3779b9;
  }
  next(): number {
    let x = this.#state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.#state = x >>> 0;
    return this.#state;
  }
  below(n: number): number {
    return this.next() % n;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!;
  }
}

const PAYER = addressFromNumber(0xfee, 32);
const PROGRAM = addressFromNumber(0x9a, 32);

/** Register values that sit on region edges, lengths that overflow, counts past every limit. */
const HOSTILE_VALUES = [
  '0',
  '1',
  '8',
  '32',
  '2048',
  '20001',
  '0x100000',
  '0xffffffff',
  '0xffffffffffffffff',
  '0x7fffffffffffffff',
  '0x100000000',
  '0x200000ff8',
  '0x200001000',
  '0x300000000',
  '0x300007ff8',
  '0x400000000',
  '0x400000060',
  '0x400100060',
];
const SYSCALLS = new SvmRuntime().syscalls.names();
const ALU = ['add', 'sub', 'mul', 'div', 'mod', 'or', 'and', 'lsh', 'rsh', 'arsh', 'xor'];
const WIDTHS = ['b', 'h', 'w', 'dw'];

function randomProgram(rng: Rng): string {
  const lines: string[] = ['mov64 r6, r1', 'add64 r6, 96'];
  const count = 3 + rng.below(30);
  for (let i = 0; i < count; i++) {
    const reg = `r${rng.below(10)}`;
    switch (rng.below(6)) {
      case 0:
        lines.push(`lddw ${reg}, ${rng.pick(HOSTILE_VALUES)}`);
        break;
      case 1:
        lines.push(
          `${rng.pick(ALU)}${rng.pick(['32', '64'])} ${reg}, ${rng.below(2) ? `r${rng.below(10)}` : rng.below(64) + 1}`,
        );
        break;
      case 2:
        lines.push(
          `ldx${rng.pick(WIDTHS)} ${reg}, [${rng.pick(['r1', 'r6', 'r10'])}${rng.below(2) ? '+' : '-'}${rng.below(4096)}]`,
        );
        break;
      case 3:
        lines.push(`stx${rng.pick(WIDTHS)} [r10-${8 * (1 + rng.below(500))}], ${reg}`);
        break;
      case 4:
        lines.push(`jne ${reg}, ${rng.below(4)}, end`);
        break;
      default: {
        for (let arg = 1; arg <= 5; arg++) {
          if (rng.below(3) === 0) lines.push(`mov64 r${arg}, r${rng.pick([6, 10, 1])}`);
          else lines.push(`lddw r${arg}, ${rng.pick(HOSTILE_VALUES)}`);
        }
        lines.push(`syscall ${rng.pick(SYSCALLS)}`);
      }
    }
  }
  lines.push('end:', 'mov64 r0, 0', 'exit');
  return lines.join('\n');
}

function mutate(rng: Rng, bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  const flips = 1 + rng.below(8);
  for (let i = 0; i < flips; i++) {
    const at = rng.below(out.length);
    out[at] = rng.below(2) ? rng.below(256) : out[at]! ^ (1 << rng.below(8));
  }
  return out;
}

function randomBytes(rng: Rng, max: number): Uint8Array {
  return Uint8Array.from({ length: rng.below(max + 1) }, () => rng.below(256));
}

type Target = 'hostile-seed' | 'elf-mutation' | 'random-program' | 'transaction';
const TARGETS: Target[] = ['hostile-seed', 'elf-mutation', 'random-program', 'transaction'];

export function runFuzz(options: FuzzOptions): FuzzReport {
  const rng = new Rng(options.seed ?? 1);
  const hangMs = options.hangMs ?? 2000;
  const report: FuzzReport = {
    inputs: 0,
    executed: 0,
    typedRejections: 0,
    untypedErrors: 0,
    hangs: 0,
    slowOnce: 0,
    leakedState: 0,
    peakRssBytes: process.memoryUsage().rss,
    byTarget: {},
    problems: [],
  };
  const hostileElfs = HOSTILE_PROGRAMS.map((p) => writeElf(assemble(p.source)));
  const elfSeeds = [...hostileElfs];
  if (options.fixtures) {
    for (const file of readdirSync(options.fixtures).filter((f) => f.endsWith('.so')))
      elfSeeds.push(new Uint8Array(readFileSync(join(options.fixtures, file))));
  }

  const runtime = new SvmRuntime();
  const state = new JournaledState();
  writeAccount(state, PAYER, walletAccount(10_000_000_000n));
  writeAccount(state, HOSTILE_ACCOUNT, hostileAccount(PROGRAM));

  const problem = (target: Target, what: string, input: Uint8Array | string) => {
    if (report.problems.length >= 10) return;
    const shown = typeof input === 'string' ? input : Buffer.from(input.subarray(0, 64)).toString('hex');
    report.problems.push(`${target}: ${what} (input ${shown})`);
  };
  const check = (target: Target, receipt: Receipt, input: Uint8Array | string) => {
    if (receipt.error && !(receipt.error instanceof PolyvmError)) {
      report.untypedErrors++;
      problem(target, `untyped receipt error ${String(receipt.error)}`, input);
    }
    if (receipt.status === 'invalid') report.typedRejections++;
    else report.executed++;
    if (receipt.status !== 'success' && receipt.status !== 'invalid' && receipt.stateDiff.length > 1) {
      report.leakedState++;
      problem(target, `failed transaction kept ${receipt.stateDiff.length} changes`, input);
    }
  };
  const execute = (
    target: Target,
    code: Uint8Array,
    input: Uint8Array | string,
    instructions?: SvmInstruction[],
  ) => {
    const deployed = runtime.deploy(state, { sender: PAYER, code, address: PROGRAM, gasLimit: 0n });
    if (deployed.status !== 'success') {
      check(target, deployed, input);
      return;
    }
    const limit = rng.pick([1_000, 200_000, 1_400_000]);
    const receipt = runtime.call(state, {
      sender: PAYER,
      input: new Uint8Array(0),
      value: 0n,
      gasLimit: BigInt(limit),
      nonce: 0n,
      payload: {
        instructions: instructions ?? [
          {
            programId: PROGRAM,
            accounts: [{ pubkey: HOSTILE_ACCOUNT, isSigner: false, isWritable: rng.below(2) === 0 }],
            data: randomBytes(rng, 64),
          },
        ],
      },
    });
    check(target, receipt, input);
  };

  /** Deploys and runs `code` at the maximum budget on a fresh runtime: how long it really takes. */
  const replay = (code: Uint8Array): number => {
    const fresh = new SvmRuntime();
    const started = performance.now();
    state.checkpoint();
    try {
      if (fresh.deploy(state, { sender: PAYER, code, address: PROGRAM, gasLimit: 0n }).status === 'success') {
        fresh.call(state, {
          sender: PAYER,
          input: new Uint8Array(0),
          value: 0n,
          gasLimit: 1_400_000n,
          nonce: 0n,
          payload: {
            instructions: [
              {
                programId: PROGRAM,
                accounts: [{ pubkey: HOSTILE_ACCOUNT, isSigner: false, isWritable: false }],
                data: new Uint8Array(0),
              },
            ],
          },
        });
      }
    } finally {
      state.revert();
    }
    return performance.now() - started;
  };

  // The current input, for the problem lines; `code` is what a slow input is replayed with.
  let input: Uint8Array | string = '';
  let code: Uint8Array | undefined;
  let firstMs = 0;
  const runOne = (target: Target): undefined => {
    input = '';
    code = undefined;
    state.checkpoint();
    try {
      switch (target) {
        case 'hostile-seed':
          input = code = rng.pick(hostileElfs);
          execute(target, code, input);
          break;
        case 'elf-mutation':
          input = code = mutate(rng, rng.pick(elfSeeds));
          execute(target, code, input);
          break;
        case 'random-program': {
          input = randomProgram(rng);
          code = writeElf(assemble(input));
          execute(target, code, input);
          break;
        }
        case 'transaction': {
          const budget: SvmInstruction[] = Array.from({ length: rng.below(4) }, () => ({
            programId: COMPUTE_BUDGET_PROGRAM_ID,
            accounts: [],
            data: Uint8Array.of(rng.below(6), ...randomBytes(rng, 12)),
          }));
          const transfer: SvmInstruction = {
            programId: SYSTEM_PROGRAM_ID,
            accounts: [
              { pubkey: PAYER, isSigner: true, isWritable: true },
              { pubkey: HOSTILE_ACCOUNT, isSigner: false, isWritable: true },
            ],
            data: randomBytes(rng, 16),
          };
          input = Buffer.from(budget.flatMap((b) => [...b.data])).toString('hex');
          execute(target, hostileElfs[0]!, input, [...budget, transfer]);
          break;
        }
      }
    } finally {
      state.revert();
    }
    return undefined;
  };

  // core's shared loop: the targets in turn, each input timed and classified, slow ones replayed.
  const totals = fuzzLoop({
    budgetMs: options.durationMs,
    hangMs,
    next: (index) => TARGETS[index % TARGETS.length]!,
    run: runOne,
    replay: (_target, first) => {
      firstMs = first.ms;
      return { ...first, ms: code ? replay(code) : first.ms };
    },
    observe: (step) => {
      const target = step.input;
      if (step.outcome === 'rejected') report.typedRejections++;
      if (step.outcome === 'untyped') {
        const error = step.error as Error | undefined;
        report.untypedErrors++;
        problem(target, `untyped ${error?.name}: ${error?.message}`, input);
      }
      if (step.hang) {
        report.hangs++;
        problem(target, `took ${firstMs.toFixed(0)} ms, ${step.ms.toFixed(0)} ms replayed`, input);
      }
      if (step.slowOnce) report.slowOnce++;
      report.byTarget[target] = (report.byTarget[target] ?? 0) + 1;
    },
  });
  report.inputs = totals.inputs;
  report.peakRssBytes = Math.max(report.peakRssBytes, totals.peakRssMiB * MIB);
  return report;
}

export function formatReport(report: FuzzReport, seconds: number): string[] {
  return [
    `svm fuzz: ${report.inputs} inputs in ${seconds.toFixed(1)} s (${Object.entries(report.byTarget)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ')})`,
    `  executed ${report.executed}  typed rejections ${report.typedRejections}  untyped errors ${report.untypedErrors}  hangs ${report.hangs} (slow once ${report.slowOnce})  leaked state ${report.leakedState}  peak RSS ${(report.peakRssBytes / MIB).toFixed(0)} MiB`,
    ...report.problems.map((p) => `  ! ${p}`),
  ];
}
