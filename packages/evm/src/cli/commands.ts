import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  addressFromNumber,
  type Command,
  type CommandGroup,
  type CommandIO,
  fromHex,
  JournaledState,
  PolyvmError,
  toHex,
} from '@polyvm/core';
import { assemble } from '../asm/assembler.js';
import { formatDisassembly } from '../asm/disassembler.js';
import { ethereumStateRoot } from '../commit/state-root.js';
import { DEFAULT_FORK, FORKS, isFork } from '../fork.js';
import { addressWord, World } from '../host/world.js';
import { EvmRuntime } from '../runtime.js';
import { collectFiles, runFile } from '../statetest/runner.js';
import { runFileWithTimeLimit } from '../statetest/time-limit.js';
import { eip3155Summary, eip3155Tracer } from '../trace/eip3155.js';

/** Reads bytecode given as hex, as a file of hex, or (with `asm`) as assembly source. */
function readCode(arg: string, isAssembly: boolean): Uint8Array {
  let text = arg;
  if (!/^(0x)?[0-9a-fA-F]*$/.test(arg) || isAssembly) {
    try {
      text = readFileSync(arg, 'utf8');
    } catch {
      if (!isAssembly)
        throw new PolyvmError('INVALID_ARGUMENT', `"${arg}" is neither hex nor a readable file`);
    }
  }
  return isAssembly ? assemble(text) : fromHex(text.trim());
}

async function guarded(io: CommandIO, body: () => number | Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

/** Default wall-clock limit per state-test case; `--time-limit 0` runs in-process without one. */
const DEFAULT_TIME_LIMIT_SECONDS = 60;

const statetest: Command = {
  name: 'statetest',
  summary: 'Run ethereum/tests GeneralStateTests JSON fixtures and check state roots and logs hashes',
  usage:
    'statetest <file-or-dir>... [--fork Cancun|Prague] [--time-limit seconds (per case, 0 = none)] [--quiet] [--trace]',
  run: (args, io) =>
    guarded(io, async () => {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: {
          fork: { type: 'string', default: DEFAULT_FORK },
          'time-limit': { type: 'string', default: String(DEFAULT_TIME_LIMIT_SECONDS) },
          quiet: { type: 'boolean', default: false },
          trace: { type: 'boolean', default: false },
        },
      });
      if (positionals.length === 0) throw new Error(`usage: ${statetest.usage}`);
      const fork = values.fork!;
      // An unknown fork must not silently run with another fork's rules.
      if (!isFork(fork)) throw new Error(`unsupported fork ${fork}: expected one of ${FORKS.join(', ')}`);
      const limitText = values['time-limit']!;
      if (!/^\d+(\.\d+)?$/.test(limitText))
        throw new Error(`--time-limit must be a non-negative number of seconds, got ${limitText}`);
      const limitMs = Number(limitText) * 1000;
      let passed = 0;
      let failed = 0;
      for (const file of collectFiles(positionals)) {
        // EIP-3155 lines go to stderr so the PASS/FAIL report on stdout stays readable; traced runs stay
        // in-process (no time limit) so every line reaches the tracer.
        const results =
          values.trace || limitMs === 0
            ? runFile(file, fork, values.trace ? { tracer: eip3155Tracer((line) => io.err(line)) } : {})
            : await runFileWithTimeLimit(file, fork, limitMs);
        for (const result of results) {
          const where = `${result.test} [d=${result.index.data} g=${result.index.gas} v=${result.index.value}]`;
          if (result.pass) {
            passed++;
            if (!values.quiet) io.out(`PASS ${where}`);
          } else {
            failed++;
            io.out(`FAIL ${where}: ${result.message}`);
          }
        }
      }
      io.out(`${passed} passed, ${failed} failed, ${passed + failed} total (fork ${fork})`);
      return failed === 0 && passed > 0 ? 0 : 1;
    }),
};

const run: Command = {
  name: 'run',
  summary: 'Run bytecode as a contract call in a fresh state; --trace prints EIP-3155 JSON lines',
  usage: 'run <hex|file> [--asm] [--input hex] [--value n] [--gas n] [--fork Cancun|Prague] [--trace]',
  run: (args, io) =>
    guarded(io, () => {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: {
          asm: { type: 'boolean', default: false },
          input: { type: 'string', default: '0x' },
          value: { type: 'string', default: '0' },
          gas: { type: 'string', default: '10000000' },
          fork: { type: 'string', default: DEFAULT_FORK },
          trace: { type: 'boolean', default: false },
        },
      });
      const source = positionals[0];
      if (source === undefined) throw new Error(`usage: ${run.usage}`);
      const fork = values.fork!;
      if (!isFork(fork)) throw new Error(`unknown fork ${fork}: expected one of ${FORKS.join(', ')}`);
      const code = readCode(source, values.asm!);
      const state = new JournaledState();
      const world = new World(state);
      const contract = addressFromNumber(0xc0de, 20);
      const sender = addressFromNumber(0xca11e7, 20);
      world.setCode(addressWord(contract), code);
      world.setBalance(addressWord(sender), 10n ** 24n);
      const receipt = new EvmRuntime({ fork }).execute(
        state,
        {
          sender,
          to: contract,
          input: fromHex(values.input!),
          value: BigInt(values.value!),
          gasLimit: BigInt(values.gas!),
          nonce: 0n,
        },
        values.trace ? { tracer: eip3155Tracer((line) => io.out(line)) } : {},
      );
      const ok = receipt.status === 'success';
      if (values.trace) {
        io.out(eip3155Summary(receipt.returnData, receipt.gasUsed, ok, toHex(ethereumStateRoot(state))));
      } else {
        io.out(
          JSON.stringify({
            status: receipt.status,
            gasUsed: receipt.gasUsed,
            output: toHex(receipt.returnData),
            ...(receipt.error ? { error: receipt.error.message } : {}),
          }),
        );
      }
      return ok ? 0 : 1;
    }),
};

const asm: Command = {
  name: 'asm',
  summary: 'Assemble EVM assembly (file, or inline with --code) to hex bytecode',
  usage: 'asm <file> | asm --code "PUSH 1 PUSH 2 ADD"',
  run: (args, io) =>
    guarded(io, () => {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { code: { type: 'string' } },
      });
      const source = values.code ?? (positionals[0] ? readFileSync(positionals[0], 'utf8') : undefined);
      if (source === undefined) throw new Error(`usage: ${asm.usage}`);
      io.out(toHex(assemble(source)));
      return 0;
    }),
};

const disasm: Command = {
  name: 'disasm',
  summary: 'Disassemble hex bytecode (inline or from a file)',
  usage: 'disasm <hex|file>',
  run: (args, io) =>
    guarded(io, () => {
      const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
      if (positionals[0] === undefined) throw new Error(`usage: ${disasm.usage}`);
      io.out(formatDisassembly(readCode(positionals[0], false)));
      return 0;
    }),
};

export const commandGroup: CommandGroup = {
  name: 'evm',
  summary: 'Ethereum Virtual Machine (Cancun, Prague): state tests, traces, assembler',
  commands: [statetest, run, asm, disasm],
};
