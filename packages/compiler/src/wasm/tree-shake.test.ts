import { describe, expect, it } from 'vitest';
import { assemble } from './compile-module.js';
import { treeShake } from './tree-shake.js';

const MODULE = `(module
  (import "env" "f" (func $host (param i32)))
  (memory (export "memory") 1)
  (global $g (mut i32) (i32.const 0))
  ;; a comment with (unbalanced parentheses
  (func $used (result i32) (call $helper))
  (func $helper (result i32) (i32.const 7))
  (func $unused (call $helper_of_unused))
  (func $helper_of_unused (call $host (i32.const 1)))
  (func (export "run") (result i32) (call $used))
  (data (i32.const 0) "a (string) \\22 with parentheses")
)`;

describe('treeShake', () => {
  it('keeps what the exports reach and drops the rest', () => {
    const shaken = treeShake(MODULE);
    expect(shaken).toContain('(func $used');
    expect(shaken).toContain('(func $helper ');
    expect(shaken).not.toContain('$unused');
    expect(shaken).not.toContain('(func $helper_of_unused');
    expect(shaken).toContain('(import "env" "f"');
    expect(shaken).toContain('"a (string) \\22 with parentheses"');
    const module = new WebAssembly.Module(assemble(shaken, 'shaken') as Uint8Array<ArrayBuffer>);
    const instance = new WebAssembly.Instance(module, { env: { f: () => {} } });
    expect((instance.exports.run as () => number)()).toBe(7);
  });
});
