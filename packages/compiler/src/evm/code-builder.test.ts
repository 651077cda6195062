import { toHex } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { CodeBuilder } from './code-builder.js';

describe('CodeBuilder', () => {
  it('emits minimal pushes, NOT for mostly-ones words, and PUSH2 labels', () => {
    const b = new CodeBuilder();
    const loop = b.newLabel('loop');
    b.push(0).push(255).push(-1n).pop(3);
    b.mark(loop).push(1).jumpIf(loop).op('STOP');
    expect(toHex(b.build())).toBe('0x5f60ff5f195050505b600161000857' + '00');
  });
  it('pushes selectors and high-byte masks as a shifted small value', () => {
    const b = new CodeBuilder();
    b.push(0x4e487b71n << 224n)
      .push(0xffffffffn << 224n)
      .push(1n << 255n);
    expect(toHex(b.build())).toBe('0x634e487b7160e01b63ffffffff60e01b608060f81b');
  });
  it('rejects paths that reach a label with different stack heights', () => {
    const b = new CodeBuilder();
    const join = b.newLabel('join');
    b.push(1).jumpIf(join).push(7);
    expect(() => b.mark(join)).toThrow(/reached with height 1, expected 0/);
  });
  it('places data after code and resolves its label', () => {
    const b = new CodeBuilder();
    const blob = b.data('blob', Uint8Array.of(0xaa, 0xbb));
    b.pushLabel(blob).op('STOP');
    expect(toHex(b.build())).toBe('0x61000400aabb');
  });
  it('refuses DUP17 as stack too deep', () => {
    expect(() => new CodeBuilder(20).dup(17)).toThrow(/stack too deep/);
  });
});
