/**
 * Keccak-256 and SHA-256 compiled into the module, for profiles whose host has no hash functions
 * (CosmWasm: its imports offer signature verification only, so a Rust contract links tiny-keccak or
 * sha2 and pays for them in wasm gas — as this module does).
 *
 * - Keccak-256: the Keccak-f[1600] permutation (FIPS 202 §3.2, 24 rounds of θ ρ π χ ι) over 25
 *   little-endian 64-bit lanes, rate 136 bytes, Keccak's original padding `0x01 … 0x80` (not SHA-3's
 *   `0x06`), as Ethereum's keccak256.
 * - SHA-256: FIPS 180-4 §6.2, constants computed here from the primes as §4.2.2/§5.3.3 define them.
 * Both pad the message in place after its end (the caller's buffer is the top of the heap).
 */
import type { StringTable } from './strings.js';

/** Keccak-f round constants (FIPS 202 §3.2.5, rc(t) by its LFSR). */
function roundConstants(): bigint[] {
  let r = 1;
  const rc = () => {
    const bit = r & 1;
    r = (r << 1) ^ (r & 0x80 ? 0x171 : 0);
    return bit;
  };
  return Array.from({ length: 24 }, () => {
    let c = 0n;
    for (let j = 0; j <= 6; j++) if (rc()) c |= 1n << BigInt((1 << j) - 1);
    return c;
  });
}

/** ρ offsets by lane x + 5y (FIPS 202 §3.2.2), and π's destination lane of each source lane (§3.2.3). */
function rhoPi(): { rho: number[]; pi: number[] } {
  const rho = new Array<number>(25).fill(0);
  let [x, y] = [1, 0];
  for (let t = 0; t < 24; t++) {
    rho[x + 5 * y] = (((t + 1) * (t + 2)) / 2) % 64;
    [x, y] = [y, (2 * x + 3 * y) % 5];
  }
  // π: A'[x, y] = A[(x + 3y) mod 5, x]; so source (x, y) goes to (y, (2x + 3y) mod 5).
  const pi = Array.from({ length: 25 }, (_, i) => {
    const [sx, sy] = [i % 5, Math.floor(i / 5)];
    return sy + 5 * ((2 * sx + 3 * sy) % 5);
  });
  return { rho, pi };
}

function integerRoot(n: bigint, k: bigint): bigint {
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / Number(k)) + 1);
  for (;;) {
    const y = ((k - 1n) * x + n / x ** (k - 1n)) / k;
    if (y >= x) return x;
    x = y;
  }
}

/** The first 32 bits of the fractional parts of the k-th roots of the first n primes (FIPS 180-4 §4.2.2, §5.3.3). */
function primeRoots(n: number, k: bigint): number[] {
  const primes: bigint[] = [];
  for (let p = 2n; primes.length < n; p++) if (primes.every((q) => p % q !== 0n)) primes.push(p);
  return primes.map((p) => Number(integerRoot(p << (32n * k), k) & 0xffffffffn));
}

const le64 = (values: readonly bigint[]) => {
  const bytes = new Uint8Array(8 * values.length);
  const view = new DataView(bytes.buffer);
  for (const [i, v] of values.entries()) view.setBigUint64(8 * i, v, true);
  return bytes;
};
const le32 = (values: readonly number[]) => {
  const bytes = new Uint8Array(4 * values.length);
  const view = new DataView(bytes.buffer);
  for (const [i, v] of values.entries()) view.setUint32(4 * i, v, true);
  return bytes;
};

const rotl64 = (x: string, n: number) => (n === 0 ? x : `(i64.rotl ${x} (i64.const ${n}))`);
const bswap32 = (x: string) =>
  `(i32.or (i32.or (i32.shl ${x} (i32.const 24)) (i32.and (i32.shl ${x} (i32.const 8)) (i32.const 0xff0000)))
     (i32.or (i32.and (i32.shr_u ${x} (i32.const 8)) (i32.const 0xff00)) (i32.shr_u ${x} (i32.const 24))))`;

