/**
 * The program's 256-bit runtime library: sBPF subroutines over 32-byte little-endian words (four u64
 * limbs, limb 0 least significant) that live in stack frames or on the heap. Arguments are pointers in
 * r1–r4; results are written through the destination pointer (which may alias an operand) and flags
 * return in r0. A routine is emitted once per program and only when the code generator used it.
 * Routines may use r6–r9 freely: sBPF's `call` saves them and `exit` restores them.
 */

/** sBPF v0 heap region (sbpf `ebpf::MM_HEAP_START`); r9 holds it in every function. */
export const HEAP_START = 0x3_0000_0000n;
/** Heap layout (offsets from r9): revert flag, a zero word, internal-call return word, keccak buffers, scratch. */
export const HEAP = {
  flag: 0,
  /** Bytes of the arena handed out so far (the bump allocator for memory objects). */
  bump: 16,
  zero: 32,
  ret: 64,
  hashIn: 96,
  hashDesc: 160,
  hashOut: 192,
  clock: 224,
  /** Words of an internal function's several return values (up to 6). */
  rets: 320,
  scratch: 512,
} as const;
/** Bytes of heap scratch for return data, log messages and event payloads (agave's heap is 32 KiB). */
export const SCRATCH_SIZE = 8 * 1024;
/**
 * Heap offset of the memory-object arena, after the scratch buffer; it runs to the end of agave's
 * 32 KiB heap (`solana_program_entrypoint::HEAP_LENGTH`): an object past it faults with the VM's own
 * AccessViolation, as an over-large allocation does on Solana.
 */
export const ARENA = 512 + SCRATCH_SIZE;
/** Bytes of one hash-table bucket in the state account: used flag u64, key word, value word. */
export const BUCKET = 72;

export type Routine =
  | 'add'
  | 'sub'
  | 'mul'
  | 'divmod'
  | 'ucmp'
  | 'scmp'
  | 'shl'
  | 'shr'
  | 'bswap'
  | 'loadBe'
  | 'storeBe'
  | 'fitsU'
  | 'fitsS'
  | 'truncU'
  | 'truncS'
  | 'mapKey'
  | 'arrayKey'
  | 'chunk'
  | 'strStore'
  | 'strLoad'
  | 'slot';

/** What the slot routine needs to know about the state account. */
export interface SlotLayout {
  /** Solidity slots 0..staticSlots-1 live at data offset 8 + 32·slot. */
  readonly staticSlots: number;
  /** Data offset of the hash table and its bucket count (a power of two; 0 = no table). */
  readonly tableOffset: number;
  readonly capacity: number;
}

const limbs = [0, 1, 2, 3] as const;

/** r0 = carry of d = a + b. */
function add(): string[] {
  const o = ['  mov64 r0, 0'];
  for (const i of limbs) {
    o.push(`  ldxdw r4, [r2+${8 * i}]`, `  ldxdw r5, [r3+${8 * i}]`, '  add64 r5, r4', '  mov64 r7, 0');
    o.push('  jge r5, r4, +1', '  mov64 r7, 1', '  add64 r5, r0', '  jge r5, r0, +1', '  mov64 r7, 1');
    o.push(`  stxdw [r1+${8 * i}], r5`, '  mov64 r0, r7');
  }
  return [...o, '  exit'];
}

/** r0 = borrow of d = a − b. */
function sub(): string[] {
  const o = ['  mov64 r0, 0'];
  for (const i of limbs) {
    o.push(`  ldxdw r4, [r2+${8 * i}]`, `  ldxdw r5, [r3+${8 * i}]`, '  mov64 r7, 0');
    o.push('  jge r4, r5, +1', '  mov64 r7, 1', '  sub64 r4, r5', '  jge r4, r0, +1', '  mov64 r7, 1');
    o.push('  sub64 r4, r0', `  stxdw [r1+${8 * i}], r4`, '  mov64 r0, r7');
  }
  return [...o, '  exit'];
}

/**
 * d = a·b mod 2^256 over 32-bit digits (sBPF has only a 64×64→64 multiply); r0 = 1 when the exact
 * product needs more than 256 bits: the top non-zero digits' indices sum to ≥ 8, or a carry leaves
 * digit 7. The 8-digit accumulator is in this routine's frame (d may alias a or b).
 */
