import { type Command, locateFixtures } from '@polyvm/core';
import type { SpecMode } from '../spec/runner.js';
import { formatSuite, runSpecSuite } from '../spec/suite.js';
import { parseCommandArgs, pathProblem, usageError } from './args.js';

export const specCommand: Command = {
  name: 'spec',
  summary:
    'run the WebAssembly spec suite (wast2json scripts): instrumented on V8, original on V8, or interpreted',
  usage: 'spec [dir] [--mode instrumented|original|interpreter] [--file name.json]... [--failures]',
  async run(args, io) {
    const parsed = parseCommandArgs(args, {
      mode: { type: 'string', default: 'instrumented' },
      file: { type: 'string', multiple: true },
      failures: { type: 'boolean' },
    });
    if (typeof parsed === 'string') return usageError(io, this.usage, parsed);
    const { positionals } = parsed;
    const values = parsed.values as { mode?: string; file?: string[]; failures?: boolean };
    const dir = positionals[0] ?? locateFixtures('wasm/spec-mvp').dir;
    if (!dir) {
      io.err('no spec directory given and ../shared/fixtures/wasm/spec-mvp not found\n');
      return 2;
    }
    const problem = pathProblem(dir, 'directory');
    if (problem) return usageError(io, this.usage, problem);
    if (!['instrumented', 'original', 'interpreter'].includes(values.mode ?? '')) {
      io.err(`--mode must be instrumented, original or interpreter, got ${values.mode}\n`);
      return 2;
    }
    const report = runSpecSuite(dir, values.mode as SpecMode, values.file);
    io.out(`${formatSuite(report)}\n`);
    if (values.failures) for (const f of report.failures) io.out(`  FAIL ${f}\n`);
    return report.total.failed === 0 ? 0 : 1;
  },
};