/** `$keccak256(ptr, len, dst)` and `$sha256_(ptr, len, dst)`: 32-byte digests at dst. */
export function cryptoFunctions(strings: StringTable): string {
  const rc = strings.intern(le64(roundConstants()));
  const k = strings.intern(le32(primeRoots(64, 3n)));
  const h0 = primeRoots(8, 2n);
  const { rho, pi } = rhoPi();
  const L = Array.from({ length: 25 }, (_, i) => i);
  const a = (i: number) => `(local.get $a${i})`;
  const c = (x: number) => `(local.get $c${(x + 5) % 5})`;
  const b = (i: number) => `(local.get $b${i})`;
  const round = [
    ...[0, 1, 2, 3, 4].map(
      (x) =>
        `(local.set $c${x} (i64.xor (i64.xor (i64.xor ${a(x)} ${a(x + 5)}) (i64.xor ${a(x + 10)} ${a(x + 15)})) ${a(x + 20)}))`,
    ),
    ...[0, 1, 2, 3, 4].map((x) => `(local.set $d${x} (i64.xor ${c(x - 1)} ${rotl64(c(x + 1), 1)}))`),
    ...L.map((i) => `(local.set $b${pi[i]} ${rotl64(`(i64.xor ${a(i)} (local.get $d${i % 5}))`, rho[i]!)})`),
    ...L.map((i) => {
      const [x, y] = [i % 5, Math.floor(i / 5)];
      return `(local.set $a${i} (i64.xor ${b(i)} (i64.and (i64.xor ${b(((x + 1) % 5) + 5 * y)} (i64.const -1)) ${b(((x + 2) % 5) + 5 * y)})))`;
    }),
    `(local.set $a0 (i64.xor (local.get $a0) (i64.load (i32.add (i32.const ${rc.ptr}) (i32.shl (local.get $r) (i32.const 3))))))`,
  ].join('\n');
  const lanes = (kind: string) => L.map((i) => `(local $${kind}${i} i64)`).join(' ');
  const S = ['$h0', '$h1', '$h2', '$h3', '$h4', '$h5', '$h6', '$h7'];
  const g = (i: number) => `(local.get ${S[i]})`;
  const rotr = (x: string, n: number) => `(i32.rotr ${x} (i32.const ${n}))`;
  const w = (i: string) => `(i32.load (i32.add (local.get $w) (i32.shl ${i} (i32.const 2))))`;
  return `
  ;; Keccak-f[1600] on the 25 lanes at $st
  (func $keccak_f (param $st i32) ${lanes('a')} ${lanes('b')} (local $c0 i64) (local $c1 i64) (local $c2 i64) (local $c3 i64) (local $c4 i64)
    (local $d0 i64) (local $d1 i64) (local $d2 i64) (local $d3 i64) (local $d4 i64) (local $r i32)
    ${L.map((i) => `(local.set $a${i} (i64.load offset=${8 * i} (local.get $st)))`).join(' ')}
    (loop $round
      ${round}
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $round (i32.lt_u (local.get $r) (i32.const 24))))
    ${L.map((i) => `(i64.store offset=${8 * i} (local.get $st) (local.get $a${i}))`).join(' ')})

  (func $keccak256 (param $ptr i32) (param $len i32) (param $dst i32) (local $st i32) (local $padded i32) (local $i i32)
    (local.set $padded (i32.mul (i32.add (i32.div_u (local.get $len) (i32.const 136)) (i32.const 1)) (i32.const 136)))
    (call $reserve (i32.add (i32.add (local.get $ptr) (local.get $padded)) (i32.const 200)))
    (memory.fill (i32.add (local.get $ptr) (local.get $len)) (i32.const 0) (i32.sub (local.get $padded) (local.get $len)))
    (i32.store8 (i32.add (local.get $ptr) (local.get $len)) (i32.const 0x01))
    (local.set $i (i32.sub (i32.add (local.get $ptr) (local.get $padded)) (i32.const 1)))
    (i32.store8 (local.get $i) (i32.or (i32.load8_u (local.get $i)) (i32.const 0x80)))
    (local.set $st (i32.add (local.get $ptr) (local.get $padded)))
    (memory.fill (local.get $st) (i32.const 0) (i32.const 200))
    (loop $block
      (local.set $i (i32.const 0))
      (loop $lane
        (i64.store (i32.add (local.get $st) (local.get $i))
          (i64.xor (i64.load (i32.add (local.get $st) (local.get $i))) (i64.load (i32.add (local.get $ptr) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 8)))
        (br_if $lane (i32.lt_u (local.get $i) (i32.const 136))))
      (call $keccak_f (local.get $st))
      (local.set $ptr (i32.add (local.get $ptr) (i32.const 136)))
      (local.set $padded (i32.sub (local.get $padded) (i32.const 136)))
      (br_if $block (local.get $padded)))
    (memory.copy (local.get $dst) (local.get $st) (i32.const 32)))

  ;; SHA-256 compression of the 64-byte block at $p into the state at $hs (8 words)
  (func $sha256_block (param $p i32) (param $hs i32) (param $w i32) (local $i i32) (local $t1 i32) (local $t2 i32) (local $x i32) (local $y i32)
    ${S.map((s) => `(local ${s} i32)`).join(' ')}
    (loop $load
      (local.set $x (i32.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2)))))
      (i32.store (i32.add (local.get $w) (i32.shl (local.get $i) (i32.const 2))) ${bswap32('(local.get $x)')})
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $load (i32.lt_u (local.get $i) (i32.const 16))))
    (loop $expand
      (local.set $x ${w('(i32.sub (local.get $i) (i32.const 15))')})
      (local.set $y ${w('(i32.sub (local.get $i) (i32.const 2))')})
      (i32.store (i32.add (local.get $w) (i32.shl (local.get $i) (i32.const 2)))
        (i32.add (i32.add ${w('(i32.sub (local.get $i) (i32.const 16))')}
          (i32.xor (i32.xor ${rotr('(local.get $x)', 7)} ${rotr('(local.get $x)', 18)}) (i32.shr_u (local.get $x) (i32.const 3))))
          (i32.add ${w('(i32.sub (local.get $i) (i32.const 7))')}
            (i32.xor (i32.xor ${rotr('(local.get $y)', 17)} ${rotr('(local.get $y)', 19)}) (i32.shr_u (local.get $y) (i32.const 10))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $expand (i32.lt_u (local.get $i) (i32.const 64))))
    ${S.map((s, i) => `(local.set ${s} (i32.load offset=${4 * i} (local.get $hs)))`).join(' ')}
    (local.set $i (i32.const 0))
    (loop $round
      (local.set $t1 (i32.add (i32.add (i32.add ${g(7)}
        (i32.xor (i32.xor ${rotr(g(4), 6)} ${rotr(g(4), 11)}) ${rotr(g(4), 25)}))
        (i32.xor (i32.and ${g(4)} ${g(5)}) (i32.and (i32.xor ${g(4)} (i32.const -1)) ${g(6)})))
        (i32.add (i32.load (i32.add (i32.const ${k.ptr}) (i32.shl (local.get $i) (i32.const 2)))) ${w('(local.get $i)')})))
      (local.set $t2 (i32.add (i32.xor (i32.xor ${rotr(g(0), 2)} ${rotr(g(0), 13)}) ${rotr(g(0), 22)})
        (i32.xor (i32.xor (i32.and ${g(0)} ${g(1)}) (i32.and ${g(0)} ${g(2)})) (i32.and ${g(1)} ${g(2)}))))
      (local.set $h7 ${g(6)}) (local.set $h6 ${g(5)}) (local.set $h5 ${g(4)})
      (local.set $h4 (i32.add ${g(3)} (local.get $t1)))
      (local.set $h3 ${g(2)}) (local.set $h2 ${g(1)}) (local.set $h1 ${g(0)})
      (local.set $h0 (i32.add (local.get $t1) (local.get $t2)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $round (i32.lt_u (local.get $i) (i32.const 64))))
    ${S.map((s, i) => `(i32.store offset=${4 * i} (local.get $hs) (i32.add (i32.load offset=${4 * i} (local.get $hs)) (local.get ${s})))`).join(' ')})

  (func $sha256_ (param $ptr i32) (param $len i32) (param $dst i32) (local $padded i32) (local $hs i32) (local $w i32) (local $p i32) (local $i i32) (local $x i32)
    (local.set $padded (i32.mul (i32.add (i32.div_u (i32.add (local.get $len) (i32.const 8)) (i32.const 64)) (i32.const 1)) (i32.const 64)))
    (local.set $hs (i32.add (local.get $ptr) (local.get $padded)))
    (local.set $w (i32.add (local.get $hs) (i32.const 32)))
    (call $reserve (i32.add (local.get $w) (i32.const 256)))
    (memory.fill (i32.add (local.get $ptr) (local.get $len)) (i32.const 0) (i32.sub (local.get $padded) (local.get $len)))
    (i32.store8 (i32.add (local.get $ptr) (local.get $len)) (i32.const 0x80))
    ;; the length in bits, big-endian, in the last 8 bytes (messages here are < 2^29 bytes)
    (local.set $x (i32.shl (local.get $len) (i32.const 3)))
    (i32.store (i32.sub (local.get $hs) (i32.const 4)) ${bswap32('(local.get $x)')})
    (i32.store (i32.sub (local.get $hs) (i32.const 8)) ${bswap32('(i32.shr_u (local.get $len) (i32.const 29))')})
    ${h0.map((v, i) => `(i32.store offset=${4 * i} (local.get $hs) (i32.const ${v | 0}))`).join(' ')}
    (local.set $p (local.get $ptr))
    (loop $block
      (call $sha256_block (local.get $p) (local.get $hs) (local.get $w))
      (local.set $p (i32.add (local.get $p) (i32.const 64)))
      (br_if $block (i32.lt_u (local.get $p) (local.get $hs))))
    (loop $out
      (local.set $x (i32.load (i32.add (local.get $hs) (local.get $i))))
      (i32.store (i32.add (local.get $dst) (local.get $i)) ${bswap32('(local.get $x)')})
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br_if $out (i32.lt_u (local.get $i) (i32.const 32)))))
`;
}
