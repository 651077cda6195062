/**
 * The 256-bit runtime library: integers wider than 64 bits as four i64 limbs, least significant
 * first, passed as eight i64 parameters and returned in the globals `$w0…$w3` (and `$r0…$r3` for a
 * remainder, `$flag` for a carry or an overflow). Wider-than-64 `uintN`/`intN` are kept canonical as
 * 256-bit values (zero- or sign-extended), so one library serves every width.
 */

const L = [0, 1, 2, 3];
const params = (name: string) => L.map((i) => `(param $${name}${i} i64)`).join(' ');
const locals = (name: string, n = 4) =>
  Array.from({ length: n }, (_, i) => `(local $${name}${i} i64)`).join(' ');
const get = (name: string, i: number) => `(local.get $${name}${i})`;
const setW = (values: string[]) => values.map((v, i) => `(global.set $w${i} ${v})`).join(' ');

/** Low 32 bits / high 32 bits of limb i, as 8 32-bit digits (in i64s). */
function digits32(name: string): string[] {
  return L.flatMap((i) => [
    `(i64.and ${get(name, i)} (i64.const 0xffffffff))`,
    `(i64.shr_u ${get(name, i)} (i64.const 32))`,
  ]);
}

/** Schoolbook 8×8 32-bit-digit product into $p0…$p15 (each < 2^32). */
function mulBody(): string {
  const a = digits32('a');
  const b = digits32('b');
  const out: string[] = [];
  for (let i = 0; i < 8; i++) {
    out.push('(local.set $c (i64.const 0))');
    for (let j = 0; j < 8; j++) {
      // a_i·b_j + p + c < 2^64: (2^32−1)² + 2(2^32−1) = 2^64 − 1.
      out.push(
        `(local.set $t (i64.add (i64.add (i64.mul ${a[i]} ${b[j]}) (local.get $p${i + j})) (local.get $c)))`,
        `(local.set $p${i + j} (i64.and (local.get $t) (i64.const 0xffffffff)))`,
        '(local.set $c (i64.shr_u (local.get $t) (i64.const 32)))',
      );
    }
    out.push(`(local.set $p${i + 8} (local.get $c))`);
  }
  return out.join('\n');
}

const join32 = (lo: number) =>
  `(i64.or (local.get $p${lo}) (i64.shl (local.get $p${lo + 1}) (i64.const 32)))`;

/** Signs of the operands a and b into $sa/$sb, and a, b replaced by their magnitudes. */
const MAGNITUDES = ['a', 'b']
  .map(
    (x) => `
    (local.set $s${x} (i64.lt_s ${get(x, 3)} (i64.const 0)))
    (if (local.get $s${x}) (then
      (call $sub256 (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) ${L.map((i) => get(x, i)).join(' ')})
      ${L.map((i) => `(local.set $${x}${i} (global.get $w${i}))`).join(' ')}))`,
  )
  .join('');

export const WIDE_GLOBALS = `
  (global $w0 (mut i64) (i64.const 0)) (global $w1 (mut i64) (i64.const 0))
  (global $w2 (mut i64) (i64.const 0)) (global $w3 (mut i64) (i64.const 0))
  (global $r0 (mut i64) (i64.const 0)) (global $r1 (mut i64) (i64.const 0))
  (global $r2 (mut i64) (i64.const 0)) (global $r3 (mut i64) (i64.const 0))
  (global $flag (mut i32) (i32.const 0))`;

