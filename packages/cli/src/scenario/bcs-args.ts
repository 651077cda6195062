import { fromHex, InvalidArgumentError } from '@polyvm/core';

/**
 * Move call arguments from type tags, encoded as BCS (the Binary Canonical Serialization spec,
 * github.com/diem/bcs README: little-endian fixed-width integers, ULEB128 sequence lengths):
 * `u8:1` … `u256:5`, `bool:true`, `address:0x1`, `vector<u8>:0x0102`, `vector<T>:[a,b]`,
 * `string:text` (a vector<u8> of its UTF-8 bytes, as `std::string::String`).
 */
export function encodeBcsArg(tagged: string, addressWidth: number): Uint8Array {
  const colon = splitTag(tagged);
  if (!colon) throw new InvalidArgumentError(`Move argument "${tagged}" needs a type tag, e.g. u64:5`);
  return Uint8Array.from(encode(colon.type, colon.value, addressWidth));
}

function splitTag(tagged: string): { type: string; value: string } | undefined {
  // The tag may contain `<…>`; the value starts after the first colon outside angle brackets.
  let depth = 0;
  for (let i = 0; i < tagged.length; i++) {
    const c = tagged[i];
    if (c === '<') depth++;
    else if (c === '>') depth--;
    else if (c === ':' && depth === 0)
      return { type: tagged.slice(0, i).trim(), value: tagged.slice(i + 1).trim() };
  }
  return undefined;
}

const INT_BYTES: Readonly<Record<string, number>> = { u8: 1, u16: 2, u32: 4, u64: 8, u128: 16, u256: 32 };

function uleb128(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function encode(type: string, value: string, addressWidth: number): number[] {
  const size = INT_BYTES[type];
  if (size !== undefined) {
    if (!/^(\d+|0x[0-9a-fA-F]+)$/.test(value))
      throw new InvalidArgumentError(`${type} value must be an unsigned integer, got "${value}"`);
    let n = BigInt(value);
    if (n >> BigInt(size * 8) !== 0n) throw new InvalidArgumentError(`${value} does not fit ${type}`);
    const out: number[] = [];
    for (let i = 0; i < size; i++, n >>= 8n) out.push(Number(n & 0xffn));
    return out;
  }
  if (type === 'bool') {
    if (value !== 'true' && value !== 'false')
      throw new InvalidArgumentError(`bool value must be true or false, got "${value}"`);
    return [value === 'true' ? 1 : 0];
  }
  if (type === 'address') {
    const digits = value.replace(/^0x/i, '');
    if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length > addressWidth * 2) {
      throw new InvalidArgumentError(`address must be at most ${addressWidth} bytes of hex, got "${value}"`);
    }
    return [...fromHex(digits.padStart(addressWidth * 2, '0'))];
  }
  if (type === 'string') {
    const bytes = new TextEncoder().encode(value);
    return [...uleb128(bytes.length), ...bytes];
  }
  const vector = /^vector<(.+)>$/.exec(type);
  if (vector) {
    const element = vector[1]!.trim();
    if (element === 'u8' && /^0x/i.test(value)) {
      const bytes = fromHex(value);
      return [...uleb128(bytes.length), ...bytes];
    }
    if (!value.startsWith('[') || !value.endsWith(']')) {
      throw new InvalidArgumentError(
        `vector value must be [a,b,…]${element === 'u8' ? ' or 0x-hex' : ''}, got "${value}"`,
      );
    }
    const items = value.slice(1, -1).trim() === '' ? [] : splitTopLevel(value.slice(1, -1));
    return [...uleb128(items.length), ...items.flatMap((item) => encode(element, item, addressWidth))];
  }
  throw new InvalidArgumentError(`unsupported Move argument type "${type}"`);
}

/** Splits `a, [b, c], d` at top-level commas. */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '[') depth++;
    else if (text[i] === ']') depth--;
    else if (text[i] === ',' && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out;
}
