import { describe, expect, it } from 'vitest';
import { expectPositionals, integerFlag, listFlag, parseArgs, stringFlag, switchFlag } from './args.js';
import { UsageError } from './usage-error.js';

const spec = { value: ['out', 'samples', 'runtimes'], switch: ['json'] };

describe('parseArgs', () => {
  it('reads --name value, --name=value, switches and positionals', () => {
    const args = parseArgs(['evm', '--out', 'r/', '--samples=3', '--json', 'counter'], spec);
    expect(args.positionals).toEqual(['evm', 'counter']);
    expect(stringFlag(args, 'out', 'x')).toBe('r/');
    expect(integerFlag(args, 'samples', 7, { min: 1, max: 9 })).toBe(3);
    expect(switchFlag(args, 'json')).toBe(true);
    expect(stringFlag(args, 'runtimes', 'all')).toBe('all');
  });

  it('treats everything after -- as positional', () => {
    expect(parseArgs(['--', '--json'], spec).positionals).toEqual(['--json']);
  });

  it.each([
    [['--sample', '1'], 'unknown flag --sample (accepted: --out, --samples, --runtimes, --json)'],
    [['--out'], '--out needs a value'],
    [['--out', '--json'], '--out needs a value'],
    [['--out='], '--out needs a value'],
    [['--json=yes'], '--json takes no value'],
    [['--json', '--json'], '--json is given twice'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseArgs(argv, spec, 'x')).toThrow(new UsageError(message, 'x'));
  });
});

describe('typed flag readers', () => {
  it('accepts only plain decimal integers in range', () => {
    const read = (v: string) =>
      integerFlag(parseArgs(['--samples', v], spec), 'samples', 1, { min: 1, max: 100 });
    expect(read('100')).toBe(100);
    for (const bad of ['0', '101', '1e2', '0x10', '-1', '3.0', ' 5']) {
      expect(() => read(bad)).toThrow(UsageError);
    }
  });

  it('splits lists and refuses empty or repeated items', () => {
    const list = (v: string) => listFlag(parseArgs(['--runtimes', v], spec), 'runtimes');
    expect(list('evm, wasm')).toEqual(['evm', 'wasm']);
    expect(() => list('evm,,wasm')).toThrow('--runtimes has an empty item: "evm,,wasm"');
    expect(() => list('evm,evm')).toThrow('--runtimes names "evm" twice');
    expect(listFlag(parseArgs([], spec), 'runtimes')).toBeUndefined();
  });

  it('names the missing or extra positional', () => {
    const usage = 'trace <runtime> <workload>';
    expect(() => expectPositionals(parseArgs(['evm'], spec), ['runtime', 'workload'], usage)).toThrow(
      'missing <workload>',
    );
    expect(() => expectPositionals(parseArgs(['a', 'b', 'c'], spec), ['runtime', 'workload'], usage)).toThrow(
      'unexpected argument "c"',
    );
    expect(expectPositionals(parseArgs(['a', 'b'], spec), ['runtime', 'workload'], usage)).toEqual([
      'a',
      'b',
    ]);
  });
});
