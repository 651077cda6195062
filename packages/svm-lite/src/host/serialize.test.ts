import { describe, expect, it } from 'vitest';
import { emptyAccount } from './account.js';
import { inputOffsets, NON_DUP_MARKER, readSerializedAccount, serializeParameters } from './serialize.js';

const key = (n: number): Uint8Array => new Uint8Array(32).fill(n);

describe('aligned input serialization', () => {
  const a = { ...emptyAccount(), lamports: 7n, data: Uint8Array.of(1, 2, 3), owner: key(9) };
  const b = { ...emptyAccount(), lamports: 9n, data: new Uint8Array(8) };
  const { input, layout } = serializeParameters(
    [
      { key: key(1), account: a, isSigner: true, isWritable: true },
      { key: key(2), account: b, isSigner: false, isWritable: false },
      { key: key(1), account: a, isSigner: true, isWritable: true, duplicateOf: 0 },
    ],
    Uint8Array.of(0xaa, 0xbb),
    key(5),
  );
  const view = new DataView(input.buffer);
  const offsets = inputOffsets([3, 8]);

  it('lays out headers, 10 KiB realloc room and 8-byte alignment as agave does', () => {
    expect(view.getBigUint64(0, true)).toBe(3n);
    expect(input[8]).toBe(NON_DUP_MARKER);
    expect([...input.subarray(9, 12)]).toEqual([1, 1, 0]);
    expect(offsets.accounts[0]!.data).toBe(96);
    // 3 data bytes + 10240 room + 5 bytes padding + rent epoch
    expect(offsets.accounts[1]!.header).toBe(96 + 3 + 10240 + 5 + 8);
    expect(view.getBigUint64(offsets.accounts[1]!.lamports, true)).toBe(9n);
    expect(input[offsets.accounts[1]!.header + 2]).toBe(0);
  });

  it('marks a duplicate with the position of its first occurrence', () => {
    const dup = offsets.instructionDataLength;
    expect(input[dup]).toBe(0);
    expect(layout[2]!.duplicateOf).toBe(0);
    const afterDup = dup + 8;
    expect(view.getBigUint64(afterDup, true)).toBe(2n);
    expect([...input.subarray(afterDup + 8, afterDup + 10)]).toEqual([0xaa, 0xbb]);
    expect([...input.subarray(afterDup + 10, afterDup + 42)]).toEqual([...key(5)]);
  });

  it('reads back grown data within the realloc room and rejects more', () => {
    view.setBigUint64(layout[0]!.dataLength, 3n + 10240n, true);
    expect(readSerializedAccount(input, layout[0]!).data.length).toBe(10243);
    view.setBigUint64(layout[0]!.dataLength, 3n + 10241n, true);
    expect(() => readSerializedAccount(input, layout[0]!)).toThrow('Failed to reallocate account data');
  });
});
