import {
  equalBytes,
  GAS_CATEGORIES,
  type GasBreakdown,
  type GasCategory,
  PolyvmError,
  type Tracer,
} from '@polyvm/core';
import { DEFAULT_HEAP_SIZE } from '../constants.js';
import type { Executable } from '../elf/executable.js';
import { ComputeBudgetExceeded, VmFault } from '../execute/errors.js';
import type { Vm } from '../execute/interpreter.js';
import { createVm } from '../execute/run.js';
import type { SyscallRegistry } from '../execute/syscall-registry.js';
import { COSTS } from '../syscalls/costs.js';
import { heapCost } from './compute-budget.js';
import {
  InstructionError,
  instructionErrorText,
  programErrorFromReturn,
  vmFaultText,
} from './instruction-error.js';
import { type Pubkey, toBase58 } from './pubkey.js';
import { readSerializedAccount, type SerializedAccountLayout, serializeParameters } from './serialize.js';
import type { Sysvars } from './sysvars.js';
import { AccountGuard, type InstructionAccount, type TransactionAccount } from './transaction-context.js';

/** One executing instruction: the program, its accounts and, for sBPF programs, its input region. */
export interface InstructionFrame {
  programId: Pubkey;
  accounts: InstructionAccount[];
  data: Uint8Array;
  input?: Uint8Array;
  layout?: SerializedAccountLayout[];
  /** Bump pointer of the legacy `sol_alloc_free_` allocator. */
  heapPosition?: number;
}

/** One entry of agave's instruction trace: every instruction the transaction started, in order. */
export interface TraceEntry {
  /** 1 for a top-level instruction, 2+ for CPIs. */
  stackHeight: number;
  programId: Pubkey;
  accounts: InstructionAccount[];
  data: Uint8Array;
}

/** `MAX_INSTRUCTION_TRACE_LENGTH` (agave `execution_budget.rs`): instructions per transaction, CPIs included. */
export const MAX_INSTRUCTION_TRACE_LENGTH = 64;

/** A native program (the system program): runs against the frame, charging through `context`. */
export type BuiltinProgram = (context: InvokeContext, frame: InstructionFrame) => void;

export interface InvokeContextOptions {
  accounts: TransactionAccount[];
  computeUnits: number;
  sysvars: Sysvars;
  syscalls: SyscallRegistry<InvokeContext>;
  /** Loads (and caches) the executable of an sBPF program account. */
  loadProgram(programId: Pubkey, account: TransactionAccount): Executable;
  builtins: ReadonlyMap<string, BuiltinProgram>;
  /** Heap bytes each sBPF program gets (`RequestHeapFrame`; 32 KiB by default). */
  heapSize?: number;
  tracer?: Tracer;
}

/**
 * agave's `InvokeContext` for one transaction: the transaction's accounts, the shared compute
 * meter, the instruction stack (top level + up to 4 nested CPIs), logs and return data.
 */
export class InvokeContext {
  readonly accounts: TransactionAccount[];
  readonly sysvars: Sysvars;
  readonly heapSize: number;
  readonly logs: string[] = [];
  readonly stack: InstructionFrame[] = [];
  /** Every instruction started so far (`sol_get_processed_sibling_instruction` reads it). */
  readonly trace: TraceEntry[] = [];
  returnData: { programId: Pubkey; data: Uint8Array } = {
    programId: new Uint8Array(32),
    data: new Uint8Array(0),
  };
  /** Compute units left in the transaction. */
  remaining: number;
  /** sBPF instructions executed, all programs. */
  instructions = 0;
  /** Where the compute units went: instructions are `compute`, syscalls and builtins by kind. */
  readonly breakdown: GasBreakdown = { compute: 0, memory: 0, storage: 0, call: 0, crypto: 0, other: 0 };
  readonly #options: InvokeContextOptions;

  constructor(options: InvokeContextOptions) {
    this.accounts = options.accounts;
    this.sysvars = options.sysvars;
    this.heapSize = options.heapSize ?? DEFAULT_HEAP_SIZE;
    this.remaining = options.computeUnits;
    this.#options = options;
  }

  consume(amount: number, category: GasCategory = 'other'): void {
    if (amount > this.remaining) {
      this.breakdown[category] += this.remaining;
      this.remaining = 0;
      throw new ComputeBudgetExceeded(`computational budget exceeded: needed ${amount} compute units`, {
        kind: 'ComputationalBudgetExceeded',
      });
    }
    this.breakdown[category] += amount;
    this.remaining -= amount;
  }

  isBuiltin(programId: Pubkey): boolean {
    return this.#options.builtins.has(toBase58(programId));
  }

  indexOf(key: Pubkey): number {
    return this.accounts.findIndex((a) => equalBytes(a.key, key));
  }

  get frame(): InstructionFrame {
    const top = this.stack[this.stack.length - 1];
    if (!top) throw new InstructionError('CallDepth', 'no instruction is executing');
    return top;
  }

  /** A guard for the `position`-th account of the current instruction (agave `try_borrow_instruction_account`). */
  borrow(frame: InstructionFrame, position: number): AccountGuard {
    const ref = frame.accounts[position];
    if (!ref) throw new InstructionError('NotEnoughAccountKeys');
    return new AccountGuard(this.accounts[ref.index]!, frame.programId, ref.isWritable);
  }

