import type { Fork } from '../fork.js';
import { blake2f } from './blake2f.js';
import { blsG1Add, blsG2Add } from './bls12-381/add.js';
import { blsMapFp2ToG2, blsMapFpToG1 } from './bls12-381/map.js';
import { blsG1Msm, blsG2Msm } from './bls12-381/msm.js';
import { blsPairingCheck } from './bls12-381/pairing.js';
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

/** Prague adds the EIP-2537 BLS12-381 precompiles at 0x0b..0x11. */
const PRAGUE: ReadonlyArray<Precompile | undefined> = [
  ...CANCUN,
  blsG1Add,
  blsG1Msm,
  blsG2Add,
  blsG2Msm,
  blsPairingCheck,
  blsMapFpToG1,
  blsMapFp2ToG2,
];

const TABLES: Record<Fork, ReadonlyArray<Precompile | undefined>> = { Cancun: CANCUN, Prague: PRAGUE };

/** Cancun's precompile count (0x01..0x0a). */
export const PRECOMPILE_COUNT = CANCUN.length - 1;

/** The highest precompile address of `fork`; every address 1..n is a precompile (all warm, EIP-2929). */
export function precompileCount(fork: Fork = 'Cancun'): number {
  return TABLES[fork].length - 1;
}

export function precompileAt(address: bigint, fork: Fork = 'Cancun'): Precompile | undefined {
  const table = TABLES[fork];
  return address > 0n && address < BigInt(table.length) ? table[Number(address)] : undefined;
}
