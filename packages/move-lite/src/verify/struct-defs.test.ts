import { describe, expect, it } from 'vitest';
import { assemble } from '../asm/assemble.js';
import { verifyModule } from './verifier.js';

const mod = (body: string) => assemble(`module 0x42::s\n${body}`, { addressWidth: 32 });

describe('struct definitions', () => {
  it('a struct without fields is ZERO_SIZED_STRUCT', () => {
    expect(() => verifyModule(mod('struct E has drop {\n}\n'))).toThrow(/ZERO_SIZED_STRUCT/);
  });
  it('a struct containing itself is RECURSIVE_STRUCT_DEFINITION', () => {
    expect(() => verifyModule(mod('struct S {\n f: S\n}\n'))).toThrow(/RECURSIVE_STRUCT_DEFINITION/);
  });
  it('recursion through another struct, a vector or a type argument is refused too', () => {
    expect(() => verifyModule(mod('struct A {\n b: B\n}\nstruct B {\n a: vector<A>\n}\n'))).toThrow(
      /RECURSIVE_STRUCT_DEFINITION/,
    );
    expect(() => verifyModule(mod('struct W<T0> {\n v: T0\n}\nstruct S {\n w: W<S>\n}\n'))).toThrow(
      /RECURSIVE_STRUCT_DEFINITION/,
    );
  });
  it('a diamond of structs is not a cycle', () => {
    const ok = mod(
      'struct D {\n x: u64\n}\nstruct B {\n d: D\n}\nstruct C {\n d: D\n}\nstruct A {\n b: B,\n c: C\n}\n',
    );
    expect(() => verifyModule(ok)).not.toThrow();
  });
});
