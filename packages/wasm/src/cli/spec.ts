import {
  type Command,
  choiceOption,
  InvalidArgumentError,
  locateFixtures,
  parseCommandLine,
  requireDirectory,
} from '@polyvm/core';
import type { SpecMode } from '../spec/runner.js';
import { formatSuite, runSpecSuite } from '../spec/suite.js';

export const specCommand: Command = {
  name: 'spec',
  summary:
    'run the WebAssembly spec suite (wast2json scripts): instrumented on V8, original on V8, or interpreted',
  usage: 'spec [dir] [--mode instrumented|original|interpreter] [--file name.json]... [--failures]',
  async run(args, io) {
    const { positionals, values } = parseCommandLine(args, {
      mode: { type: 'string' },
      file: { type: 'string', multiple: true },
      failures: { type: 'boolean' },
    } as const);
    if (positionals.length > 1) throw new InvalidArgumentError(`unexpected argument "${positionals[1]}"`);
    const mode = choiceOption<SpecMode>(
      values.mode,
      'mode',
      ['instrumented', 'original', 'interpreter'],
      'instrumented',
    );
    const dir = positionals[0] ?? locateFixtures('wasm/spec-mvp').dir;
    if (!dir)
      throw new InvalidArgumentError(
        'no spec directory given and ../shared/fixtures/wasm/spec-mvp not found',
      );
    requireDirectory(dir, 'spec directory');
    const report = runSpecSuite(dir, mode, values.file);
    io.out(`${formatSuite(report)}\n`);
    if (values.failures) for (const f of report.failures) io.out(`  FAIL ${f}\n`);
    return report.total.failed === 0 ? 0 : 1;
  },
};
