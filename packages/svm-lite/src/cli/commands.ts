import { parseArgs } from 'node:util';
import {
  addressFromNumber,
  type Command,
  type CommandGroup,
  type CommandIO,
  collectSteps,
  formatStep,
  fromHex,
  InvalidArgumentError,
  JournaledState,
  toHex,
} from '@polyvm/core';
import { disassemble } from '../decode/disassemble.js';
import { ElfError } from '../elf/errors.js';
import { loadElf } from '../elf/loader.js';
import { Elf64 } from '../elf/parser.js';
import { readAccount, walletAccount, writeAccount } from '../host/account.js';
import { COMPUTE_BUDGET_PROGRAM_ID, ComputeBudgetInstruction } from '../host/compute-budget.js';
import { toBase58 } from '../host/pubkey.js';
import { type SvmInstruction, SvmRuntime } from '../runtime.js';
import { COSTS } from '../syscalls/costs.js';
import { VerifierError, verifyProgram } from '../verify/verifier.js';
import { readProgram } from './load-program.js';

const PAYER = new Uint8Array(32).fill(0x11);
const PROGRAM = new Uint8Array(32).fill(0x22);

function usageError(io: CommandIO, command: Command, message: string): number {
  io.err(`${message}\nusage: polyvm svm ${command.usage}`);
  return 2;
}

const disasm: Command = {
  name: 'disasm',
  summary: 'disassemble the .text of an sBPF program (ELF or .s), syscalls by name',
  usage: 'disasm <program.so|program.s>',
  async run(args, io) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    const [path] = positionals;
    if (!path) return usageError(io, disasm, 'missing program');
    const runtime = new SvmRuntime();
    const executable = loadElf(readProgram(path), { syscalls: runtime.syscalls });
    const names = {
      syscall: (hash: number) => runtime.syscalls.lookup(hash)?.name,
      functionAt: (hash: number) => executable.functions.get(hash)?.pc,
    };
    const starts = new Map([...executable.functions.values()].map((f) => [f.pc, f.name]));
    for (const line of disassemble(executable.text, names)) {
      const label = starts.get(line.slot);
      if (label) io.out(`${label}:`);
      io.out(`  ${String(line.slot).padStart(5)}  ${line.text}`);
    }
    return 0;
  },
};

const inspect: Command = {
  name: 'inspect',
  summary: 'ELF header, sections, relocations and whether the v0 loader accepts the program',
  usage: 'inspect <program.so|program.s>',
  async run(args, io) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    const [path] = positionals;
    if (!path) return usageError(io, inspect, 'missing program');
    const bytes = readProgram(path);
    const runtime = new SvmRuntime();
    try {
      const elf = new Elf64(bytes);
      io.out(
        `machine ${elf.header.machine}  e_flags ${elf.header.flags}  entry 0x${elf.header.entry.toString(16)}`,
      );
      for (const s of elf.sections) {
        const name = new TextDecoder().decode(elf.sectionName(s)) || '(null)';
        io.out(
          `  ${name.padEnd(16)} type ${String(s.type).padStart(2)}  addr 0x${s.addr.toString(16).padStart(6, '0')}  size ${s.size}`,
        );
      }
      io.out(`dynamic relocations: ${elf.dynamicRelocations?.length ?? 0}`);
      const executable = loadElf(bytes, { syscalls: runtime.syscalls });
      const referenced = new Set<string>();
      executable.decoded.opcode.forEach((op, pc) => {
        const name =
          op === 0x85 ? runtime.syscalls.lookup(executable.decoded.imm[pc]! >>> 0)?.name : undefined;
        if (name) referenced.add(name);
      });
      const unresolved = executable.unresolvedSyscalls ?? [];
      const summary = `instructions ${executable.decoded.count}  entry pc ${executable.entryPc}  functions ${executable.functions.size}`;
      if (unresolved.length > 0) {
        // Deploying refuses the first one (`reject_broken_elfs`); list them all so none is a surprise.
        io.out(
          `loads: no  (${unresolved.length} unresolved syscall${unresolved.length === 1 ? '' : 's'})  ${summary}`,
        );
        for (const name of unresolved) io.out(`  unresolved syscall: ${name}`);
      } else {
        io.out(`loads: yes  ${summary}`);
      }
      io.out(`syscalls: ${[...referenced].sort().join(', ') || 'none'}`);
      if (unresolved.length > 0) return 1;
      verifyProgram(executable.text, executable.decoded);
      io.out('verifier: passed');
      return 0;
    } catch (err) {
      if (err instanceof VerifierError) {
        io.out(`verifier: rejected  (${err.message})`);
        return 1;
      }
      if (!(err instanceof ElfError)) throw err;
      io.out(`loads: no  (${err.message})`);
      return 1;
    }
  },
};

interface RunArgs {
  path: string;
  input: Uint8Array;
  /** `--cu`: sent as a ComputeBudget `SetComputeUnitLimit`, as a Solana client would (else agave's default). */
  computeUnitLimit: number | undefined;
  /** Program-owned accounts passed to the instruction, in order. */
  accounts: Array<{ key: Uint8Array; data: Uint8Array; writable: boolean }>;
}

/** `--account w:<hex>` / `r:<hex>`: a program-owned account (1 SOL) with that data, writable or not. */
function parseAccount(spec: string, index: number): RunArgs['accounts'][number] {
  const match = /^([wr]):([0-9a-fA-F]*)$/.exec(spec);
  if (!match) throw new InvalidArgumentError(`--account expects w:<hex> or r:<hex>, got "${spec}"`);
  return { key: addressFromNumber(0xacc0 + index, 32), data: fromHex(match[2]!), writable: match[1] === 'w' };
}