  /**
   * agave `process_instruction`: depth and reentrancy checks, run the program, then require the
   * instruction's accounts to hold the same total lamports.
   */
  processInstruction(programId: Pubkey, accounts: InstructionAccount[], data: Uint8Array): void {
    if (this.stack.length >= COSTS.max_instruction_stack_depth) throw new InstructionError('CallDepth');
    const callerIndex = this.stack.findIndex((f) => equalBytes(f.programId, programId));
    if (callerIndex >= 0 && callerIndex !== this.stack.length - 1)
      throw new InstructionError('ReentrancyNotAllowed');
    if (this.trace.length >= MAX_INSTRUCTION_TRACE_LENGTH)
      throw new InstructionError('MaxInstructionTraceLengthExceeded');
    const frame: InstructionFrame = { programId, accounts, data };
    this.trace.push({ stackHeight: this.stack.length + 1, programId, accounts, data });
    const before = this.#lamportSum(accounts);
    const name = toBase58(programId);
    this.stack.push(frame);
    this.logs.push(`Program ${name} invoke [${this.stack.length}]`);
    try {
      const builtin = this.#options.builtins.get(name);
      if (builtin) builtin(this, frame);
      else this.#runProgram(frame);
      if (this.#lamportSum(accounts) !== before) throw new InstructionError('UnbalancedInstruction');
      this.logs.push(`Program ${name} success`);
    } catch (err) {
      this.logs.push(`Program ${name} failed: ${describeFailure(err)}`);
      throw err;
    } finally {
      this.stack.pop();
    }
  }

  #runProgram(frame: InstructionFrame): void {
    const programIndex = this.indexOf(frame.programId);
    const programAccount = this.accounts[programIndex];
    if (!programAccount)
      throw new InstructionError('MissingAccount', `program ${toBase58(frame.programId)} is not loaded`);
    if (!programAccount.account.executable)
      throw new InstructionError('InvalidAccountData', 'program account is not executable');
    const executable = this.#options.loadProgram(frame.programId, programAccount);

    const serializable = frame.accounts.map((ref, position) => {
      const first = frame.accounts.findIndex((other) => other.index === ref.index);
      const target = this.accounts[ref.index]!;
      return {
        key: target.key,
        account: target.account,
        isSigner: ref.isSigner,
        isWritable: ref.isWritable,
        duplicateOf: first < position ? first : undefined,
      };
    });
    const { input, layout } = serializeParameters(serializable, frame.data, frame.programId);
    // Each program execution starts with empty return data (what the CPI callee left is cleared).
    this.returnData = { programId: frame.programId.slice(), data: new Uint8Array(0) };
    frame.input = input;
    frame.layout = layout;

    // agave `create_vm!`: the heap beyond 32 KiB is paid before the VM exists; the "consumed … of"
    // line counts from before that charge but reports only what the VM consumed.
    const startRemaining = this.remaining;
    const heap = heapCost(this.heapSize);
    if (heap > this.remaining) {
      this.breakdown.memory += this.remaining;
      this.remaining = 0;
      this.logs.push('Failed to create SBF VM: Computational budget exceeded');
      throw new InstructionError('ProgramEnvironmentSetupFailure');
    }
    this.remaining -= heap;
    this.breakdown.memory += heap;
    const vm: Vm<InvokeContext> = createVm(executable, {
      input,
      heapSize: this.heapSize,
      computeUnits: this.remaining,
      syscalls: this.#options.syscalls,
      host: this,
      tracer: this.#options.tracer,
      traceDepth: this.stack.length - 1,
    });
    const vmStart = this.remaining;
    let r0: bigint;
    let deplete = false;
    try {
      r0 = vm.run();
    } catch (err) {
      // agave `deplete_cu_meter_on_vm_failure`: a VM fault outside a syscall burns the whole
      // budget, after the consumed line is logged.
      deplete = err instanceof VmFault && !err.inSyscall;
      throw err;
    } finally {
      this.instructions += vm.instructions;
      this.breakdown.compute += vm.instructions;
      for (const category of GAS_CATEGORIES) this.breakdown[category] += vm.charged[category];
      if (deplete) this.breakdown.other += vm.remaining;
      const name = toBase58(frame.programId);
      this.logs.push(`Program ${name} consumed ${vmStart - vm.remaining} of ${startRemaining} compute units`);
      const { returnData } = this;
      if (returnData.data.length > 0) {
        const encoded = Buffer.from(returnData.data).toString('base64');
        this.logs.push(`Program return: ${toBase58(returnData.programId)} ${encoded}`);
      }
      this.remaining = deplete ? 0 : vm.remaining;
    }
    if (r0 !== 0n) throw programErrorFromReturn(r0);
    this.syncFromInput(frame);
  }

  /** agave `deserialize_parameters`: apply what the program left in its input region. */
  syncFromInput(frame: InstructionFrame): void {
    const { input, layout } = frame;
    if (!input || !layout) return;
    layout.forEach((entry, position) => {
      if (entry.duplicateOf !== undefined) return;
      const state = readSerializedAccount(input, entry);
      const guard = this.borrow(frame, position);
      guard.setLamports(state.lamports);
      guard.setData(state.data);
      guard.setOwner(state.owner);
    });
  }

  #lamportSum(accounts: InstructionAccount[]): bigint {
    const seen = new Set<number>();
    let sum = 0n;
    for (const ref of accounts) {
      if (seen.has(ref.index)) continue;
      seen.add(ref.index);
      sum += this.accounts[ref.index]!.account.lamports;
    }
    return sum;
  }
}

function describeFailure(err: unknown): string {
  if (err instanceof InstructionError) return instructionErrorText(err.kind, err.custom);
  // The instruction meter running dry is sbpf's `ExceededMaxInstructions`; a syscall that cannot
  // pay fails with agave's `InstructionError::ComputationalBudgetExceeded` text.
  if (err instanceof ComputeBudgetExceeded)
    return err.details.kind === 'ExceededMaxInstructions'
      ? 'exceeded CUs meter at BPF instruction'
      : instructionErrorText('ComputationalBudgetExceeded');
  if (err instanceof VmFault) return vmFaultText(err);
  if (err instanceof PolyvmError) return err.message;
  return String(err);
}