function mul(): string[] {
  const o: string[] = [];
  for (const i of limbs) o.push(`  stdw [r10-${32 - 8 * i}], 0`);
  // r7 = overflow; r6/r8 = index of the top non-zero digit of a/b (−1 for zero).
  o.push('  mov64 r7, 0');
  for (const [ptr, out] of [
    ['r2', 'r6'],
    ['r3', 'r8'],
  ] as const) {
    o.push(`  mov64 ${out}, -1`);
    for (let k = 0; k < 8; k++)
      o.push(`  ldxw r0, [${ptr}+${4 * k}]`, '  jeq r0, 0, +1', `  mov64 ${out}, ${k}`);
  }
  o.push('  add64 r6, r8', '  jslt r6, 8, +1', '  mov64 r7, 1');
  for (let i = 0; i < 8; i++) {
    const skip = `mul_row_${i}`;
    o.push(`  ldxw r4, [r2+${4 * i}]`, `  jeq r4, 0, ${skip}`, '  mov64 r5, 0');
    for (let j = 0; i + j < 8; j++) {
      const acc = `[r10-${32 - 4 * (i + j)}]`;
      o.push(`  ldxw r0, [r3+${4 * j}]`, '  mul64 r0, r4', `  ldxw r8, ${acc}`, '  add64 r0, r8');
      o.push('  add64 r0, r5', `  stxw ${acc}, r0`, '  mov64 r5, r0', '  rsh64 r5, 32');
    }
    o.push('  jeq r5, 0, +1', '  mov64 r7, 1', `${skip}:`);
  }
  for (const i of limbs) o.push(`  ldxdw r0, [r10-${32 - 8 * i}]`, `  stxdw [r1+${8 * i}], r0`);
  return [...o, '  mov64 r0, r7', '  exit'];
}

/** r0 = sign of a − b (−1, 0, 1), unsigned or (top limb signed) two's complement. */
function compare(signed: boolean): string[] {
  const name = signed ? 'scmp' : 'ucmp';
  const o: string[] = [];
  for (const i of [3, 2, 1, 0]) {
    const [gt, lt] = signed && i === 3 ? ['jsgt', 'jslt'] : ['jgt', 'jlt'];
    o.push(`  ldxdw r4, [r1+${8 * i}]`, `  ldxdw r5, [r2+${8 * i}]`);
    o.push(`  ${gt} r4, r5, ${name}_gt`, `  ${lt} r4, r5, ${name}_lt`);
  }
  return [
    ...o,
    '  mov64 r0, 0',
    '  exit',
    `${name}_gt:`,
    '  mov64 r0, 1',
    '  exit',
    `${name}_lt:`,
    '  mov64 r0, -1',
    '  exit',
  ];
}

/**
 * d = a << n or a >> n (logical) for n in r3, 0 ≤ n < 256: limb shift n/64 then bit shift n%64,
 * built in this frame so d may alias a.
 */
function shift(left: boolean): string[] {
  const o = ['  mov64 r4, r3', '  rsh64 r4, 6', '  and64 r3, 63', '  mov64 r6, 64', '  sub64 r6, r3'];
  const [main, carry] = left ? ['lsh64', 'rsh64'] : ['rsh64', 'lsh64'];
  for (const i of limbs) {
    const done = `${left ? 'shl' : 'shr'}_${i}`;
    // source limb: left i − s (and i − s − 1 for the carried bits); right i + s (and i + s + 1).
    const source = (extra: number) =>
      left
        ? [`  mov64 r5, ${i - extra}`, '  sub64 r5, r4', `  jslt r5, 0, ${done}`]
        : [`  mov64 r5, ${i + extra}`, '  add64 r5, r4', `  jgt r5, 3, ${done}`];
    o.push('  mov64 r0, 0', ...source(0), '  lsh64 r5, 3', '  add64 r5, r2', '  ldxdw r0, [r5+0]');
    o.push(`  ${main} r0, r3`, `  jeq r3, 0, ${done}`, ...source(1), '  lsh64 r5, 3', '  add64 r5, r2');
    o.push('  ldxdw r8, [r5+0]', `  ${carry} r8, r6`, '  or64 r0, r8');
    o.push(`${done}:`, `  stxdw [r10-${32 - 8 * i}], r0`);
  }
  for (const i of limbs) o.push(`  ldxdw r0, [r10-${32 - 8 * i}]`, `  stxdw [r1+${8 * i}], r0`);
  return [...o, '  exit'];
}

/** d = a with its 32 bytes reversed (big-endian ↔ little-endian word; d may alias a). */
function bswap(): string[] {
  const o: string[] = ['  mov64 r0, r2'];
  for (const i of limbs) o.push(`  ldxdw r${i + 2}, [r0+${8 * i}]`, `  be64 r${i + 2}`);
  // r2..r5 hold limbs 0..3 byte-swapped: limb i goes to position 3 − i.
  for (const i of limbs) o.push(`  stxdw [r1+${8 * (3 - i)}], r${i + 2}`);
  return [...o, '  exit'];
}

/** Copies n (r3) bytes from r2 to r1 in reverse order (r2 is advanced to its end first). */
function reverseCopy(name: string): string[] {
  return [
    '  add64 r2, r3',
    `${name}_loop:`,
    `  jeq r3, 0, ${name}_end`,
    '  sub64 r2, 1',
    '  ldxb r4, [r2+0]',
    '  stxb [r1+0], r4',
    '  add64 r1, 1',
    '  sub64 r3, 1',
    `  ja ${name}_loop`,
    `${name}_end:`,
    '  exit',
  ];
}

/** d = the n (r3) bytes at r2 read big-endian, zero-extended to a word. */
function loadBe(): string[] {
  return [...limbs.map((i) => `  stdw [r1+${8 * i}], 0`), ...reverseCopy('loadbe')];
}

