/**
 * A contract exercising the 256-bit runtime library (every routine, checked and unchecked, several
 * widths) and a deterministic call sequence with operands spread over all digit counts: shared by
 * the IR differential test and the litesvm parity test.
 */
import type { JsValue } from '../target/target.js';

export const WIDE_SOURCE = `
pragma solidity ^0.8.20;
contract Wide {
    function add(uint256 a, uint256 b) external pure returns (uint256) { return a + b; }
    function sub(uint256 a, uint256 b) external pure returns (uint256) { return a - b; }
    function mul(uint256 a, uint256 b) external pure returns (uint256) { return a * b; }
    function div(uint256 a, uint256 b) external pure returns (uint256, uint256) { return (a / b, a % b); }
    function wrap(uint256 a, uint256 b) external pure returns (uint256 s, uint256 d, uint256 p) {
        unchecked { s = a + b; d = a - b; p = a * b; }
    }
    function shifts(uint256 a, uint16 n) external pure returns (uint256, uint256) { return (a << n, a >> n); }
    function cmp(uint256 a, uint256 b) external pure returns (bool, bool, bool) { return (a < b, a == b, a >= b); }
    function bits(uint256 a, uint256 b) external pure returns (uint256, uint256, uint256, uint256) {
        return (a & b, a | b, a ^ b, ~a);
    }
    function pow(uint256 a, uint8 e) external pure returns (uint256) { return a ** e; }
    function u128(uint128 a, uint128 b) external pure returns (uint128, uint128, uint128) {
        return (a + b, a * b, a / (b | 1));
    }
    function u72(uint72 a, uint72 b) external pure returns (uint72, uint72) {
        uint72 w;
        unchecked { w = a * b; }
        return (a - b, w);
    }
    function i128(int128 a, int128 b) external pure returns (int128, int128, bool, int128) {
        return (a + b, a - b, a < b, -a);
    }
    function i256(int256 a, int256 b) external pure returns (int256, int256, int256) {
        return (a + b, a - b, a >> 7);
    }
    function pow2(uint256 a) external pure returns (uint256, uint256, uint256, uint128) {
        return (a / 8, a % 1024, a / 1, uint128(a) % (2 ** 127));
    }
    function spow(int8 a, uint8 e, int64 b, uint16 f) external pure returns (int8, int64, int64) {
        int64 w;
        unchecked { w = b ** f; }
        return (a ** e, b ** (f % 70), w);
    }
    function smd(int256 a, int256 b) external pure returns (int256, int256, int256) { return (a * b, a / b, a % b); }
    function smd128(int128 a, int128 b) external pure returns (int128, int128, int128, int128) {
        int128 w;
        unchecked { w = a * b; }
        return (a * b, a / b, a % b, w);
    }
    function smd200(int200 a, int200 b) external pure returns (int200, int200) { return (a * b, a / b); }
    function sdivu(int256 a, int256 b) external pure returns (int256 q) { unchecked { q = a / b; } }
    function spow256(int256 a, uint16 e, int128 b, uint8 f) external pure returns (int256, int128, int128) {
        int128 w;
        unchecked { w = b ** f; }
        return (a ** e, b ** f, w);
    }
    function smul64(int64 a, int64 b, int40 c, int40 d) external pure returns (int64, int40) { return (a * b, c * d); }
    function conv(uint256 a) external pure returns (uint64, uint128, int128, bytes32, address) {
        return (uint64(a), uint128(a), int128(int256(a)), bytes32(a), address(uint160(a)));
    }
}`;

/** xorshift64*: a fixed, reproducible operand stream. */
function* operands(seed: bigint): Generator<bigint> {
  let x = seed;
  for (;;) {
    x ^= (x << 13n) & 0xffffffffffffffffn;
    x ^= x >> 7n;
    x ^= (x << 17n) & 0xffffffffffffffffn;
    // 0..256 significant bits, so every digit count of the divisor and dividend occurs.
    const bits = Number(x % 257n);
    let v = 0n;
    for (let i = 0; i < 4; i++) {
      x ^= (x << 13n) & 0xffffffffffffffffn;
      x ^= x >> 7n;
      x ^= (x << 17n) & 0xffffffffffffffffn;
      v = (v << 64n) | x;
    }
    yield bits === 0 ? 0n : v >> BigInt(256 - bits);
  }
}

export function wideSequence(count: number): Array<[string, JsValue[]]> {
  const next = operands(0x9e3779b97f4a7c15n);
  const u = () => next.next().value as bigint;
  const fit = (v: bigint, bits: number) => v & ((1n << BigInt(bits)) - 1n);
  const signed = (v: bigint, bits: number) => BigInt.asIntN(bits, v);
  const out: Array<[string, JsValue[]]> = [];
  for (let i = 0; i < count; i++) {
    const [a, b] = [u(), u()];
    out.push(
      [['add', 'sub', 'mul', 'div', 'wrap', 'cmp', 'bits'][i % 7]!, [a, b]],
      ['shifts', [a, Number(b % 300n)]],
      ['pow', [fit(a, 1 + (i % 40)), Number(b % 64n)]],
      ['u128', [fit(a, 128), fit(b, 128)]],
      ['u72', [fit(a, 72), fit(b, 72)]],
      ['i128', [signed(a, 128), signed(b, 128)]],
      ['i256', [signed(a, 256), signed(b, 256)]],
      ['conv', [a]],
      ['pow2', [b]],
      [
        'smul64',
        [
          signed(a, 64) >> BigInt(i % 60),
          signed(b, 64) >> BigInt((i * 3) % 60),
          signed(a, 40) >> BigInt(i % 30),
          signed(b, 40) >> BigInt(i % 25),
        ],
      ],
      [
        'spow256',
        [
          signed(a, 256) >> BigInt(200 + (i % 56)),
          Number(b % 40n),
          signed(b, 128) >> BigInt(100 + (i % 28)),
          Number(a % 30n),
        ],
      ],
      ['smd', [signed(a >> BigInt(i % 200), 256), signed(b >> BigInt((i * 7) % 250), 256)]],
      ['smd128', [signed(a, 128) >> BigInt(i % 100), signed(b, 128) >> BigInt((i * 3) % 120)]],
      ['smd200', [signed(a, 200) >> BigInt(i % 150), signed(b, 200) >> BigInt((i * 5) % 190)]],
      ['spow', [signed(a, 8), Number(b % 9n), signed(b, 64) % 2000n, Number(a % 80n)]],
    );
  }
  // Edge operands: equal values, one-digit and exact-power divisors, the maxima.
  const max = (1n << 256n) - 1n;
  out.push(['div', [max, 1n]], ['div', [max, max]], ['div', [1n << 200n, 1n << 100n]], ['div', [5n, 0n]]);
  out.push(
    ['div', [(1n << 192n) + 7n, (1n << 64n) - 1n]],
    ['mul', [1n << 128n, 1n << 127n]],
    ['mul', [1n << 128n, 1n << 128n]],
  );
  out.push(
    ['add', [max, 1n]],
    ['sub', [0n, 1n]],
    ['i256', [-(1n << 255n), -1n]],
    ['i128', [-(1n << 127n), 0n]],
  );
  return out;
}
