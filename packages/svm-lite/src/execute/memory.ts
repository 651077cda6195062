import {
  MAX_CALL_DEPTH,
  MM_STACK_START,
  REGION_HEAP,
  REGION_INPUT,
  REGION_PROGRAM,
  REGION_STACK,
  STACK_FRAME_SIZE,
} from '../constants.js';
import { type AccessKind, VmFault } from './errors.js';

/** One mapped region: `bytes` appear at `vmStart`; writes are refused when `writable` is false. */
export interface MemoryRegion {
  name: string;
  bytes: Uint8Array;
  /** Offset of `bytes[0]` inside the region's 4 GiB window. */
  start: number;
  writable: boolean;
}

const U32 = 0x1_0000_0000;
const FRAME_SHIFT = Math.log2(STACK_FRAME_SIZE);

/**
 * The aligned memory mapping of sBPF v0 (sbpf `memory_region.rs` `AlignedMemoryMapping`): the
 * upper 32 bits of an address select the region, the lower 32 bits are the offset in it. The
 * stack region is gapped: each 4 KiB frame is followed by a 4 KiB hole that faults, so a frame
 * overflow is caught instead of silently corrupting the caller.
 *
 * Stack frames and the heap are zeroed memory allocated on first touch: most programs use a few
 * frames and no heap, and allocating 288 KiB per instruction would dominate short transactions.
 * `translate` returns an offset into `view` (set as a side effect) to keep the hot path free of
 * allocation.
 */
export class MemoryMap {
  readonly regions: Array<MemoryRegion | undefined> = [];
  readonly views: Array<DataView | undefined> = [];
  /** The DataView the last successful `translate` resolved into. */
  view: DataView = new DataView(new ArrayBuffer(0));
  readonly #frames: Array<DataView | undefined>;
  readonly #heapSize: number;

  constructor(regions: {
    program: MemoryRegion;
    input: MemoryRegion;
    heapSize: number;
    stackFrames: number;
  }) {
    this.#map(REGION_PROGRAM, regions.program);
    this.#map(REGION_INPUT, regions.input);
    this.#heapSize = regions.heapSize;
    this.#frames = new Array<DataView | undefined>(regions.stackFrames);
  }

  #map(index: number, region: MemoryRegion): void {
    this.regions[index] = region;
    this.views[index] = new DataView(region.bytes.buffer, region.bytes.byteOffset, region.bytes.byteLength);
  }

  /**
   * Maps `[addr, addr+len)` (addr given as 32-bit halves) to an offset in `this.view`; faults with
   * AccessViolation / StackAccessViolation exactly where sbpf's aligned mapping does.
   */
  translate(lo: number, hi: number, len: number, access: AccessKind): number {
    const offset = lo >>> 0;
    if (hi === REGION_STACK) {
      // Frames are a power of two: integer shifts and masks, no float division.
      const frame = offset >>> FRAME_SHIFT;
      const inFrame = offset & (STACK_FRAME_SIZE - 1);
      const index = frame >>> 1;
      if ((frame & 1) === 0 && inFrame + len <= STACK_FRAME_SIZE && index < this.#frames.length) {
        this.view =
          this.#frames[index] ?? (this.#frames[index] = new DataView(new ArrayBuffer(STACK_FRAME_SIZE)));
        return inFrame;
      }
      throw this.fault(lo, hi, len, access);
    }
    let region = this.regions[hi];
    if (region === undefined && hi === REGION_HEAP && this.#heapSize > 0) {
      this.#map(
        REGION_HEAP,
        (region = { name: 'heap', bytes: new Uint8Array(this.#heapSize), start: 0, writable: true }),
      );
    }
    if (region !== undefined && (access === 'load' || region.writable)) {
      const physical = offset - region.start;
      if (physical >= 0 && physical + len <= region.bytes.length) {
        this.view = this.views[hi]!;
        return physical;
      }
    }
    throw this.fault(lo, hi, len, access);
  }

  /** `translate` for `base + off` with `base` as 32-bit halves and `off` a signed 16-bit displacement. */
  access(baseLo: number, baseHi: number, off: number, len: number, access: AccessKind): number {
    let lo = (baseLo >>> 0) + off;
    let hi = baseHi >>> 0;
    if (lo >= U32) {
      lo -= U32;
      hi = (hi + 1) >>> 0;
    } else if (lo < 0) {
      lo += U32;
      hi = (hi - 1) >>> 0;
    }
    return this.translate(lo, hi, len, access);
  }

  /** Host view of guest memory, for syscalls: a subarray that aliases the guest bytes. */
  slice(addr: bigint, len: number, access: AccessKind): Uint8Array {
    if (len === 0) return new Uint8Array(0);
    let lo: number;
    let hi: number;
    if (addr >= 0n && addr < 0x20_0000_0000_0000n) {
      // Below 2^53 the halves come from one double, without bigint shifts and masks.
      const n = Number(addr);
      hi = Math.floor(n / U32);
      lo = (n - hi * U32) | 0;
    } else {
      lo = Number(addr & 0xffffffffn) | 0;
      hi = Number((addr >> 32n) & 0xffffffffn);
    }
    return this.sliceAt(lo, hi, len, access);
  }

  /** `slice` for an address given as 32-bit halves. */
  sliceAt(lo: number, hi: number, len: number, access: AccessKind): Uint8Array {
    if (len === 0) return new Uint8Array(0);
    if (len < 0 || len > U32) throw this.fault(lo, hi, len, access);
    const off = this.translate(lo, hi, len, access);
    const v = this.view;
    return new Uint8Array(v.buffer, v.byteOffset + off, len);
  }

  /**
   * sbpf `generate_access_violation`: an address within one frame below or 64 frames above the
   * stack start is a `StackAccessViolation` in frame `(addr − MM_STACK_START) / 4096` (truncated,
   * so gaps and the bytes just below the stack count as frames); anything else an
   * `AccessViolation` named after the region that holds its first byte, or `unallocated`.
   */
  private fault(lo: number, hi: number, len: number, access: AccessKind): VmFault {
    const address = BigInt(hi >>> 0) * BigInt(U32) + BigInt(lo >>> 0);
    const addrHex = `0x${address.toString(16)}`;
    const frame = Number((address - BigInt(MM_STACK_START)) / BigInt(STACK_FRAME_SIZE));
    if (frame >= -1 && frame <= MAX_CALL_DEPTH) {
      return new VmFault(
        'StackAccessViolation',
        `${access} of ${len} bytes at ${addrHex} in stack frame ${frame}`,
        {
          access,
          address: addrHex,
          length: len,
          frame,
        },
      );
    }
    const region = this.regions[hi];
    const offset = (lo >>> 0) - (region?.start ?? 0);
    const name = region && offset >= 0 && offset < region.bytes.length ? region.name : 'unallocated';
    return new VmFault('AccessViolation', `${access} of ${len} bytes at ${addrHex} in ${name} region`, {
      access,
      address: addrHex,
      length: len,
      region: name,
    });
  }
}