/** The low n (r3) bytes of the word at r2 written big-endian to r1. */
function storeBe(): string[] {
  return reverseCopy('storebe');
}

/** The byte every byte at and above n (r2) must hold: 0, or 0xff for a negative n-byte value (signed). */
function fillByte(signed: boolean): string[] {
  if (!signed) return ['  mov64 r5, 0'];
  return [
    '  mov64 r4, r1',
    '  add64 r4, r2',
    '  ldxb r5, [r4-1]',
    '  lsh64 r5, 56',
    '  arsh64 r5, 63',
    '  and64 r5, 0xff',
  ];
}

/** Runs `body` over bytes n (r2)..31 of the word at r1 (r1 → the byte, r3 = bytes left, r5 = the fill byte). */
function highBytes(signed: boolean, name: string, body: string[]): string[] {
  return [
    ...fillByte(signed),
    '  add64 r1, r2',
    '  mov64 r3, 32',
    '  sub64 r3, r2',
    `${name}_loop:`,
    `  jeq r3, 0, ${name}_end`,
    ...body,
    '  add64 r1, 1',
    '  sub64 r3, 1',
    `  ja ${name}_loop`,
  ];
}

/** r0 = 1 when bytes n (r2)..31 of the word at r1 are the fill byte (the value fits n bytes). */
function fits(signed: boolean): string[] {
  const name = signed ? 'fitss' : 'fitsu';
  return [
    '  mov64 r0, 1',
    ...highBytes(signed, name, ['  ldxb r4, [r1+0]', `  jne r4, r5, ${name}_fail`]),
    `${name}_fail:`,
    '  mov64 r0, 0',
    `${name}_end:`,
    '  exit',
  ];
}

/** Sets bytes n (r2)..31 of the word at r1 to the fill byte (truncates to n bytes, re-extending). */
function trunc(signed: boolean): string[] {
  const name = signed ? 'truncs' : 'truncu';
  return [...highBytes(signed, name, ['  stxb [r1+0], r5']), `${name}_end:`, '  exit'];
}

/** Frame offsets of divmod's digit arrays (32-bit digits, little-endian). */
const UN = 112;
const VN = 160;
const QD = 208;

/** dst = the address of digit `index` (+ `plus`) of the frame array at `base` (registers). */
function digitAt(dst: string, index: string, base: number, plus?: string): string[] {
  return [
    `  mov64 ${dst}, ${index}`,
    ...(plus ? [`  add64 ${dst}, ${plus}`] : []),
    `  lsh64 ${dst}, 2`,
    `  add64 ${dst}, r10`,
    `  sub64 ${dst}, ${base}`,
  ];
}

/** out = the number of significant 32-bit digits of the word at `ptr`. */
function digitCount(ptr: string, out: string, name: string): string[] {
  return [
    `  mov64 ${out}, 8`,
    `${name}:`,
    `  jeq ${out}, 0, ${name}_done`,
    `  mov64 r5, ${out}`,
    '  lsh64 r5, 2',
    `  add64 r5, ${ptr}`,
    '  ldxw r0, [r5-4]',
    `  jne r0, 0, ${name}_done`,
    `  sub64 ${out}, 1`,
    `  ja ${name}`,
    `${name}_done:`,
  ];
}

/**
 * Unsigned a (r1) / b (r2), b ≠ 0: quotient to r3, remainder to r4 (outputs written last, so they
 * may alias the operands). Knuth's algorithm D over 32-bit digits (TAOCP vol. 2 §4.3.1, in the shape
 * of Hacker's Delight `divmnu64`), since sBPF divides only 64 by 64 bits: one 64/32 estimate and at
 * most two corrections per quotient digit.
 */
