import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  choiceOption,
  expectPositionals,
  hexOption,
  integerOption,
  isDirectoryInput,
  parseCommandLine,
  parseUserInput,
  readInputFile,
  requireDirectory,
} from './command-input.js';
import { DecodeError, InvalidArgumentError } from './errors.js';

const dir = mkdtempSync(join(tmpdir(), 'polyvm-input-'));

describe('command-line input for runtime command groups', () => {
  it('parses flags strictly, and lets a value flag take a negative number', () => {
    const options = { gas: { type: 'string' }, json: { type: 'boolean' } } as const;
    expect(parseCommandLine(['f', '--gas', '-1', '--json'], options)).toEqual({
      values: { gas: '-1', json: true },
      positionals: ['f'],
    });
    expect(() => parseCommandLine(['--bogus'], options)).toThrow(
      new InvalidArgumentError("Unknown option '--bogus' (accepted: --gas, --json)"),
    );
    expect(() => parseCommandLine(['--gas'], options)).toThrow(InvalidArgumentError);
  });

  it('refuses negative, fractional and oversized integers and unknown choices', () => {
    expect(integerOption(undefined, 'gas', 7n)).toBe(7n);
    expect(integerOption('0x10', 'gas', 0n)).toBe(16n);
    expect(() => integerOption('-1', 'gas', 0n)).toThrow('--gas must be a non-negative integer, got "-1"');
    expect(() => integerOption('1e3', 'gas', 0n)).toThrow(InvalidArgumentError);
    expect(() => integerOption('11', 'cu', 0n, 10n)).toThrow('--cu must be at most 10, got 11');
    expect(choiceOption(undefined, 'profile', ['near', 'cosmwasm'], 'near')).toBe('near');
    expect(() => choiceOption('bogus', 'profile', ['near', 'cosmwasm'], 'near')).toThrow(
      '--profile must be one of near, cosmwasm, got "bogus"',
    );
    expect(hexOption('0x01ff', 'input')).toEqual(Uint8Array.of(1, 255));
    expect(() => hexOption('zz', 'arg')).toThrow('--arg must be hex bytes');
  });

  it('names the path and the reason when a file or folder cannot be used', () => {
    const empty = join(dir, 'empty');
    writeFileSync(empty, '');
    expect(() => readInputFile(join(dir, 'none'), 'module')).toThrow(
      /cannot read module ".*none": no such file/,
    );
    expect(() => readInputFile(dir, 'module')).toThrow('is a directory');
    expect(() => readInputFile(empty, 'module')).toThrow('is empty');
    expect(() => requireDirectory(empty, 'spec folder')).toThrow('is not a directory');
    expect(() => requireDirectory(join(dir, 'none'))).toThrow('no such file');
    expect(isDirectoryInput(dir)).toBe(true);
    expect(isDirectoryInput(empty)).toBe(false);
    expect(() => isDirectoryInput(join(dir, 'none'))).toThrow(
      new InvalidArgumentError(`cannot read "${join(dir, 'none')}": no such file or directory`),
    );
  });

  it('turns a decode error of user source into a usage error, and names positionals', () => {
    expect(() =>
      parseUserInput('assembly', () => {
        throw new DecodeError('line 1: bad');
      }),
    ).toThrow(new InvalidArgumentError('assembly: line 1: bad'));
    expect(() =>
      parseUserInput('x', () => {
        throw new TypeError('bug');
      }),
    ).toThrow(TypeError);
    expect(expectPositionals(['a'], ['file'])).toEqual(['a']);
    expect(() => expectPositionals([], ['file'])).toThrow('missing <file>');
    expect(() => expectPositionals(['a', 'b'], ['file'])).toThrow('unexpected argument "b"');
  });
});
