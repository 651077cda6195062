import type { Vm } from '../execute/interpreter.js';
import type { InvokeContext } from '../host/invoke-context.js';
import { createProgramAddress } from '../host/pubkey.js';
import { COSTS, MAX_SEED_LEN, MAX_SEEDS } from './costs.js';
import { SliceTable, slice, syscallError } from './translate.js';

type Ctx = Vm<InvokeContext>;

/**
 * Charges one derivation, then agave `translate_and_check_program_address_inputs`: the seed table,
 * at most 16 seeds, each checked to be at most 32 bytes before it is translated, and the 32-byte
 * program id. Seeds are views of guest memory (hashed, never kept).
 */
function chargeAndReadInputs(
  vm: Ctx,
  seedsAddr: bigint,
  count: bigint,
  programAddr: bigint,
): { seeds: Uint8Array[]; programId: Uint8Array } {
  vm.consume(COSTS.create_program_address_units, 'crypto');
  const table = new SliceTable().locate(vm, seedsAddr, count);
  if (table.count > MAX_SEEDS) throw syscallError('BadSeeds', 'BadSeeds(MaxSeedLengthExceeded)');
  const seeds: Uint8Array[] = [];
  for (let i = 0; i < table.count; i++) {
    if (table.length(i) > BigInt(MAX_SEED_LEN))
      throw syscallError('BadSeeds', 'BadSeeds(MaxSeedLengthExceeded)');
    seeds.push(table.bytes(i));
  }
  return { seeds, programId: slice(vm, programAddr, 32n) };
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