function divmod(): string[] {
  const o = ['  stxdw [r10-8], r3', '  stxdw [r10-16], r4'];
  for (const i of limbs) o.push(`  stdw [r10-${QD - 8 * i}], 0`);
  o.push(...digitCount('r1', 'r6', 'dm_m'), ...digitCount('r2', 'r7', 'dm_n'));
  o.push('  jlt r6, r7, dm_small', '  jeq r7, 1, dm_single');
  // s = leading zeros of v[n−1] (normalise so its top bit is set).
  o.push('  mov64 r5, r7', '  lsh64 r5, 2', '  add64 r5, r2', '  ldxw r0, [r5-4]', '  mov64 r8, 0');
  for (const [limit, step] of [
    [0xffff, 16],
    [0xffffff, 8],
    [0xfffffff, 4],
    [0x3fffffff, 2],
    [0x7fffffff, 1],
  ] as const) {
    o.push(`  jgt r0, ${limit}, +2`, `  add64 r8, ${step}`, `  lsh64 r0, ${step}`);
  }
  o.push('  mov64 r9, 32', '  sub64 r9, r8', '  stxdw [r10-24], r8', '  stxdw [r10-32], r9');
  // vn[i] = v[i] << s | v[i−1] >> (32 − s), i = n−1..1; vn[0] = v[0] << s (stxw keeps 32 bits).
  o.push('  mov64 r3, r7', 'dm_vn:', '  sub64 r3, 1', '  jeq r3, 0, dm_vn_done');
  o.push('  mov64 r5, r3', '  lsh64 r5, 2', '  add64 r5, r2', '  ldxw r0, [r5+0]', '  lsh64 r0, r8');
  o.push('  ldxw r4, [r5-4]', '  rsh64 r4, r9', '  or64 r0, r4', ...digitAt('r5', 'r3', VN));
  o.push('  stxw [r5+0], r0', '  ja dm_vn');
  o.push('dm_vn_done:', '  ldxw r0, [r2+0]', '  lsh64 r0, r8', `  stxw [r10-${VN}], r0`);
  // un[m] = u[m−1] >> (32 − s); un[i] = u[i] << s | u[i−1] >> (32 − s); un[0] = u[0] << s.
  o.push('  mov64 r5, r6', '  lsh64 r5, 2', '  add64 r5, r1', '  ldxw r0, [r5-4]', '  rsh64 r0, r9');
  o.push(...digitAt('r5', 'r6', UN), '  stxw [r5+0], r0');
  o.push('  mov64 r3, r6', 'dm_un:', '  sub64 r3, 1', '  jeq r3, 0, dm_un_done');
  o.push('  mov64 r5, r3', '  lsh64 r5, 2', '  add64 r5, r1', '  ldxw r0, [r5+0]', '  lsh64 r0, r8');
  o.push('  ldxw r4, [r5-4]', '  rsh64 r4, r9', '  or64 r0, r4', ...digitAt('r5', 'r3', UN));
  o.push('  stxw [r5+0], r0', '  ja dm_un');
  o.push('dm_un_done:', '  ldxw r0, [r1+0]', '  lsh64 r0, r8', `  stxw [r10-${UN}], r0`);
  // Quotient digits j = m − n .. 0 (r1 = j, r7 = n, r2 → vn[n−1]).
  o.push('  mov64 r1, r6', '  sub64 r1, r7', '  mov64 r2, r7', '  sub64 r2, 1', ...digitAt('r2', 'r2', VN));
  o.push('dm_loop:', ...digitAt('r3', 'r1', UN, 'r7'), '  ldxw r4, [r3+0]', '  lsh64 r4, 32');
  o.push('  ldxw r5, [r3-4]', '  or64 r4, r5', '  ldxw r5, [r2+0]', '  mov64 r0, r4', '  div64 r0, r5');
  o.push('  mov64 r3, r0', '  mul64 r3, r5', '  sub64 r4, r3');
  // r0 = q̂, r4 = r̂: while q̂ ≥ 2^32 or q̂·vn[n−2] > r̂·2^32 + un[j+n−2]: q̂ −= 1, r̂ += vn[n−1] (while r̂ < 2^32).
  o.push(
    'dm_again:',
    '  lddw r3, 0x100000000',
    '  jge r0, r3, dm_adjust',
    '  ldxw r3, [r2-4]',
    '  mul64 r3, r0',
  );
  o.push(...digitAt('r5', 'r1', UN, 'r7'), '  ldxw r5, [r5-8]', '  mov64 r6, r4', '  lsh64 r6, 32');
  o.push('  or64 r6, r5', '  jgt r3, r6, dm_adjust', '  ja dm_adjusted');
  o.push('dm_adjust:', '  sub64 r0, 1', '  ldxw r5, [r2+0]', '  add64 r4, r5', '  lddw r3, 0x100000000');
  o.push('  jlt r4, r3, dm_again', 'dm_adjusted:');
  // Multiply and subtract: un[j..j+n] −= q̂·vn (r4 = k, the signed borrow).
  o.push('  mov64 r4, 0', '  mov64 r9, 0', 'dm_ms:', '  jge r9, r7, dm_ms_done', ...digitAt('r6', 'r9', VN));
  o.push('  ldxw r3, [r6+0]', '  mul64 r3, r0', ...digitAt('r6', 'r9', UN, 'r1'), '  ldxw r5, [r6+0]');
  o.push('  sub64 r5, r4', '  mov64 r8, r3', '  lsh64 r8, 32', '  rsh64 r8, 32', '  sub64 r5, r8');
  o.push('  stxw [r6+0], r5', '  rsh64 r3, 32', '  arsh64 r5, 32', '  sub64 r3, r5', '  mov64 r4, r3');
  o.push('  add64 r9, 1', '  ja dm_ms');
  o.push('dm_ms_done:', ...digitAt('r6', 'r1', UN, 'r7'), '  ldxw r5, [r6+0]', '  sub64 r5, r4');
  o.push('  stxw [r6+0], r5');
  // Negative: q̂ was one too large; add vn back.
  o.push('  jsge r5, 0, dm_store', '  sub64 r0, 1', '  mov64 r4, 0', '  mov64 r9, 0');
  o.push('dm_ab:', '  jge r9, r7, dm_ab_done', ...digitAt('r6', 'r9', VN), '  ldxw r3, [r6+0]');
  o.push(...digitAt('r6', 'r9', UN, 'r1'), '  ldxw r5, [r6+0]', '  add64 r5, r3', '  add64 r5, r4');
  o.push('  stxw [r6+0], r5', '  rsh64 r5, 32', '  mov64 r4, r5', '  add64 r9, 1', '  ja dm_ab');
  o.push('dm_ab_done:', ...digitAt('r6', 'r1', UN, 'r7'), '  ldxw r5, [r6+0]', '  add64 r5, r4');
  o.push('  stxw [r6+0], r5');
  o.push('dm_store:', ...digitAt('r6', 'r1', QD), '  stxw [r6+0], r0', '  jeq r1, 0, dm_unnormalize');
  o.push('  sub64 r1, 1', '  ja dm_loop');
  // Remainder: r[i] = un[i] >> s | un[i+1] << (32 − s), i < n.
  o.push('dm_unnormalize:', '  ldxdw r8, [r10-24]', '  ldxdw r9, [r10-32]', '  ldxdw r3, [r10-16]');
  for (const i of limbs) o.push(`  stdw [r3+${8 * i}], 0`);
  o.push('  mov64 r1, 0', 'dm_rem:', '  jge r1, r7, dm_out', ...digitAt('r6', 'r1', UN), '  ldxw r5, [r6+0]');
  o.push('  rsh64 r5, r8', '  ldxw r4, [r6+4]', '  lsh64 r4, r9', '  or64 r5, r4', '  mov64 r6, r1');
  o.push('  lsh64 r6, 2', '  add64 r6, r3', '  stxw [r6+0], r5', '  add64 r1, 1', '  ja dm_rem');
  // One-digit divisor: schoolbook with 64/32 steps, remainder k.
  o.push('dm_single:', '  ldxw r5, [r2+0]', '  mov64 r4, 0');
  o.push(
    'dm_single_loop:',
    '  jeq r6, 0, dm_single_done',
    '  sub64 r6, 1',
    '  mov64 r3, r6',
    '  lsh64 r3, 2',
  );
  o.push('  add64 r3, r1', '  ldxw r0, [r3+0]', '  mov64 r3, r4', '  lsh64 r3, 32', '  or64 r3, r0');
  o.push(
    '  mov64 r0, r3',
    '  div64 r0, r5',
    '  mov64 r4, r0',
    '  mul64 r4, r5',
    '  sub64 r3, r4',
    '  mov64 r4, r3',
  );
  o.push(...digitAt('r3', 'r6', QD), '  stxw [r3+0], r0', '  ja dm_single_loop');
  o.push('dm_single_done:', '  ldxdw r3, [r10-16]', '  stxdw [r3+0], r4');
  for (const i of [1, 2, 3]) o.push(`  stdw [r3+${8 * i}], 0`);
  o.push('  ja dm_out');
  // a < b: q = 0, r = a.
  o.push('dm_small:', '  ldxdw r3, [r10-16]');
  for (const i of limbs) o.push(`  ldxdw r5, [r1+${8 * i}]`, `  stxdw [r3+${8 * i}], r5`);
  o.push('dm_out:', '  ldxdw r3, [r10-8]');
  for (const i of limbs) o.push(`  ldxdw r5, [r10-${QD - 8 * i}]`, `  stxdw [r3+${8 * i}], r5`);
  return [...o, '  exit'];
}

