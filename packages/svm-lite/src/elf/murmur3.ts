/**
 * MurmurHash3 x86 32-bit, seed 0: how sBPF v0 turns a symbol name into the 32-bit key stored in
 * a `call imm` (sbpf `ebpf::hash_symbol_name`). Known values: `entrypoint` = 0x71e3cf81,
 * `sol_log_` = 0x207559bd.
 */
export function murmur3_32(data: Uint8Array, seed = 0): number {
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  let h = seed >>> 0;
  const blocks = data.length >>> 2;
  for (let i = 0; i < blocks; i++) {
    const at = i * 4;
    let k = data[at]! | (data[at + 1]! << 8) | (data[at + 2]! << 16) | (data[at + 3]! << 24);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const tail = blocks * 4;
  const rest = data.length & 3;
  if (rest > 0) {
    let k = data[tail]!;
    if (rest >= 2) k ^= data[tail + 1]! << 8;
    if (rest === 3) k ^= data[tail + 2]! << 16;
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
  }
  h ^= data.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const encoder = new TextEncoder();

/** The key a symbol name resolves to. */
export function hashSymbolName(name: string | Uint8Array): number {
  return murmur3_32(typeof name === 'string' ? encoder.encode(name) : name);
}
