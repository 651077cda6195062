import { ed25519, ristretto255 } from '@noble/curves/ed25519.js';
import type { Vm } from '../execute/interpreter.js';
import type { InvokeContext } from '../host/invoke-context.js';
import { COSTS } from './costs.js';
import { slice, syscallError } from './translate.js';

type Ctx = Vm<InvokeContext>;

/** `solana_curve25519::curve_syscall_traits`: curve ids and group operations. */
export const CURVE25519_EDWARDS = 0n;
export const CURVE25519_RISTRETTO = 1n;
export const GROUP_OP_ADD = 0n;
export const GROUP_OP_SUB = 1n;
export const GROUP_OP_MUL = 2n;

/** The group element type both curves share in @noble/curves (add, subtract, multiplyUnsafe, toBytes). */
interface GroupPoint {
  add(other: GroupPoint): GroupPoint;
  subtract(other: GroupPoint): GroupPoint;
  multiplyUnsafe(scalar: bigint): GroupPoint;
  toBytes(): Uint8Array;
}

interface Curve {
  costs: { add: number; sub: number; mul: number };
  /** Decompression, or undefined when the bytes are not a point (the syscall then returns 1). */
  decode(bytes: Uint8Array): GroupPoint | undefined;
}

function tryDecode(decode: (bytes: Uint8Array) => GroupPoint): (bytes: Uint8Array) => GroupPoint | undefined {
  return (bytes) => {
    try {
      return decode(bytes);
    } catch {
      return undefined;
    }
  };
}

/**
 * Edwards points decode as curve25519-dalek's `CompressedEdwardsY::decompress` does: y is read
 * mod p (non-canonical encodings accepted) and a zero x with the sign bit set is accepted, which is
 * noble's ZIP-215 mode. Points need not be in the prime-order subgroup. Ristretto decoding is
 * canonical in both libraries.
 */
const CURVES = new Map<bigint, Curve>([
  [
    CURVE25519_EDWARDS,
    {
      costs: {
        add: COSTS.curve25519_edwards_add_cost,
        sub: COSTS.curve25519_edwards_subtract_cost,
        mul: COSTS.curve25519_edwards_multiply_cost,
      },
      decode: tryDecode((bytes) => ed25519.Point.fromBytes(bytes, true) as unknown as GroupPoint),
    },
  ],
  [
    CURVE25519_RISTRETTO,
    {
      costs: {
        add: COSTS.curve25519_ristretto_add_cost,
        sub: COSTS.curve25519_ristretto_subtract_cost,
        mul: COSTS.curve25519_ristretto_multiply_cost,
      },
      decode: tryDecode((bytes) => ristretto255.Point.fromBytes(bytes) as unknown as GroupPoint),
    },
  ],
]);

/** `Scalar::from_canonical_bytes`: a little-endian 32-byte scalar below the group order ℓ. */
function canonicalScalar(bytes: Uint8Array): bigint | undefined {
  let value = 0n;
  for (let i = 31; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]!);
  return value < ed25519.Point.Fn.ORDER ? value : undefined;
}

/**
 * `sol_curve_group_op(curve_id, group_op, left, right, result)` (agave `SyscallCurveGroupOps`):
 * charges the operation's cost, reads both 32-byte operands (for MUL: scalar, point), and writes
 * the compressed result, returning 0; returns 1 when an operand is not a valid point or scalar.
 * An unknown curve or operation is `SyscallError::InvalidAttribute` (`abort_on_invalid_curve`).
 */
export function solCurveGroupOp(
  vm: Ctx,
  curveId: bigint,
  groupOp: bigint,
  leftAddr: bigint,
  rightAddr: bigint,
  resultAddr: bigint,
): bigint {
  const curve = CURVES.get(curveId);
  const cost =
    groupOp === GROUP_OP_ADD
      ? curve?.costs.add
      : groupOp === GROUP_OP_SUB
        ? curve?.costs.sub
        : groupOp === GROUP_OP_MUL
          ? curve?.costs.mul
          : undefined;
  if (!curve || cost === undefined) throw syscallError('InvalidAttribute', 'Invalid pointer attribute');
  vm.consume(cost, 'crypto');
  const left = slice(vm, leftAddr, 32n);
  const right = slice(vm, rightAddr, 32n);
  let result: GroupPoint | undefined;
  if (groupOp === GROUP_OP_MUL) {
    const scalar = canonicalScalar(left);
    const point = curve.decode(right);
    result = scalar === undefined || !point ? undefined : point.multiplyUnsafe(scalar);
  } else {
    const a = curve.decode(left);
    const b = curve.decode(right);
    result = !a || !b ? undefined : groupOp === GROUP_OP_ADD ? a.add(b) : a.subtract(b);
  }
  if (!result) return 1n;
  slice(vm, resultAddr, 32n, 'store').set(result.toBytes());
  return 0n;
}