/** keccak256 of hashIn[0..len) (big-endian words), written little-endian to the word at r6. */
function keccakInto(len: number): string[] {
  return [
    '  mov64 r1, r9',
    `  add64 r1, ${HEAP.hashIn}`,
    `  stxdw [r9+${HEAP.hashDesc}], r1`,
    `  stdw [r9+${HEAP.hashDesc + 8}], ${len}`,
    '  mov64 r1, r9',
    `  add64 r1, ${HEAP.hashDesc}`,
    '  mov64 r2, 1',
    '  mov64 r3, r9',
    `  add64 r3, ${HEAP.hashOut}`,
    '  syscall sol_keccak256',
    '  mov64 r1, r6',
    '  mov64 r2, r9',
    `  add64 r2, ${HEAP.hashOut}`,
    '  call rt_bswap',
    '  exit',
  ];
}

/**
 * d (r1) = keccak256(be32(key at r3) ‖ be32(base slot at r2)) as a little-endian word: Solidity's
 * mapping slot (layout_in_storage.rst), through the `sol_keccak256` syscall.
 */
function mapKey(): string[] {
  return [
    '  mov64 r6, r1',
    '  mov64 r7, r2',
    '  mov64 r1, r9',
    `  add64 r1, ${HEAP.hashIn}`,
    '  mov64 r2, r3',
    '  call rt_bswap',
    '  mov64 r1, r9',
    `  add64 r1, ${HEAP.hashIn + 32}`,
    '  mov64 r2, r7',
    '  call rt_bswap',
    ...keccakInto(64),
  ];
}

/** d (r1) = keccak256(be32(word at r2)) as a little-endian word: where a dynamic array's data starts. */
function arrayKey(): string[] {
  return [
    '  mov64 r6, r1',
    '  mov64 r1, r9',
    `  add64 r1, ${HEAP.hashIn}`,
    '  call rt_bswap',
    ...keccakInto(32),
  ];
}

