import type { Vm } from '../execute/interpreter.js';
import type { InvokeContext } from '../host/invoke-context.js';
import { createProgramAddress } from '../host/pubkey.js';
import { COSTS, MAX_SEED_LEN, MAX_SEEDS } from './costs.js';
import { readSlices, slice, syscallError } from './translate.js';

type Ctx = Vm<InvokeContext>;

/**
 * Charges one derivation, then agave `translate_and_check_program_address_inputs`: at most 16
 * seeds of at most 32 bytes, and the 32-byte program id.
 */
function chargeAndReadInputs(
  vm: Ctx,
  seedsAddr: bigint,
  count: bigint,
  programAddr: bigint,
): { seeds: Uint8Array[]; programId: Uint8Array } {
  vm.consume(COSTS.create_program_address_units, 'crypto');
  if (count > BigInt(MAX_SEEDS)) throw syscallError('BadSeeds', 'BadSeeds(MaxSeedLengthExceeded)');
  const seeds = readSlices(vm, seedsAddr, count);
  if (seeds.some((s) => s.length > MAX_SEED_LEN))
    throw syscallError('BadSeeds', 'BadSeeds(MaxSeedLengthExceeded)');
  return { seeds, programId: slice(vm, programAddr, 32n).slice() };
}

/** `sol_create_program_address(seeds, n, program_id, out)`: returns 1 when the result is on the curve. */
export function solCreateProgramAddress(
  vm: Ctx,
  seedsAddr: bigint,
  seedsLen: bigint,
  programAddr: bigint,
  outAddr: bigint,
): bigint {
  const { seeds, programId } = chargeAndReadInputs(vm, seedsAddr, seedsLen, programAddr);
  const address = createProgramAddress(seeds, programId);
  if (!address) return 1n;
  slice(vm, outAddr, 32n, 'store').set(address);
  return 0n;
}

/** `sol_try_find_program_address`: bumps 255 down to 1, paying for every attempt. */
export function solTryFindProgramAddress(
  vm: Ctx,
  seedsAddr: bigint,
  seedsLen: bigint,
  programAddr: bigint,
  outAddr: bigint,
  bumpAddr: bigint,
): bigint {
  const { seeds, programId } = chargeAndReadInputs(vm, seedsAddr, seedsLen, programAddr);
  for (let bump = 255; bump > 0; bump--) {
    const address = createProgramAddress([...seeds, Uint8Array.of(bump)], programId);
    if (address) {
      slice(vm, outAddr, 32n, 'store').set(address);
      slice(vm, bumpAddr, 1n, 'store')[0] = bump;
      return 0n;
    }
    vm.consume(COSTS.create_program_address_units, 'crypto');
  }
  return 1n;
}
