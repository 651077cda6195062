import { describe, expect, it } from 'vitest';
import { alignColumns, textTable } from './text-table.js';

describe('text tables', () => {
  it('pads every column but the last to its widest cell', () => {
    expect(
      textTable(
        ['NAME', 'UNIT'],
        [
          ['evm', 'gas'],
          ['svm', 'compute units'],
        ],
      ),
    ).toBe('NAME  UNIT\nevm   gas\nsvm   compute units');
  });

  it('trims trailing space from short rows', () => {
    expect(
      alignColumns([
        ['a', ''],
        ['bbb', 'x'],
      ]),
    ).toBe('a\nbbb  x');
  });
});
