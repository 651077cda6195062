/** Bech32 (BIP-173), the human-readable address format CosmWasm's `addr_*` APIs use. */
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function polymod(values: number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GENERATOR[i]!;
  }
  return chk >>> 0;
}

function expandPrefix(prefix: string): number[] {
  const out: number[] = [];
  for (const c of prefix) out.push(c.charCodeAt(0) >> 5);
  out.push(0);
  for (const c of prefix) out.push(c.charCodeAt(0) & 31);
  return out;
}

function convertBits(data: ArrayLike<number>, from: number, to: number, pad: boolean): number[] | undefined {
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  const max = (1 << to) - 1;
  for (let i = 0; i < data.length; i++) {
    acc = (acc << from) | data[i]!;
    bits += from;
    while (bits >= to) {
      bits -= to;
      out.push((acc >> bits) & max);
    }
  }
  if (pad) {
    if (bits > 0) out.push((acc << (to - bits)) & max);
  } else if (bits >= from || ((acc << (to - bits)) & max) !== 0) return undefined;
  return out;
}

export function bech32Encode(prefix: string, data: Uint8Array): string {
  const words = convertBits(data, 8, 5, true)!;
  const mod = polymod([...expandPrefix(prefix), ...words, 0, 0, 0, 0, 0, 0]) ^ 1;
  const checksum = Array.from({ length: 6 }, (_, i) => (mod >>> (5 * (5 - i))) & 31);
  return `${prefix}1${[...words, ...checksum].map((w) => CHARSET[w]).join('')}`;
}

/** Decodes a lower-case bech32 string; undefined when malformed or the checksum fails. */
export function bech32Decode(text: string): { prefix: string; data: Uint8Array } | undefined {
  if (text.length > 90 || text !== text.toLowerCase()) return undefined;
  const sep = text.lastIndexOf('1');
  if (sep < 1 || sep + 7 > text.length) return undefined;
  const prefix = text.slice(0, sep);
  const words: number[] = [];
  for (const c of text.slice(sep + 1)) {
    const w = CHARSET.indexOf(c);
    if (w < 0) return undefined;
    words.push(w);
  }
  if (polymod([...expandPrefix(prefix), ...words]) !== 1) return undefined;
  const data = convertBits(words.slice(0, -6), 5, 8, false);
  return data ? { prefix, data: Uint8Array.from(data) } : undefined;
}
