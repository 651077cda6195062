import { blake2f } from './blake2f.js';
import { bn254Add, bn254Mul, bn254Pairing } from './bn254.js';
import { identity, ripemd, sha256 } from './digests.js';
import { ecrecover } from './ecrecover.js';
import { modexp } from './modexp.js';
import { pointEvaluation } from './point-evaluation.js';
import type { Precompile } from './types.js';

export { modexpGas } from './modexp.js';
export { kzgToVersionedHash } from './point-evaluation.js';
export { type Precompile, PrecompileFailure, type PrecompileResult } from './types.js';

/** Cancun's precompiled contracts at addresses 0x01..0x0a (Yellow Paper Appendix E, EIP-196/197/152/4844). */
const CANCUN: ReadonlyArray<Precompile | undefined> = [
  undefined,
  ecrecover,
  sha256,
  ripemd,
  identity,
  modexp,
  bn254Add,
  bn254Mul,
  bn254Pairing,
  blake2f,
  pointEvaluation,
];

export const PRECOMPILE_COUNT = CANCUN.length - 1;

export function precompileAt(address: bigint): Precompile | undefined {
  return address > 0n && address <= BigInt(PRECOMPILE_COUNT) ? CANCUN[Number(address)] : undefined;
}
