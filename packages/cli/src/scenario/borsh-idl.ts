import { createHash } from 'node:crypto';
import { InvalidArgumentError } from '@polyvm/core';

/** An Anchor IDL type as far as instruction arguments use it. */
export type IdlType = string | { vec: IdlType } | { option: IdlType } | { array: [IdlType, number] };

export interface IdlInstruction {
  name: string;
  args: { name: string; type: IdlType }[];
}

/** The parts of an Anchor IDL (JSON) the scenario encoder reads. */
export interface AnchorIdl {
  instructions: IdlInstruction[];
}

const INT_BITS: Readonly<Record<string, number>> = {
  u8: 8,
  i8: 8,
  u16: 16,
  i16: 16,
  u32: 32,
  i32: 32,
  u64: 64,
  i64: 64,
  u128: 128,
  i128: 128,
};

/**
 * Anchor's instruction discriminator: the first 8 bytes of sha256("global:<name>")
 * (anchor-lang `sighash("global", name)`; names as the IDL spells them, snake_case in IDL ≥ 0.30).
 */
export function anchorDiscriminator(name: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(`global:${name}`).digest()).subarray(0, 8);
}

/**
 * Instruction data for `name` from an Anchor IDL: discriminator, then each argument Borsh-encoded
 * (borsh.io specification: little-endian integers, bool as one byte, u32 length before strings and
 * vectors, a 0/1 tag before an option, fixed arrays without length). `key` turns `@name` into a
 * 32-byte public key.
 */
export function encodeAnchorInstruction(
  idl: AnchorIdl,
  name: string,
  args: Readonly<Record<string, unknown>>,
  key: (name: string) => Uint8Array,
): Uint8Array {
  const instruction = idl.instructions.find((i) => i.name === name);
  if (!instruction) {
    throw new InvalidArgumentError(
      `IDL has no instruction "${name}" (has: ${idl.instructions.map((i) => i.name).join(', ')})`,
    );
  }
  const out: number[] = [...anchorDiscriminator(name)];
  for (const arg of instruction.args) {
    if (!(arg.name in args))
      throw new InvalidArgumentError(`instruction ${name} needs argument "${arg.name}"`);
    encode(out, arg.type, args[arg.name], `${name}.${arg.name}`, key);
  }
  const extra = Object.keys(args).find((a) => !instruction.args.some((i) => i.name === a));
  if (extra) throw new InvalidArgumentError(`instruction ${name} has no argument "${extra}"`);
  return Uint8Array.from(out);
}

function encode(
  out: number[],
  type: IdlType,
  value: unknown,
  where: string,
  key: (name: string) => Uint8Array,
): void {
  if (typeof type === 'object') {
    if ('vec' in type || 'array' in type) {
      if (!Array.isArray(value)) throw new InvalidArgumentError(`${where} must be an array`);
      const element = 'vec' in type ? type.vec : type.array[0];
      if ('array' in type && value.length !== type.array[1]) {
        throw new InvalidArgumentError(`${where} must have ${type.array[1]} items, got ${value.length}`);
      }
      if ('vec' in type) pushInt(out, BigInt(value.length), 32);
      for (const [i, item] of value.entries()) encode(out, element, item, `${where}[${i}]`, key);
      return;
    }
    if (value === null || value === undefined) {
      out.push(0);
      return;
    }
    out.push(1);
    encode(out, type.option, value, where, key);
    return;
  }
  const bits = INT_BITS[type];
  if (bits !== undefined) {
    if (typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'bigint') {
      throw new InvalidArgumentError(`${where} must be an integer`);
    }
    const n = BigInt(value);
    const signed = type.startsWith('i');
    const [min, max] = signed
      ? [-(1n << BigInt(bits - 1)), (1n << BigInt(bits - 1)) - 1n]
      : [0n, (1n << BigInt(bits)) - 1n];
    if (n < min || n > max) throw new InvalidArgumentError(`${where}: ${n} does not fit ${type}`);
    pushInt(out, BigInt.asUintN(bits, n), bits);
    return;
  }
  switch (type) {
    case 'bool':
      if (typeof value !== 'boolean') throw new InvalidArgumentError(`${where} must be true or false`);
      out.push(value ? 1 : 0);
      return;
    case 'string': {
      const bytes = new TextEncoder().encode(String(value));
      pushInt(out, BigInt(bytes.length), 32);
      out.push(...bytes);
      return;
    }
    case 'publicKey':
    case 'pubkey':
      if (typeof value !== 'string' || !value.startsWith('@')) {
        throw new InvalidArgumentError(`${where} must name an account as @name`);
      }
      out.push(...key(value.slice(1)));
      return;
    default:
      throw new InvalidArgumentError(
        `${where}: unsupported IDL type ${JSON.stringify(type)} (defined types are not supported)`,
      );
  }
}

function pushInt(out: number[], n: bigint, bits: number): void {
  for (let i = 0; i < bits / 8; i++, n >>= 8n) out.push(Number(n & 0xffn));
}