export function wideFunctions(tmpEnd: number): string {
  const sumLimbs = L.map(
    (i) => `
      (local.set $s (i64.add ${get('a', i)} ${get('b', i)}))
      (local.set $n (i64.extend_i32_u (i64.lt_u (local.get $s) ${get('a', i)})))
      (local.set $x${i} (i64.add (local.get $s) (local.get $c)))
      (local.set $c (i64.extend_i32_u (i32.or (i32.wrap_i64 (local.get $n)) (i64.lt_u (local.get $x${i}) (local.get $s)))))`,
  ).join('');
  const diffLimbs = L.map(
    (i) => `
      (local.set $s (i64.sub ${get('a', i)} ${get('b', i)}))
      (local.set $n (i64.extend_i32_u (i64.lt_u ${get('a', i)} ${get('b', i)})))
      (local.set $x${i} (i64.sub (local.get $s) (local.get $c)))
      (local.set $c (i64.extend_i32_u (i32.or (i32.wrap_i64 (local.get $n)) (i64.lt_u (local.get $s) (local.get $c)))))`,
  ).join('');
  return `
  ;; w = a + b mod 2^256; flag = carry out
  (func $add256 ${params('a')} ${params('b')} ${locals('x')} (local $s i64) (local $n i64) (local $c i64)
    ${sumLimbs}
    ${setW(L.map((i) => `(local.get $x${i})`))}
    (global.set $flag (i32.wrap_i64 (local.get $c))))

  ;; w = a − b mod 2^256; flag = borrow out
  (func $sub256 ${params('a')} ${params('b')} ${locals('x')} (local $s i64) (local $n i64) (local $c i64)
    ${diffLimbs}
    ${setW(L.map((i) => `(local.get $x${i})`))}
    (global.set $flag (i32.wrap_i64 (local.get $c))))

  ;; w = low 256 bits of a·b; flag = the high 256 bits are non-zero (unsigned overflow)
  (func $mul256 ${params('a')} ${params('b')} ${locals('p', 16)} (local $t i64) (local $c i64)
    ${mulBody()}
    ${setW(L.map((i) => join32(2 * i)))}
    (global.set $flag (i64.ne (i64.const 0) (i64.or (i64.or ${join32(8)} ${join32(10)}) (i64.or ${join32(12)} ${join32(14)})))))

  ;; w = a·b mod 2^256 for signed a, b; flag = the exact product is outside int256
  (func $smul256 ${params('a')} ${params('b')} (local $sa i32) (local $sb i32) (local $over i32)
    ${MAGNITUDES}
    (call $mul256 ${L.map((i) => get('a', i)).join(' ')} ${L.map((i) => get('b', i)).join(' ')})
    (local.set $over (global.get $flag))
    (if (i32.ne (local.get $sa) (local.get $sb))
      (then
        (call $sub256 (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (global.get $w0) (global.get $w1) (global.get $w2) (global.get $w3))
        ;; a negative product must come out negative (or zero)
        (local.set $over (i32.or (local.get $over) (i32.and (i64.ge_s (global.get $w3) (i64.const 0))
          (i64.ne (i64.const 0) (i64.or (i64.or (global.get $w0) (global.get $w1)) (i64.or (global.get $w2) (global.get $w3))))))))
      (else (local.set $over (i32.or (local.get $over) (i64.lt_s (global.get $w3) (i64.const 0))))))
    (global.set $flag (local.get $over)))

  (func $lt256 ${params('a')} ${params('b')} (result i32)
    (if (i64.ne ${get('a', 3)} ${get('b', 3)}) (then (return (i64.lt_u ${get('a', 3)} ${get('b', 3)}))))
    (if (i64.ne ${get('a', 2)} ${get('b', 2)}) (then (return (i64.lt_u ${get('a', 2)} ${get('b', 2)}))))
    (if (i64.ne ${get('a', 1)} ${get('b', 1)}) (then (return (i64.lt_u ${get('a', 1)} ${get('b', 1)}))))
    (i64.lt_u ${get('a', 0)} ${get('b', 0)}))

  ;; unsigned long division, one bit per round: w = a / b, r = a % b (b ≠ 0)
  (func $divmod256 ${params('a')} ${params('b')} ${locals('q')} ${locals('m')} (local $i i32) (local $top i64)
    (local.set $i (i32.const 256))
    (loop $bit
      (local.set $top (i64.shr_u ${get('a', 3)} (i64.const 63)))
      ${[3, 2, 1].map((i) => `(local.set $a${i} (i64.or (i64.shl ${get('a', i)} (i64.const 1)) (i64.shr_u ${get('a', i - 1)} (i64.const 63))))`).join(' ')}
      (local.set $a0 (i64.shl ${get('a', 0)} (i64.const 1)))
      ${[3, 2, 1].map((i) => `(local.set $m${i} (i64.or (i64.shl ${get('m', i)} (i64.const 1)) (i64.shr_u ${get('m', i - 1)} (i64.const 63))))`).join(' ')}
      (local.set $m0 (i64.or (i64.shl ${get('m', 0)} (i64.const 1)) (local.get $top)))
      ${[3, 2, 1].map((i) => `(local.set $q${i} (i64.or (i64.shl ${get('q', i)} (i64.const 1)) (i64.shr_u ${get('q', i - 1)} (i64.const 63))))`).join(' ')}
      (local.set $q0 (i64.shl ${get('q', 0)} (i64.const 1)))
      (if (i32.eqz (call $lt256 ${L.map((i) => get('m', i)).join(' ')} ${L.map((i) => get('b', i)).join(' ')}))
        (then
          (call $sub256 ${L.map((i) => get('m', i)).join(' ')} ${L.map((i) => get('b', i)).join(' ')})
          ${L.map((i) => `(local.set $m${i} (global.get $w${i}))`).join(' ')}
          (local.set $q0 (i64.or ${get('q', 0)} (i64.const 1)))))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (br_if $bit (local.get $i)))
    ${setW(L.map((i) => get('q', i)))}
    ${L.map((i) => `(global.set $r${i} ${get('m', i)})`).join(' ')})

  ;; signed division truncating toward zero: w = a / b, r = a % b (sign of a), both mod 2^256;
  ;; flag = the operands have equal signs (a negative w then means min / −1 overflowed)
  (func $sdivmod256 ${params('a')} ${params('b')} ${locals('q')} (local $sa i32) (local $sb i32)
    ${MAGNITUDES}
    (call $divmod256 ${L.map((i) => get('a', i)).join(' ')} ${L.map((i) => get('b', i)).join(' ')})
    ${L.map((i) => `(local.set $q${i} (global.get $w${i}))`).join(' ')}
    (if (local.get $sa) (then
      (call $sub256 (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) ${L.map((i) => `(global.get $r${i})`).join(' ')})
      ${L.map((i) => `(global.set $r${i} (global.get $w${i}))`).join(' ')}))
    (if (i32.ne (local.get $sa) (local.get $sb)) (then
      (call $sub256 (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) ${L.map((i) => get('q', i)).join(' ')})
      ${L.map((i) => `(local.set $q${i} (global.get $w${i}))`).join(' ')}))
    ${setW(L.map((i) => get('q', i)))}
    (global.set $flag (i32.eq (local.get $sa) (local.get $sb))))

  ;; w = a << n (n unsigned; ≥ 256 gives 0)
  (func $shl256 ${params('a')} (param $n i64)
    (if (i64.ge_u (local.get $n) (i64.const 256)) (then ${setW(['(i64.const 0)', '(i64.const 0)', '(i64.const 0)', '(i64.const 0)'])} (return)))
    (block $done (loop $limb
      (br_if $done (i64.lt_u (local.get $n) (i64.const 64)))
      (local.set $a3 ${get('a', 2)}) (local.set $a2 ${get('a', 1)}) (local.set $a1 ${get('a', 0)}) (local.set $a0 (i64.const 0))
      (local.set $n (i64.sub (local.get $n) (i64.const 64)))
      (br $limb)))
    (if (i64.ne (local.get $n) (i64.const 0)) (then
      ${[3, 2, 1].map((i) => `(local.set $a${i} (i64.or (i64.shl ${get('a', i)} (local.get $n)) (i64.shr_u ${get('a', i - 1)} (i64.sub (i64.const 64) (local.get $n)))))`).join(' ')}
      (local.set $a0 (i64.shl ${get('a', 0)} (local.get $n)))))
    ${setW(L.map((i) => get('a', i)))})

  ;; w = a >> n, arithmetic when $signed (n unsigned; ≥ 256 gives 0 or −1)
  (func $shr256 ${params('a')} (param $n i64) (param $signed i32) (local $fill i64)
    (local.set $fill (if (result i64) (local.get $signed) (then (i64.shr_s ${get('a', 3)} (i64.const 63))) (else (i64.const 0))))
    (if (i64.ge_u (local.get $n) (i64.const 256)) (then ${setW(['(local.get $fill)', '(local.get $fill)', '(local.get $fill)', '(local.get $fill)'])} (return)))
    (block $done (loop $limb
      (br_if $done (i64.lt_u (local.get $n) (i64.const 64)))
      (local.set $a0 ${get('a', 1)}) (local.set $a1 ${get('a', 2)}) (local.set $a2 ${get('a', 3)}) (local.set $a3 (local.get $fill))
      (local.set $n (i64.sub (local.get $n) (i64.const 64)))
      (br $limb)))
    (if (i64.ne (local.get $n) (i64.const 0)) (then
      ${[0, 1, 2].map((i) => `(local.set $a${i} (i64.or (i64.shr_u ${get('a', i)} (local.get $n)) (i64.shl ${get('a', i + 1)} (i64.sub (i64.const 64) (local.get $n)))))`).join(' ')}
      (local.set $a3 (if (result i64) (local.get $signed) (then (i64.shr_s ${get('a', 3)} (local.get $n))) (else (i64.shr_u ${get('a', 3)} (local.get $n)))))))
    ${setW(L.map((i) => get('a', i)))})

  ;; a JSON number or decimal string → magnitude in w (checked < 2^256), sign in $neg
  (func $parse_wide (param $p i32) (local $quoted i32) (local $d i64) (local $n i32)
    (local $x i64) (local $lo i64) (local $hi i64) (local $c i64) (local $i i32)
    ${setW(['(i64.const 0)', '(i64.const 0)', '(i64.const 0)', '(i64.const 0)'])}
    (local.set $quoted (i32.eq (call $byte (local.get $p)) (i32.const 34)))
    (local.set $p (i32.add (local.get $p) (local.get $quoted)))
    (global.set $neg (i32.eq (call $byte (local.get $p)) (i32.const 45)))
    (local.set $p (i32.add (local.get $p) (global.get $neg)))
    (block $done (loop $next
      (local.set $d (i64.extend_i32_u (i32.sub (call $byte (local.get $p)) (i32.const 48))))
      (br_if $done (i64.gt_u (local.get $d) (i64.const 9)))
      ;; w = w·10 + d, by 32-bit halves; the carry out of the top limb is an overflow
      (local.set $c (local.get $d))
      ${L.map(
        (i) => `
      (local.set $x (global.get $w${i}))
      (local.set $lo (i64.add (i64.mul (i64.and (local.get $x) (i64.const 0xffffffff)) (i64.const 10)) (local.get $c)))
      (local.set $hi (i64.add (i64.mul (i64.shr_u (local.get $x) (i64.const 32)) (i64.const 10)) (i64.shr_u (local.get $lo) (i64.const 32))))
      (global.set $w${i} (i64.or (i64.shl (local.get $hi) (i64.const 32)) (i64.and (local.get $lo) (i64.const 0xffffffff))))
      (local.set $c (i64.shr_u (local.get $hi) (i64.const 32)))`,
      ).join('')}
      (if (i64.ne (local.get $c) (i64.const 0)) (then (call $bad_args)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $next)))
    (if (i32.eqz (local.get $n)) (then (call $bad_args)))
    (if (local.get $quoted) (then
      (if (i32.ne (call $byte (local.get $p)) (i32.const 34)) (then (call $bad_args))))))

  ;; decimal digits of the unsigned 256-bit a
  (func $w_u256 ${params('a')} (local $p i32) (local $rem i64) (local $cur i64) (local $qh i64)
    (local.set $p (i32.const ${tmpEnd}))
    (loop $next
      (local.set $rem (i64.const 0))
      ${[3, 2, 1, 0]
        .map(
          (i) => `
      (local.set $cur (i64.or (i64.shl (local.get $rem) (i64.const 32)) (i64.shr_u ${get('a', i)} (i64.const 32))))
      (local.set $qh (i64.div_u (local.get $cur) (i64.const 10)))
      (local.set $rem (i64.rem_u (local.get $cur) (i64.const 10)))
      (local.set $cur (i64.or (i64.shl (local.get $rem) (i64.const 32)) (i64.and ${get('a', i)} (i64.const 0xffffffff))))
      (local.set $a${i} (i64.or (i64.shl (local.get $qh) (i64.const 32)) (i64.div_u (local.get $cur) (i64.const 10))))
      (local.set $rem (i64.rem_u (local.get $cur) (i64.const 10)))`,
        )
        .join('')}
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p) (i32.add (i32.const 48) (i32.wrap_i64 (local.get $rem))))
      (br_if $next (i64.ne (i64.const 0) (i64.or (i64.or ${get('a', 0)} ${get('a', 1)}) (i64.or ${get('a', 2)} ${get('a', 3)})))))
    (call $w_bytes (local.get $p) (i32.sub (i32.const ${tmpEnd}) (local.get $p))))

  (func $w_i256 ${params('a')}
    (if (i64.lt_s ${get('a', 3)} (i64.const 0)) (then
      (call $w_byte (i32.const 45))
      (call $sub256 (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) ${L.map((i) => get('a', i)).join(' ')})
      ${L.map((i) => `(local.set $a${i} (global.get $w${i}))`).join(' ')}))
    (call $w_u256 ${L.map((i) => get('a', i)).join(' ')}))

  ;; n lowercase hex digits at p → w; 0 when one is not a hex digit
  (func $hex (param $p i32) (param $n i32) (result i32) (local $i i32) (local $c i32) (local $d i64)
    ${setW(['(i64.const 0)', '(i64.const 0)', '(i64.const 0)', '(i64.const 0)'])}
    (loop $next
      (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $i))))
      (local.set $d (i64.extend_i32_u
        (if (result i32) (i32.le_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 9))
          (then (i32.sub (local.get $c) (i32.const 48)))
          (else (if (result i32) (i32.le_u (i32.sub (local.get $c) (i32.const 97)) (i32.const 5))
            (then (i32.sub (local.get $c) (i32.const 87)))
            (else (return (i32.const 0))))))))
      ;; w = w·16 + d
      ${[3, 2, 1].map((i) => `(global.set $w${i} (i64.or (i64.shl (global.get $w${i}) (i64.const 4)) (i64.shr_u (global.get $w${i - 1}) (i64.const 60))))`).join(' ')}
      (global.set $w0 (i64.or (i64.shl (global.get $w0) (i64.const 4)) (local.get $d)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
    (i32.const 1))

  ;; an implicit account id parsed into w names an address: its top 12 bytes are zero
  (func $is_address (result i32)
    (i32.and (i64.eqz (global.get $w3)) (i64.eqz (i64.shr_u (global.get $w2) (i64.const 32)))))

  ;; a JSON string "0x" ‖ n hex digits (bytesN) → w
  (func $parse_bytes (param $p i32) (param $n i32)
    (if (i32.ne (call $byte (local.get $p)) (i32.const 34)) (then (call $bad_args)))
    (if (i32.ne (call $byte (i32.add (local.get $p) (i32.const 1))) (i32.const 48)) (then (call $bad_args)))
    (if (i32.ne (call $byte (i32.add (local.get $p) (i32.const 2))) (i32.const 120)) (then (call $bad_args)))
    (if (i32.ne (call $byte (i32.add (local.get $p) (i32.add (local.get $n) (i32.const 3)))) (i32.const 34))
      (then (call $bad_args)))
    (if (i32.eqz (call $hex (i32.add (local.get $p) (i32.const 3)) (local.get $n))) (then (call $bad_args))))

  ;; "0x" ‖ the low n hex digits of a, quoted (bytesN)
  (func $w_fixed_bytes ${params('a')} (param $n i32)
    (call $w_byte (i32.const 34)) (call $w_byte (i32.const 48)) (call $w_byte (i32.const 120))
    (call $w_hex ${L.map((i) => get('a', i)).join(' ')} (local.get $n))
    (call $w_byte (i32.const 34)))

  ;; the low n hex digits of a (most significant first)
  (func $w_hex ${params('a')} (param $n i32) (local $i i32) (local $d i32)
    (local.set $i (local.get $n))
    (loop $next
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (local.set $d (i32.wrap_i64 (i64.and ${get('a', 0)} (i64.const 15))))
      (i32.store8 (i32.add (global.get $out) (local.get $i))
        (i32.add (local.get $d) (if (result i32) (i32.lt_u (local.get $d) (i32.const 10)) (then (i32.const 48)) (else (i32.const 87)))))
      ${[0, 1, 2].map((i) => `(local.set $a${i} (i64.or (i64.shr_u ${get('a', i)} (i64.const 4)) (i64.shl ${get('a', i + 1)} (i64.const 60))))`).join(' ')}
      (local.set $a3 (i64.shr_u ${get('a', 3)} (i64.const 4)))
      (br_if $next (local.get $i)))
    (global.set $out (i32.add (global.get $out) (local.get $n))))

`;
}
