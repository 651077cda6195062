/** The in-module Keccak-256 and SHA-256 against @noble/hashes, for every length across block boundaries. */
import { sha256 } from '@noble/hashes/sha2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { describe, expect, it } from 'vitest';
import { assemble } from './compile-module.js';
import { cryptoFunctions } from './crypto-wat.js';
import { StringTable } from './strings.js';

const MESSAGE = 70_000;

function instance() {
  const strings = new StringTable();
  const functions = cryptoFunctions(strings);
  const wat = `(module (memory (export "memory") 4)
    (func $reserve (param $end i32))
    ${functions}
    (func (export "keccak") (param i32 i32 i32) (call $keccak256 (local.get 0) (local.get 1) (local.get 2)))
    (func (export "sha") (param i32 i32 i32) (call $sha256_ (local.get 0) (local.get 1) (local.get 2)))
    ${strings.dataSegment()})`;
  const module = new WebAssembly.Module(assemble(wat, 'crypto') as Uint8Array<ArrayBuffer>);
  return new WebAssembly.Instance(module).exports as {
    memory: WebAssembly.Memory;
    keccak: (p: number, n: number, d: number) => void;
    sha: (p: number, n: number, d: number) => void;
  };
}

describe('in-module hashes', () => {
  const wasm = instance();
  const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 131 + 7) & 0xff);
  for (const [name, fn, reference] of [
    ['keccak256', wasm.keccak, keccak_256],
    ['sha256', wasm.sha, sha256],
  ] as const) {
    it(`${name} of 0…300 bytes equals @noble/hashes`, () => {
      for (let n = 0; n <= 300; n++) {
        const message = bytes(n);
        new Uint8Array(wasm.memory.buffer).set(message, MESSAGE);
        fn(MESSAGE, n, 0);
        expect(new Uint8Array(wasm.memory.buffer, 0, 32), `${name} of ${n} bytes`).toEqual(
          reference(message),
        );
      }
    });
  }
});
