import { describe, expect, it } from 'vitest';
import { decodeRevert } from '../abi/revert.js';
import type { IrError } from '../ir/contract.js';
import { UINT256 } from '../ir/types.js';
import { AbortCodes } from './abort-codes.js';

const TOO_LARGE: IrError = {
  name: 'TooLarge',
  signature: 'TooLarge(uint256)',
  selector: 'a5bd2b6a',
  params: [{ name: 'value', type: UINT256 }],
};

describe('move abort codes', () => {
  it('gives each distinct revert one code and decodes it back to the EVM reason', () => {
    const codes = new AbortCodes();
    const message = codes.message(new TextEncoder().encode('zero'));
    const panic = codes.panic(0x12);
    const custom = codes.custom(TOO_LARGE, [7n]);
    const empty = codes.empty();
    expect(new Set([message, panic, custom, empty]).size).toBe(4);
    expect(codes.message(new TextEncoder().encode('zero'))).toBe(message);
    expect(codes.custom(TOO_LARGE, [8n])).not.toBe(custom);
    const table = codes.table();
    expect(decodeRevert(table.get(message)!, [])).toEqual({ kind: 'error', message: 'zero' });
    expect(decodeRevert(table.get(panic)!, [])).toEqual({ kind: 'panic', code: 0x12 });
    expect(decodeRevert(table.get(custom)!, [TOO_LARGE])).toEqual({
      kind: 'custom',
      name: 'TooLarge',
      args: [7n],
    });
    expect(decodeRevert(table.get(empty)!, [])).toEqual({ kind: 'empty' });
  });

  it('gives each computed custom-error site its own code, shared by a function and its diagnostic twin', () => {
    const codes = new AbortCodes();
    const first = codes.site(TOO_LARGE, 'C.f():0');
    const second = codes.site(TOO_LARGE, 'C.f():1');
    expect(second).not.toBe(first);
    expect(codes.site(TOO_LARGE, 'C.f():0')).toBe(first);
    expect(codes.table().has(first)).toBe(false);
    expect(codes.sites().get(first)).toBe(TOO_LARGE);
    expect(codes.message(new TextEncoder().encode('x'))).not.toBe(second);
  });
});
