import { addressFromHex, InvalidArgumentError } from '@polyvm/core';
import type { Loader } from './loader.js';
import type { RType } from './value.js';

const PRIMITIVES = new Set(['bool', 'u8', 'u16', 'u32', 'u64', 'u128', 'u256', 'address', 'signer']);

/**
 * Parses a type tag in Move syntax (`u64`, `vector<u8>`, `0x1::Token::Token<0x1::STC::STC>`) into a
 * runtime type, loading the modules that declare its structs.
 */
export function parseTypeTag(text: string, loader: Loader): RType {
  let pos = 0;
  const src = text.replace(/\s+/g, '');
  const fail = (msg: string): never => {
    throw new InvalidArgumentError(`bad type tag "${text}": ${msg}`);
  };
  const ident = (): string => {
    const m = /^[A-Za-z0-9_]+/.exec(src.slice(pos));
    if (!m) return fail(`identifier expected at ${pos}`);
    pos += m[0].length;
    return m[0];
  };
  const expect = (s: string): void => {
    if (!src.startsWith(s, pos)) fail(`"${s}" expected at ${pos}`);
    pos += s.length;
  };
  const typeArgs = (): RType[] => {
    if (!src.startsWith('<', pos)) return [];
    pos++;
    const out = [type()];
    while (src.startsWith(',', pos)) {
      pos++;
      out.push(type());
    }
    expect('>');
    return out;
  };
  const type = (): RType => {
    const head = ident();
    if (PRIMITIVES.has(head)) return { k: head as 'u64' };
    if (head === 'vector') {
      expect('<');
      const e = type();
      expect('>');
      return { k: 'vector', e };
    }
    if (!head.startsWith('0x')) return fail(`unknown type ${head}`);
    expect('::');
    const module = ident();
    expect('::');
    const name = ident();
    const args = typeArgs();
    return loader.structByName(loader.load(addressFromHex(head, loader.addressWidth), module), name, args);
  };
  const t = type();
  if (pos !== src.length) fail(`trailing text at ${pos}`);
  return t;
}
