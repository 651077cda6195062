import { DecodeError } from '@polyvm/core';
import { opcodeByName } from '../decode/opcodes.js';
import { wordToBytes } from '../execute/u256.js';

/**
 * A small EVM assembler for tests and examples. Syntax, one item per whitespace-separated token:
 * - a mnemonic (`ADD`, `SSTORE`, `PUSH1 0x2a`, `PUSH32 …`);
 * - `PUSH <value>` picks the smallest PUSHn (PUSH0 for zero); values are decimal or 0x-hex;
 * - `name:` defines a label at the current offset; `PUSH @name` pushes it as a PUSH2;
 * - `.bytes 0x…` emits raw bytes; `;` or `//` starts a comment to the end of the line.
 * Jump targets still need an explicit `JUMPDEST`, as in the bytecode itself.
 */
export function assemble(source: string): Uint8Array {
  const tokens = tokenize(source);
  const labels = new Map<string, number>();
  // Labels are always PUSH2 (3 bytes), so one sizing pass is enough.
  for (const pass of [0, 1] as const) {
    const out: number[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.text.endsWith(':')) {
        const name = token.text.slice(0, -1);
        if (pass === 0) {
          if (labels.has(name))
            throw new DecodeError(`asm line ${token.line}: label "${name}" defined twice`);
          labels.set(name, out.length);
        }
        continue;
      }
      if (token.text === '.bytes') {
        const data = tokens[++i];
        if (data === undefined) throw new DecodeError(`asm line ${token.line}: .bytes needs a hex argument`);
        out.push(...hexBytes(data.text, data.line));
        continue;
      }
      const upper = token.text.toUpperCase();
      if (upper === 'PUSH' || /^PUSH([1-9]|[12][0-9]|3[0-2])$/.test(upper)) {
        const arg = tokens[++i];
        if (arg === undefined) throw new DecodeError(`asm line ${token.line}: ${upper} needs an argument`);
        emitPush(out, upper, arg, labels, pass);
        continue;
      }
      const info = opcodeByName(upper);
      if (info === undefined)
        throw new DecodeError(`asm line ${token.line}: unknown mnemonic "${token.text}"`);
      out.push(info.code);
    }
    if (pass === 1) return Uint8Array.from(out);
  }
  throw new Error('unreachable');
}

interface Token {
  text: string;
  line: number;
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  source.split('\n').forEach((raw, index) => {
    const line = raw.replace(/(;|\/\/).*$/, '');
    for (const text of line.split(/\s+/)) if (text.length > 0) tokens.push({ text, line: index + 1 });
  });
  return tokens;
}

function emitPush(
  out: number[],
  mnemonic: string,
  arg: Token,
  labels: Map<string, number>,
  pass: 0 | 1,
): void {
  if (arg.text.startsWith('@')) {
    const name = arg.text.slice(1);
    const target = labels.get(name);
    if (target === undefined && pass === 1)
      throw new DecodeError(`asm line ${arg.line}: unknown label "${name}"`);
    if (mnemonic !== 'PUSH' && mnemonic !== 'PUSH2') {
      throw new DecodeError(`asm line ${arg.line}: labels are pushed with PUSH or PUSH2`);
    }
    out.push(0x61, ((target ?? 0) >> 8) & 0xff, (target ?? 0) & 0xff);
    return;
  }
  const value = parseValue(arg);
  const minimal = value === 0n ? 0 : Math.ceil(value.toString(16).length / 2);
  const size = mnemonic === 'PUSH' ? minimal : Number(mnemonic.slice(4));
  if (minimal > size) throw new DecodeError(`asm line ${arg.line}: ${arg.text} does not fit in ${mnemonic}`);
  out.push(0x5f + size, ...wordToBytes(value, size));
}

function parseValue(token: Token): bigint {
  if (!/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(token.text)) {
    throw new DecodeError(`asm line ${token.line}: "${token.text}" is not a number`);
  }
  const value = BigInt(token.text);
  if (value >= 1n << 256n) throw new DecodeError(`asm line ${token.line}: ${token.text} exceeds 256 bits`);
  return value;
}

function hexBytes(text: string, line: number): number[] {
  const body = text.startsWith('0x') ? text.slice(2) : text;
  if (!/^([0-9a-fA-F]{2})*$/.test(body)) throw new DecodeError(`asm line ${line}: bad hex "${text}"`);
  const out: number[] = [];
  for (let i = 0; i < body.length; i += 2) out.push(Number.parseInt(body.slice(i, i + 2), 16));
  return out;
}

/**
 * Init code that runs `constructorCode` (which must fall through with an empty stack), then CODECOPYs
 * `runtime` (appended after an 11-byte header) to memory 0 and RETURNs it as the contract's code.
 */
export function deployCode(runtime: Uint8Array, constructorCode: Uint8Array = new Uint8Array(0)): Uint8Array {
  const n = runtime.length;
  const offset = constructorCode.length + 11;
  if (n > 0xffff || offset > 0xffff)
    throw new DecodeError(`code of ${n + offset} bytes is too large for deployCode`);
  // PUSH2 n; DUP1; PUSH2 offset; PUSH0; CODECOPY; PUSH0; RETURN
  const header = Uint8Array.of(
    0x61,
    n >> 8,
    n & 0xff,
    0x80,
    0x61,
    offset >> 8,
    offset & 0xff,
    0x5f,
    0x39,
    0x5f,
    0xf3,
  );
  const out = new Uint8Array(offset + n);
  out.set(constructorCode);
  out.set(header, constructorCode.length);
  out.set(runtime, offset);
  return out;
}
