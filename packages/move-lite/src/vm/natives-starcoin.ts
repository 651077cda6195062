import { vmError } from './errors.js';
import { big, canonical, type Int } from './ints.js';
import { vectorAt, vectorIndex } from './native-values.js';
import type { NativeFunction } from './natives.js';
import type { Ref, Value } from './value.js';

/**
 * Natives only the Starcoin framework declares (starcoin `vm/natives`): extra vector helpers,
 * `Token::name_of`, `Account::create_signer` and the U256 arithmetic of `U256.move`
 * (`struct U256 { bits: vector<u64> }`, four little-endian 64-bit limbs).
 */

const VECTOR: Record<string, NativeFunction> = {
  native_append: (_c, _t, [r, other]) => {
    vectorAt(r!).push(...(other as Value[]));
    return [];
  },
  native_remove: (_c, _t, [r, i]) => {
    const v = vectorAt(r!);
    return [v.splice(vectorIndex(v, i!), 1)[0]!];
  },
  native_reverse: (_c, _t, [r]) => {
    vectorAt(r!).reverse();
    return [];
  },
  spawn_from: (_c, _t, [r, start, end]) => {
    const v = vectorAt(r!);
    const s = Number(start as Int);
    const e = Number(end as Int);
    if (s > e || e > v.length)
      throw vmError('VECTOR_OPERATION_ERROR', `spawn_from ${s}..${e} of ${v.length}`);
    return [v.slice(s, e)];
  },
};

const TOKEN: Record<string, NativeFunction> = {
  // Token::name_of<T>(): (address, module name, struct name) of the token type.
  name_of: (_c, [t]) => {
    if (t!.k !== 'struct') throw vmError('TYPE_MISMATCH', 'name_of needs a struct type');
    const ascii = (s: string): Value[] => Array.from(s, (c) => c.charCodeAt(0));
    return [t!.s.address, ascii(t!.s.moduleName), ascii(t!.s.name)];
  },
};

const ACCOUNT: Record<string, NativeFunction> = {
  // A signer's representation is its address.
  create_signer: (_c, _t, [addr]) => [addr!],
};

const U256_MAX = (1n << 256n) - 1n;
const LIMB = (1n << 64n) - 1n;

function toBig(u: Value): bigint {
  const limbs = (u as Value[])[0] as Int[];
  let v = 0n;
  for (let i = limbs.length - 1; i >= 0; i--) v = (v << 64n) | big(limbs[i]!);
  return v;
}

function fromBig(v: bigint): Value {
  return [[v & LIMB, (v >> 64n) & LIMB, (v >> 128n) & LIMB, (v >> 192n) & LIMB].map(canonical)];
}

const checked = (v: bigint, op: string): bigint => {
  if (v < 0n || v > U256_MAX) throw vmError('ARITHMETIC_ERROR', `U256 ${op} overflow`);
  return v;
};

const binary =
  (op: string, f: (a: bigint, b: bigint) => bigint): NativeFunction =>
  (_c, _t, [a, b]) => {
    const target = a as Ref;
    target.write(fromBig(checked(f(toBig(target.read()), toBig((b as Ref).read())), op)));
    return [];
  };

const nonZero = (b: bigint): bigint => {
  if (b === 0n) throw vmError('ARITHMETIC_ERROR', 'U256 division by zero');
  return b;
};

const U256: Record<string, NativeFunction> = {
  native_add: binary('add', (a, b) => a + b),
  native_sub: binary('sub', (a, b) => a - b),
  native_mul: binary('mul', (a, b) => a * b),
  native_div: binary('div', (a, b) => a / nonZero(b)),
  native_rem: binary('rem', (a, b) => a % nonZero(b)),
  native_pow: binary('pow', (a, b) => {
    if (b > 256n && a > 1n) throw vmError('ARITHMETIC_ERROR', 'U256 pow overflow');
    return a ** b;
  }),
  from_bytes: (_c, _t, [r, bigEndian]) => {
    const bytes = ((r as Ref).read() as Int[]).map(big);
    if (bytes.length > 32) throw vmError('ARITHMETIC_ERROR', 'U256 from more than 32 bytes');
    if (!bigEndian) bytes.reverse();
    return [fromBig(bytes.reduce((acc, b) => (acc << 8n) | b, 0n))];
  },
};

export function starcoinNatives(): Map<string, NativeFunction> {
  const table = new Map<string, NativeFunction>();
  const add = (module: string, fns: Record<string, NativeFunction>): void => {
    for (const [name, fn] of Object.entries(fns)) table.set(`0x1::${module}::${name}`, fn);
  };
  add('Vector', VECTOR);
  add('Token', TOKEN);
  add('Account', ACCOUNT);
  add('U256', U256);
  return table;
}
