/**
 * The sBPF memory map and VM limits (classic v0 format). Values from anza-xyz/sbpf `ebpf.rs`
 * (`MM_*_START`, `MM_REGION_SIZE`) and `vm.rs` `Config::default()`.
 */

/** Each region owns 4 GiB of the address space; the region index is `vaddr >> 32`. */
export const MM_REGION_SIZE = 0x1_0000_0000;
/** Read-only program region: `.text`, `.rodata`, `.data.rel.ro`, `.eh_frame` (region 1). */
export const MM_PROGRAM_START = 0x1_0000_0000;
/** Call stack (region 2). */
export const MM_STACK_START = 0x2_0000_0000;
/** Heap (region 3). */
export const MM_HEAP_START = 0x3_0000_0000;
/** Serialized input: accounts and instruction data (region 4). */
export const MM_INPUT_START = 0x4_0000_0000;

export const REGION_PROGRAM = 1;
export const REGION_STACK = 2;
export const REGION_HEAP = 3;
export const REGION_INPUT = 4;

/** `Config::stack_frame_size`: 4 KiB per call frame. */
export const STACK_FRAME_SIZE = 4096;
/** `Config::max_call_depth`: the 64th nested frame faults with CallDepthExceeded. */
export const MAX_CALL_DEPTH = 64;
/** Stack bytes a VM may use: one frame per call depth (each frame is allocated on first touch). */
export const STACK_SIZE = STACK_FRAME_SIZE * MAX_CALL_DEPTH;
/** Agave's default heap (`solana_program_entrypoint::HEAP_LENGTH`, 32 KiB). */
export const DEFAULT_HEAP_SIZE = 32 * 1024;
/** Bytes per instruction slot. */
export const INSN_SIZE = 8;
/** r1..r5 carry arguments, r6..r9 are callee-saved (the first scratch register is r6), r10 is the read-only frame pointer. */
export const FRAME_PTR_REG = 10;
export const FIRST_SCRATCH_REG = 6;
