import { parseArgs } from 'node:util';
import type { Command, CommandGroup, CommandIO } from '@polyvm/core';
import { collectFiles, runFile } from '../statetest/runner.js';
import { eip3155Tracer } from '../trace/eip3155.js';
import { asmCommand, disasmCommand } from './asm.js';
import { runCommand } from './run.js';

async function guarded(io: CommandIO, body: () => number): Promise<number> {
  try {
    return body();
  } catch (error) {
    io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

const statetest: Command = {
  name: 'statetest',
  summary: 'Run ethereum/tests GeneralStateTests JSON fixtures and check state roots and logs hashes',
  usage: 'statetest <file-or-dir>... [--fork Cancun|Prague] [--quiet] [--trace]',
  run: (args, io) =>
    guarded(io, () => {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: {
          fork: { type: 'string', default: 'Cancun' },
          quiet: { type: 'boolean', default: false },
          trace: { type: 'boolean', default: false },
        },
      });
      if (positionals.length === 0) throw new Error(`usage: ${statetest.usage}`);
      let passed = 0;
      let failed = 0;
      for (const file of collectFiles(positionals)) {
        // EIP-3155 lines go to stderr so the PASS/FAIL report on stdout stays readable.
        const tracer = values.trace ? eip3155Tracer((line) => io.err(line)) : undefined;
        for (const result of runFile(file, values.fork!, tracer)) {
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
      io.out(`${passed} passed, ${failed} failed, ${passed + failed} total (fork ${values.fork})`);
      return failed === 0 && passed > 0 ? 0 : 1;
    }),
};

export const commandGroup: CommandGroup = {
  name: 'evm',
  summary: 'Ethereum Virtual Machine (Cancun, Prague): state tests, traces, assembler',
  commands: [statetest, runCommand, asmCommand, disasmCommand],
};