/**
 * r0 = pointer to the value word of Solidity slot `key` (r1, a little-endian word) in the state account
 * (r6 = its data): slots below `staticSlots` at 8 + 32·slot, others in the open-addressing table
 * (linear probing from key limb 0 ^ limb 3). Reading an absent slot gives the heap's zero word; writing
 * (r2 ≠ 0) claims a bucket, and r0 = 0 when every bucket is taken.
 */
function slot(layout: SlotLayout): string[] {
  const o = [
    '  ldxdw r3, [r1+8]',
    '  ldxdw r4, [r1+16]',
    '  or64 r3, r4',
    '  ldxdw r4, [r1+24]',
    '  or64 r3, r4',
    '  jne r3, 0, slot_hashed',
    '  ldxdw r3, [r1+0]',
    `  jge r3, ${layout.staticSlots}, slot_hashed`,
    '  lsh64 r3, 5',
    '  add64 r3, r6',
    '  add64 r3, 8',
    '  mov64 r0, r3',
    '  exit',
    'slot_hashed:',
  ];
  if (layout.capacity === 0)
    return [
      ...o,
      '  jeq r2, 0, slot_zero',
      '  mov64 r0, 0',
      '  exit',
      'slot_zero:',
      `  mov64 r0, r9`,
      `  add64 r0, ${HEAP.zero}`,
      '  exit',
    ];
  const m = layout.capacity - 1;
  o.push(
    '  ldxdw r3, [r1+0]',
    '  ldxdw r4, [r1+24]',
    '  xor64 r3, r4',
    `  and64 r3, ${m}`,
    `  mov64 r5, ${layout.capacity}`,
  );
  o.push(
    'slot_probe:',
    '  mov64 r4, r3',
    `  mul64 r4, ${BUCKET}`,
    '  add64 r4, r6',
    `  add64 r4, ${layout.tableOffset}`,
  );
  o.push('  ldxdw r0, [r4+0]', '  jeq r0, 0, slot_empty');
  for (const i of limbs)
    o.push(`  ldxdw r0, [r4+${8 + 8 * i}]`, `  ldxdw r7, [r1+${8 * i}]`, '  jne r0, r7, slot_next');
  o.push('  mov64 r0, r4', '  add64 r0, 40', '  exit');
  o.push('slot_next:', '  add64 r3, 1', `  and64 r3, ${m}`, '  sub64 r5, 1', '  jne r5, 0, slot_probe');
  o.push('  jeq r2, 0, slot_zero', '  mov64 r0, 0', '  exit');
  o.push('slot_empty:', '  jeq r2, 0, slot_zero', '  stdw [r4+0], 1');
  for (const i of limbs) o.push(`  ldxdw r0, [r1+${8 * i}]`, `  stxdw [r4+${8 + 8 * i}], r0`);
  o.push('  mov64 r0, r4', '  add64 r0, 40', '  exit');
  o.push('slot_zero:', '  mov64 r0, r9', `  add64 r0, ${HEAP.zero}`, '  exit');
  return o;
}

/** r0 = the slot pointer of word (r1) + k (r2); r3 ≠ 0 claims the bucket (r0 = 0 when full). */
function chunk(): string[] {
  return [
    '  stxdw [r10-32], r2',
    '  stdw [r10-24], 0',
    '  stdw [r10-16], 0',
    '  stdw [r10-8], 0',
    '  stxdw [r10-40], r3',
    '  mov64 r2, r1',
    '  mov64 r1, r10',
    '  sub64 r1, 32',
    '  mov64 r3, r1',
    '  call rt_add',
    '  mov64 r1, r10',
    '  sub64 r1, 32',
    '  ldxdw r2, [r10-40]',
    '  call rt_slot',
    '  exit',
  ];
}

/** Frame of the string routines: key copy, data base keccak(key), a chunk buffer, then saved values. */
const S_KEY = 32;
const S_BASE = 64;
const S_BUF = 96;
const S_STR = 104;
const S_LEN = 112;
const S_OLD = 120;
const S_NEW = 128;
const S_K = 136;

/** Inline bump allocation in a routine: r3 = a heap object of 8 + r4 bytes (clobbers r5). */
function allocString(): string[] {
  return [
    `  ldxdw r3, [r9+${HEAP.bump}]`,
    '  mov64 r5, r3',
    '  add64 r5, 15',
    '  add64 r5, r4',
    '  and64 r5, -8',
    `  stxdw [r9+${HEAP.bump}], r5`,
    '  add64 r3, r9',
    `  add64 r3, ${ARENA}`,
    '  stxdw [r3+0], r4',
  ];
}

/** Copies r3 bytes from r5 to r1 upwards (clobbers r4). */
function copyUp(name: string): string[] {
  return [
    `${name}:`,
    `  jeq r3, 0, ${name}_done`,
    '  ldxb r4, [r5+0]',
    '  stxb [r1+0], r4',
    '  add64 r5, 1',
    '  add64 r1, 1',
    '  sub64 r3, 1',
    `  ja ${name}`,
    `${name}_done:`,
  ];
}

