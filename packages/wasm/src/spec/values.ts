/** A wast2json value: decimal strings of the unsigned bit pattern, or a NaN class for results. */
export interface SpecValue {
  type: string;
  value?: string;
}

/** An argument as the trampoline takes it: floats travel as their integer bit patterns. */
export function argToJs(v: SpecValue): number | bigint {
  const text = v.value ?? '0';
  switch (v.type) {
    case 'i32':
    case 'f32':
      return Number(BigInt(text)) | 0;
    case 'i64':
    case 'f64':
      return BigInt.asIntN(64, BigInt(text));
    default:
      throw new TypeError(`unsupported spec value type ${v.type}`);
  }
}

/** A result from the trampoline as an unsigned bit pattern. */
export function resultBits(type: string, raw: unknown): bigint {
  if (type === 'i32' || type === 'f32') return BigInt((raw as number) >>> 0);
  return BigInt.asUintN(64, raw as bigint);
}

const F32_EXP = 0x7f800000n;
const F32_QUIET = 0x00400000n;
const F32_CANONICAL = 0x7fc00000n;
const F64_EXP = 0x7ff0000000000000n;
const F64_QUIET = 0x0008000000000000n;
const F64_CANONICAL = 0x7ff8000000000000n;

/** Bitwise comparison, with the spec's `nan:canonical` and `nan:arithmetic` result classes. */
export function matches(expected: SpecValue, bits: bigint): boolean {
  const text = expected.value ?? '';
  if (expected.type === 'f32' && text.startsWith('nan:')) {
    const magnitude = bits & 0x7fffffffn;
    if (text === 'nan:canonical') return magnitude === F32_CANONICAL;
    return (magnitude & F32_EXP) === F32_EXP && (magnitude & F32_QUIET) !== 0n;
  }
  if (expected.type === 'f64' && text.startsWith('nan:')) {
    const magnitude = bits & 0x7fffffffffffffffn;
    if (text === 'nan:canonical') return magnitude === F64_CANONICAL;
    return (magnitude & F64_EXP) === F64_EXP && (magnitude & F64_QUIET) !== 0n;
  }
  return BigInt(text) === bits;
}

/** A global's JS value as a bit pattern (floats through a DataView; NaN payloads may not survive JS). */
export function globalBits(type: string, value: unknown): bigint {
  const view = new DataView(new ArrayBuffer(8));
  if (type === 'f32') {
    view.setFloat32(0, value as number, true);
    return BigInt(view.getUint32(0, true));
  }
  if (type === 'f64') {
    view.setFloat64(0, value as number, true);
    return view.getBigUint64(0, true);
  }
  return resultBits(type, value);
}

/** A spec argument in the interpreter's representation (bit patterns, i64 signed). */
export function toInterpreterValue(type: number, v: SpecValue): number | bigint {
  const bits = BigInt(v.value ?? '0');
  if (type === 0x7f) return Number(BigInt.asIntN(32, bits));
  if (type === 0x7e) return BigInt.asIntN(64, bits);
  if (type === 0x7d) return Number(bits);
  return bits;
}

export function interpreterBits(type: number, v: number | bigint): bigint {
  if (type === 0x7f) return BigInt((v as number) >>> 0);
  if (type === 0x7d) return BigInt(v as number);
  return BigInt.asUintN(64, v as bigint);
}