function parseRunOptions(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      input: { type: 'string' },
      cu: { type: 'string' },
      limit: { type: 'string' },
      account: { type: 'string', multiple: true },
    },
  });
}

const le32 = (value: number): number[] => [0, 8, 16, 24].map((shift) => (value >>> shift) & 0xff);

function parseRunArgs(command: Command, args: string[], io: CommandIO) {
  let parsedArgs: ReturnType<typeof parseRunOptions>;
  try {
    parsedArgs = parseRunOptions(args);
  } catch (err) {
    // node:util parseArgs reports unknown or ambiguous options (`--cu -1`) as a TypeError.
    return { error: usageError(io, command, (err as Error).message) };
  }
  const { values, positionals } = parsedArgs;
  const [path] = positionals;
  if (!path) return { error: usageError(io, command, 'missing program') };
  const cu = values.cu === undefined ? undefined : String(values.cu);
  if (cu !== undefined && (!/^\d+$/.test(cu) || Number(cu) > 0xffffffff)) {
    return {
      error: usageError(io, command, `--cu expects a compute-unit limit from 0 to 4294967295, got "${cu}"`),
    };
  }
  const parsed: RunArgs = {
    path,
    input: values.input ? fromHex(String(values.input)) : new Uint8Array(0),
    computeUnitLimit: cu === undefined ? undefined : Number(cu),
    accounts: (values.account ?? []).map(parseAccount),
  };
  return { parsed, values };
}

/** Deploys the program into a fresh state with a funded payer and runs one instruction. */
function runOnce(parsed: RunArgs, tracer?: Parameters<SvmRuntime['execute']>[2]) {
  const runtime = new SvmRuntime();
  const state = new JournaledState();
  writeAccount(state, PAYER, walletAccount(1_000_000_000n));
  const deployed = runtime.deploy(state, {
    sender: PAYER,
    code: readProgram(parsed.path),
    address: PROGRAM,
    gasLimit: 0n,
  });
  if (deployed.status !== 'success') return { receipt: deployed, state };
  for (const a of parsed.accounts) {
    writeAccount(state, a.key, {
      lamports: 1_000_000_000n,
      owner: PROGRAM,
      executable: false,
      rentEpoch: 0n,
      data: a.data,
    });
  }
  const call: SvmInstruction = {
    programId: PROGRAM,
    accounts: parsed.accounts.map((a) => ({ pubkey: a.key, isSigner: false, isWritable: a.writable })),
    data: parsed.input,
  };
  const limit = parsed.computeUnitLimit;
  const budget: SvmInstruction[] =
    limit === undefined
      ? []
      : [
          {
            programId: COMPUTE_BUDGET_PROGRAM_ID,
            accounts: [],
            data: Uint8Array.of(ComputeBudgetInstruction.SetComputeUnitLimit, ...le32(limit)),
          },
        ];
  const receipt = runtime.execute(
    state,
    {
      sender: PAYER,
      input: new Uint8Array(0),
      value: 0n,
      gasLimit: BigInt(COSTS.max_compute_unit_limit),
      nonce: 0n,
      payload: { instructions: [...budget, call] },
    },
    tracer,
  );
  return { receipt, state };
}

const run: Command = {
  name: 'run',
  summary: 'deploy a program and run one instruction: status, compute units, logs, return data',
  usage:
    'run <program.so|program.s> [--input <hex>] [--cu <limit: SetComputeUnitLimit>] [--account w:<hex>|r:<hex>]...',
  async run(args, io) {
    const { parsed, error } = parseRunArgs(run, args, io);
    if (!parsed) return error;
    const { receipt, state } = runOnce(parsed);
    for (const line of receipt.logs) io.out(line);
    io.out(
      `status ${receipt.status}  compute units ${receipt.gasUsed}  instructions ${receipt.metrics.instructions}`,
    );
    if (receipt.returnData.length > 0) io.out(`return ${toHex(receipt.returnData)}`);
    if (receipt.error) io.out(`error ${receipt.error.message}`);
    io.out(`program ${toBase58(PROGRAM)}`);
    for (const a of parsed.accounts) {
      io.out(
        `account ${toBase58(a.key)} data ${toHex(readAccount(state, a.key)?.data ?? new Uint8Array(0))}`,
      );
    }
    return receipt.status === 'success' ? 0 : 1;
  },
};

const trace: Command = {
  name: 'trace',
  summary: 'run one instruction and print every executed sBPF instruction with registers',
  usage:
    'trace <program.so|program.s> [--input <hex>] [--cu <limit: SetComputeUnitLimit>] [--account w:<hex>|r:<hex>]... [--limit <steps>]',
  async run(args, io) {
    const { parsed, error, values } = parseRunArgs(trace, args, io);
    if (!parsed) return error;
    const limit = Number(values?.limit ?? 10_000);
    const { tracer, steps, truncated } = collectSteps(limit);
    const { receipt } = runOnce(parsed, { tracer });
    for (const step of steps) io.out(formatStep(step));
    if (truncated()) io.out(`... trace truncated at ${limit} steps`);
    io.out(`status ${receipt.status}  compute units ${receipt.gasUsed}`);
    return receipt.status === 'success' ? 0 : 1;
  },
};

export const commandGroup: CommandGroup = {
  name: 'svm',
  summary: 'sBPF programs: run, trace, disassemble and inspect Solana-style ELFs',
  commands: [run, trace, disasm, inspect],
};