/** Copies the key word at r1 into the frame and computes keccak(key) (the long data's first slot). */
function keyAndBase(): string[] {
  return [
    ...limbs.flatMap((i) => [`  ldxdw r3, [r1+${8 * i}]`, `  stxdw [r10-${S_KEY - 8 * i}], r3`]),
    '  mov64 r1, r10',
    `  sub64 r1, ${S_BASE}`,
    '  mov64 r2, r10',
    `  sub64 r2, ${S_KEY}`,
    '  call rt_arrayKey',
  ];
}

/** n = min(32, len − 32k) into r3 and the chunk's string address into r5 (r2 = k). */
function chunkSpan(): string[] {
  return [
    `  ldxdw r3, [r10-${S_LEN}]`,
    '  mov64 r4, r2',
    '  lsh64 r4, 5',
    '  sub64 r3, r4',
    '  jle r3, 32, +1',
    '  mov64 r3, 32',
    `  ldxdw r5, [r10-${S_STR}]`,
    '  add64 r5, 8',
    '  add64 r5, r4',
  ];
}

/**
 * Stores the memory string r2 at the slot whose number is the word r1, in solc's layout
 * (layout_in_storage.rst "bytes and string"): shorter than 32 bytes in the slot itself, left-aligned,
 * with 2·length in the lowest byte; else 2·length + 1 in the slot and the data in 32-byte slots from
 * keccak256(slot). Slots the old value used beyond the new one are zeroed. r0 = 1 when the table is full.
 */
function strStore(): string[] {
  const o = [
    `  stxdw [r10-${S_STR}], r2`,
    '  ldxdw r3, [r2+0]',
    `  stxdw [r10-${S_LEN}], r3`,
    ...keyAndBase(),
  ];
  o.push(
    '  mov64 r1, r10',
    `  sub64 r1, ${S_KEY}`,
    '  mov64 r2, 1',
    '  call rt_slot',
    '  jeq r0, 0, ss_full',
  );
  // Chunks of the old value (long form only).
  o.push('  ldxdw r4, [r0+0]', '  mov64 r5, r4', '  and64 r5, 1', '  mov64 r3, 0', '  jeq r5, 0, +4');
  o.push('  rsh64 r4, 1', '  add64 r4, 31', '  rsh64 r4, 5', '  mov64 r3, r4', `  stxdw [r10-${S_OLD}], r3`);
  o.push(
    ...limbs.map((i) => `  stdw [r0+${8 * i}], 0`),
    `  ldxdw r3, [r10-${S_LEN}]`,
    `  stdw [r10-${S_NEW}], 0`,
  );
  o.push('  jge r3, 32, ss_long');
  // Short: word byte 31 − i = s[i], byte 0 = 2·len.
  o.push(`  ldxdw r5, [r10-${S_STR}]`, '  add64 r5, 8', '  mov64 r1, r0', '  add64 r1, 31', '  mov64 r2, r3');
  o.push(
    'ss_short:',
    '  jeq r2, 0, ss_short_done',
    '  ldxb r4, [r5+0]',
    '  stxb [r1+0], r4',
    '  add64 r5, 1',
  );
  o.push(
    '  sub64 r1, 1',
    '  sub64 r2, 1',
    '  ja ss_short',
    'ss_short_done:',
    '  lsh64 r3, 1',
    '  stxb [r0+0], r3',
  );
  o.push('  ja ss_clear');
  o.push(
    'ss_long:',
    '  mov64 r4, r3',
    '  lsh64 r4, 1',
    '  add64 r4, 1',
    '  stxdw [r0+0], r4',
    '  add64 r3, 31',
  );
  o.push('  rsh64 r3, 5', `  stxdw [r10-${S_NEW}], r3`, `  stdw [r10-${S_K}], 0`);
  o.push('ss_long_loop:', `  ldxdw r2, [r10-${S_K}]`, `  ldxdw r3, [r10-${S_NEW}]`, '  jge r2, r3, ss_clear');
  o.push(
    ...limbs.map((i) => `  stdw [r10-${S_BUF - 8 * i}], 0`),
    ...chunkSpan(),
    '  mov64 r1, r10',
    `  sub64 r1, ${S_BUF}`,
  );
  o.push(
    ...copyUp('ss_copy'),
    '  mov64 r1, r10',
    `  sub64 r1, ${S_BASE}`,
    `  ldxdw r2, [r10-${S_K}]`,
    '  mov64 r3, 1',
  );
  o.push(
    '  call rt_chunk',
    '  jeq r0, 0, ss_full',
    '  mov64 r1, r0',
    '  mov64 r2, r10',
    `  sub64 r2, ${S_BUF}`,
  );
  o.push(
    '  call rt_bswap',
    `  ldxdw r2, [r10-${S_K}]`,
    '  add64 r2, 1',
    `  stxdw [r10-${S_K}], r2`,
    '  ja ss_long_loop',
  );
  // Zero the old value's chunks beyond the new one (the ones that exist).
  o.push('ss_clear:', `  ldxdw r2, [r10-${S_NEW}]`, `  stxdw [r10-${S_K}], r2`);
  o.push('ss_clear_loop:', `  ldxdw r2, [r10-${S_K}]`, `  ldxdw r3, [r10-${S_OLD}]`, '  jge r2, r3, ss_done');
  o.push('  mov64 r1, r10', `  sub64 r1, ${S_BASE}`, '  mov64 r3, 0', '  call rt_chunk', '  mov64 r1, r9');
  o.push(`  add64 r1, ${HEAP.zero}`, '  jeq r0, r1, +4', ...limbs.map((i) => `  stdw [r0+${8 * i}], 0`));
  o.push(`  ldxdw r2, [r10-${S_K}]`, '  add64 r2, 1', `  stxdw [r10-${S_K}], r2`, '  ja ss_clear_loop');
  o.push('ss_done:', '  mov64 r0, 0', '  exit', 'ss_full:', '  mov64 r0, 1', '  exit');
  return o;
}

