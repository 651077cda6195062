export { type AssembledCall, type AssembledProgram, assemble, assembleExecutable } from './asm/assembler.js';
export { commandGroup } from './cli/commands.js';
export * from './constants.js';
export { type DisassemblyNames, disassemble, formatInstruction } from './decode/disassemble.js';
export {
  type DecodedText,
  decodeInstruction,
  decodeText,
  encodeInstruction,
  type Instruction,
} from './decode/instruction.js';
export { MNEMONICS } from './decode/opcodes.js';
export { ElfError, type ElfErrorKind } from './elf/errors.js';
export { type Executable, executableFromText, type FunctionRegistry } from './elf/executable.js';
export { functionKey } from './elf/function-registry.js';
export { type LoadOptions, loadElf } from './elf/loader.js';
export { hashSymbolName, murmur3_32 } from './elf/murmur3.js';
export { Elf64 } from './elf/parser.js';
export { writeElf } from './elf/writer.js';
export { ComputeBudgetExceeded, VmFault, type VmFaultKind } from './execute/errors.js';
export { Vm, type VmOptions } from './execute/interpreter.js';
export { MemoryMap, type MemoryRegion } from './execute/memory.js';
export { createVm, type RunOptions } from './execute/run.js';
export {
  type Syscall,
  type SyscallHandler,
  SyscallRegistry,
  type SyscallWords,
  smallWordArg,
  type WordSyscallHandler,
  wordArg,
} from './execute/syscall-registry.js';
export { SVM_GAS_SCHEDULE } from './gas-schedule.js';
export {
  ACCOUNT_NAMESPACE,
  type Account,
  decodeAccount,
  emptyAccount,
  encodeAccount,
  minimumBalance,
  readAccount,
  walletAccount,
  writeAccount,
} from './host/account.js';
export {
  COMPUTE_BUDGET_PROGRAM_ID,
  ComputeBudgetInstruction,
  setComputeUnitLimitInstruction,
} from './host/compute-budget.js';
export { InstructionError, programErrorFromReturn } from './host/instruction-error.js';
export { type InstructionFrame, InvokeContext } from './host/invoke-context.js';
export {
  BPF_LOADER_ID,
  createProgramAddress,
  findProgramAddress,
  fromBase58,
  isOnCurve,
  type Pubkey,
  SYSTEM_PROGRAM_ID,
  toBase58,
} from './host/pubkey.js';
export { type InputOffsets, inputOffsets, serializeParameters } from './host/serialize.js';
export { SystemInstruction } from './host/system-program.js';
export {
  deriveProgramAddress,
  LAMPORTS_PER_SIGNATURE,
  runtimeFactory,
  SVM_VERSION,
  type SvmAccountMeta,
  type SvmInstruction,
  SvmRuntime,
  type SvmTxPayload,
  transactionAccounts,
} from './runtime.js';
export { type BatchResult, executeParallel, executeSequential } from './sched/batch.js';
export { type AccountLocks, accountLocks, conflicts, scheduleWaves } from './sched/locks.js';
export { WorkerPool } from './sched/pool.js';
export { COSTS } from './syscalls/costs.js';
export { createSyscallRegistry } from './syscalls/index.js';
export { VerifierError, type VerifierErrorKind, verifyProgram } from './verify/verifier.js';
