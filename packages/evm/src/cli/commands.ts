import { parseArgs } from 'node:util';
import type { Command, CommandGroup, CommandIO } from '@polyvm/core';
import { DEFAULT_FORK, FORKS, isFork } from '../fork.js';
import { collectFiles, runFile } from '../statetest/runner.js';
import { runFileWithTimeLimit } from '../statetest/time-limit.js';
import { eip3155Tracer } from '../trace/eip3155.js';
import { asmCommand, disasmCommand } from './asm.js';
import { runCommand } from './run.js';

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

export const commandGroup: CommandGroup = {
  name: 'evm',
  summary: 'Ethereum Virtual Machine (Cancun, Prague): state tests, traces, assembler',
  commands: [statetest, runCommand, asmCommand, disasmCommand],
};