/** r0 = a memory copy of the string stored at the slot whose number is the word r1 (solc's layout). */
function strLoad(): string[] {
  const o = [...keyAndBase(), '  mov64 r1, r10', `  sub64 r1, ${S_KEY}`, '  mov64 r2, 0', '  call rt_slot'];
  o.push('  ldxdw r4, [r0+0]', '  mov64 r5, r4', '  and64 r5, 1', '  jne r5, 0, sl_long');
  o.push('  and64 r4, 0xff', '  rsh64 r4, 1', '  mov64 r6, r0', ...allocString());
  o.push('  mov64 r1, r6', '  add64 r1, 31', '  mov64 r2, r3', '  add64 r2, 8');
  o.push(
    'sl_short:',
    '  jeq r4, 0, sl_short_done',
    '  ldxb r5, [r1+0]',
    '  stxb [r2+0], r5',
    '  sub64 r1, 1',
  );
  o.push('  add64 r2, 1', '  sub64 r4, 1', '  ja sl_short', 'sl_short_done:', '  mov64 r0, r3', '  exit');
  o.push(
    'sl_long:',
    '  rsh64 r4, 1',
    ...allocString(),
    `  stxdw [r10-${S_STR}], r3`,
    `  stxdw [r10-${S_LEN}], r4`,
  );
  o.push(`  stdw [r10-${S_K}], 0`);
  o.push(
    'sl_loop:',
    `  ldxdw r2, [r10-${S_K}]`,
    `  ldxdw r3, [r10-${S_LEN}]`,
    '  add64 r3, 31',
    '  rsh64 r3, 5',
  );
  o.push(
    '  jge r2, r3, sl_done',
    '  mov64 r1, r10',
    `  sub64 r1, ${S_BASE}`,
    '  mov64 r3, 0',
    '  call rt_chunk',
  );
  o.push(
    '  mov64 r2, r0',
    '  mov64 r1, r10',
    `  sub64 r1, ${S_BUF}`,
    '  call rt_bswap',
    `  ldxdw r2, [r10-${S_K}]`,
  );
  // Copy n bytes from the buffer to the string: chunkSpan gives the string address in r5; swap roles.
  o.push(...chunkSpan(), '  mov64 r1, r5', '  mov64 r5, r10', `  sub64 r5, ${S_BUF}`, ...copyUp('sl_copy'));
  o.push(`  ldxdw r2, [r10-${S_K}]`, '  add64 r2, 1', `  stxdw [r10-${S_K}], r2`, '  ja sl_loop');
  o.push('sl_done:', `  ldxdw r0, [r10-${S_STR}]`, '  exit');
  return o;
}

const DEPENDS: Partial<Record<Routine, Routine[]>> = {
  mapKey: ['bswap'],
  arrayKey: ['bswap'],
  chunk: ['add', 'slot'],
  strStore: ['arrayKey', 'chunk', 'slot', 'bswap'],
  strLoad: ['arrayKey', 'chunk', 'slot', 'bswap'],
};

/** The routines the program called (and the ones they call), as labelled assembly. */
export function emitRoutines(used: ReadonlySet<Routine>, layout: SlotLayout): string[] {
  const all = new Set<Routine>();
  const visit = (r: Routine) => {
    if (all.has(r)) return;
    all.add(r);
    for (const d of DEPENDS[r] ?? []) visit(d);
  };
  for (const r of used) visit(r);
  const bodies: Record<Routine, () => string[]> = {
    add,
    sub,
    mul,
    divmod,
    ucmp: () => compare(false),
    scmp: () => compare(true),
    shl: () => shift(true),
    shr: () => shift(false),
    bswap,
    loadBe,
    storeBe,
    fitsU: () => fits(false),
    fitsS: () => fits(true),
    truncU: () => trunc(false),
    truncS: () => trunc(true),
    mapKey,
    arrayKey,
    chunk,
    strStore,
    strLoad,
    slot: () => slot(layout),
  };
  return [...all].sort().flatMap((r) => [`rt_${r}:`, ...bodies[r]()]);
}
