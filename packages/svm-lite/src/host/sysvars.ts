import { sha256 } from '@noble/hashes/sha2.js';
import { type BlockContext, concatBytes } from '@polyvm/core';
import { RENT } from './account.js';

/**
 * A sysvar in its two forms: the in-memory `repr(C)` image the `sol_get_<name>_sysvar` syscalls
 * copy (padding included), and the bincode bytes of the sysvar account that `sol_get_sysvar`
 * slices (SIMD-0127).
 */
export interface SysvarImage {
  struct: Uint8Array;
  bincode: Uint8Array;
}

export interface Sysvars {
  /** `Clock`: slot, epoch_start_timestamp, epoch, leader_schedule_epoch, unix_timestamp (40 bytes both ways). */
  clock: SysvarImage;
  /** `Rent`: lamports_per_byte_year u64, exemption_threshold f64, burn_percent u8 (24 in memory, 17 bincode). */
  rent: SysvarImage;
  /** `EpochSchedule`: slots_per_epoch, leader_schedule_slot_offset, warmup, first_normal_epoch, first_normal_slot (40 / 33). */
  epochSchedule: SysvarImage;
  /** `EpochRewards` (inactive: all zero; 96 bytes in memory, u128 aligned). */
  epochRewards: SysvarImage;
  /**
   * `SlotHashes` (bincode: u64 count, then (slot u64, hash[32]) newest first). Only readable via
   * `sol_get_sysvar`. Sized for 512 entries like the real account, but holding one: the current
   * slot, hashed from the slot number (a single-block simulation has no recent-block history).
   */
  slotHashes: SysvarImage;
}

/** The SlotHashes account is sized for `MAX_ENTRIES` = 512: 8 + 512 * 40 bytes, unused entries zero. */
const SLOT_HASHES_ACCOUNT_SIZE = 8 + 512 * 40;
const SLOT_HASH_DOMAIN = new TextEncoder().encode('polyvm/svm/slot-hash');

/** Sysvar account ids and the sysvar each holds. */
export const SYSVAR_IDS: ReadonlyArray<[string, keyof Sysvars]> = [
  ['SysvarC1ock11111111111111111111111111111111', 'clock'],
  ['SysvarRent111111111111111111111111111111111', 'rent'],
  ['SysvarEpochSchedu1e111111111111111111111111', 'epochSchedule'],
  ['SysvarEpochRewards1111111111111111111111111', 'epochRewards'],
  ['SysvarS1otHashes111111111111111111111111111', 'slotHashes'],
];

/**
 * `EpochSchedule::default()`: 432 000 slots per epoch after a warmup of doubling epochs from 32
 * slots (so the first normal epoch is 14, starting at slot 524 256).
 */
export const EPOCH_SCHEDULE = {
  slotsPerEpoch: 432_000n,
  leaderScheduleSlotOffset: 432_000n,
  warmup: true,
  firstNormalEpoch: 14n,
  firstNormalSlot: 524_256n,
} as const;
const MINIMUM_SLOTS_PER_EPOCH = 32n;

/** `EpochSchedule::get_epoch` and `get_leader_schedule_epoch` for `slot`. */
export function epochOf(slot: bigint): { epoch: bigint; leaderScheduleEpoch: bigint } {
  const s = EPOCH_SCHEDULE;
  if (slot < s.firstNormalSlot) {
    const epoch = bitLength(slot + MINIMUM_SLOTS_PER_EPOCH) - bitLength(MINIMUM_SLOTS_PER_EPOCH - 1n) - 1n;
    return { epoch, leaderScheduleEpoch: epoch + 1n };
  }
  const since = slot - s.firstNormalSlot;
  return {
    epoch: s.firstNormalEpoch + since / s.slotsPerEpoch,
    leaderScheduleEpoch: s.firstNormalEpoch + (since + s.leaderScheduleSlotOffset) / s.slotsPerEpoch,
  };
}

/** Bits needed for `n`: `(n + 1).next_power_of_two().trailing_zeros()` for the warmup formula. */
function bitLength(n: bigint): bigint {
  return BigInt(n.toString(2).length);
}

export function sysvarsFor(block: BlockContext): Sysvars {
  const clock = new Uint8Array(40);
  const c = new DataView(clock.buffer);
  const { epoch, leaderScheduleEpoch } = epochOf(block.height);
  c.setBigUint64(0, block.height, true);
  c.setBigInt64(8, block.timestamp, true);
  c.setBigUint64(16, epoch, true);
  c.setBigUint64(24, leaderScheduleEpoch, true);
  c.setBigInt64(32, block.timestamp, true);

  const rent = new Uint8Array(24);
  const r = new DataView(rent.buffer);
  r.setBigUint64(0, RENT.lamportsPerByteYear, true);
  r.setFloat64(8, RENT.exemptionThreshold, true);
  rent[16] = RENT.burnPercent;

  const schedule = new Uint8Array(40);
  const e = new DataView(schedule.buffer);
  e.setBigUint64(0, EPOCH_SCHEDULE.slotsPerEpoch, true);
  e.setBigUint64(8, EPOCH_SCHEDULE.leaderScheduleSlotOffset, true);
  schedule[16] = EPOCH_SCHEDULE.warmup ? 1 : 0;
  e.setBigUint64(24, EPOCH_SCHEDULE.firstNormalEpoch, true);
  e.setBigUint64(32, EPOCH_SCHEDULE.firstNormalSlot, true);
  const scheduleBincode = new Uint8Array(33);
  scheduleBincode.set(schedule.subarray(0, 17));
  scheduleBincode.set(schedule.subarray(24, 40), 17);

  const slotHashes = new Uint8Array(SLOT_HASHES_ACCOUNT_SIZE);
  const h = new DataView(slotHashes.buffer);
  h.setBigUint64(0, 1n, true);
  h.setBigUint64(8, block.height, true);
  slotHashes.set(sha256(concatBytes(SLOT_HASH_DOMAIN, slotHashes.subarray(8, 16))), 16);

  return {
    slotHashes: { struct: slotHashes, bincode: slotHashes },
    clock: { struct: clock, bincode: clock },
    rent: { struct: rent, bincode: rent.subarray(0, 17) },
    epochSchedule: { struct: schedule, bincode: scheduleBincode },
    epochRewards: { struct: new Uint8Array(96), bincode: new Uint8Array(81) },
  };
}
