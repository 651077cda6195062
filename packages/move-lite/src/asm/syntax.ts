import { InvalidArgumentError } from '@polyvm/core';

/** A syntax error in assembler text, naming the line. */
export function asmError(line: number, message: string): InvalidArgumentError {
  return new InvalidArgumentError(`move asm line ${line}: ${message}`, { details: { line } });
}

/** Splits at top-level separators, ignoring those nested in <>, () or {}. */
export function splitTop(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '<' || c === '(' || c === '{') depth++;
    else if (c === '>' || c === ')' || c === '}') depth--;
    else if (depth === 0 && text.startsWith(sep, i)) {
      out.push(text.slice(start, i).trim());
      start = i + sep.length;
    }
  }
  const last = text.slice(start).trim();
  if (last !== '' || out.length > 0) out.push(last);
  return out.filter((s, i, all) => s !== '' || i < all.length - 1);
}

/** Index just past the bracket group opening at `open` (`<…>` or `(…)`), or -1 when unbalanced. */
export function closeOf(text: string, open: number): number {
  const o = text[open]!;
  const c = o === '<' ? '>' : o === '(' ? ')' : '}';
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === o) depth++;
    else if (text[i] === c && --depth === 0) return i + 1;
  }
  return -1;
}

const ABILITY_BITS: Record<string, number> = { copy: 0x1, drop: 0x2, store: 0x4, key: 0x8 };

export function parseAbilities(list: string[], line: number): number {
  let bits = 0;
  for (const name of list) {
    const bit = ABILITY_BITS[name.trim()];
    if (bit === undefined) throw asmError(line, `unknown ability "${name}"`);
    bits |= bit;
  }
  return bits;
}

export interface TypeParamDecl {
  name: string;
  constraints: number;
  isPhantom: boolean;
}

/** `<phantom T0: copy + drop, T1>` → declarations; the text excludes the angle brackets. */
export function parseTypeParams(text: string, line: number): TypeParamDecl[] {
  if (text.trim() === '') return [];
  return splitTop(text, ',').map((part) => {
    let p = part.trim();
    const isPhantom = p.startsWith('phantom ');
    if (isPhantom) p = p.slice(8).trim();
    const [name, bounds] = p.split(':').map((s) => s.trim());
    return {
      name: name!,
      constraints: bounds ? parseAbilities(bounds.split('+'), line) : 0,
      isPhantom,
    };
  });
}

export function parseInteger(text: string, line: number): bigint {
  try {
    const v = BigInt(text.replace(/_/g, ''));
    if (v < 0n) throw new Error('negative');
    return v;
  } catch {
    throw asmError(line, `bad integer "${text}"`);
  }
}

export function parseHexBytes(text: string, line: number): Uint8Array {
  const body = text.startsWith('0x') ? text.slice(2) : text;
  if (body.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(body)) throw asmError(line, `bad hex "${text}"`);
  return Uint8Array.from(Buffer.from(body, 'hex'));
}
