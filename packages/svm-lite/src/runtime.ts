import { sha256 } from '@noble/hashes/sha2.js';
import {
  assertTransaction,
  type BlockContext,
  DEFAULT_BLOCK,
  type DeployRequest,
  type ExecuteOptions,
  type ExecutionStatus,
  equalBytes,
  InvalidTransactionError,
  type JournaledState,
  makeReceipt,
  OutOfGasError,
  PolyvmError,
  type Receipt,
  type Runtime,
  type RuntimeFactory,
  type Transaction,
  ValidationError,
} from '@polyvm/core';
import type { Executable } from './elf/executable.js';
import { loadElf } from './elf/loader.js';
import { VmFault } from './execute/errors.js';
import type { SyscallRegistry } from './execute/syscall-registry.js';
import { SVM_GAS_SCHEDULE } from './gas-schedule.js';
import {
  ACCOUNT_NAMESPACE,
  type Account,
  cloneAccount,
  emptyAccount,
  minimumBalance,
  readAccount,
  rentTransitionAllowed,
  writeAccount,
} from './host/account.js';
import {
  COMPUTE_BUDGET_PROGRAM_ID,
  type ComputeBudgetLimits,
  computeBudgetLimits,
  computeBudgetProgram,
  prioritizationFee,
} from './host/compute-budget.js';
import { InstructionError, TransactionInstructionError } from './host/instruction-error.js';
import { type BuiltinProgram, InvokeContext } from './host/invoke-context.js';
import {
  BPF_LOADER_ID,
  BPF_LOADER_UPGRADEABLE_ID,
  fromBase58,
  NATIVE_LOADER_ID,
  type Pubkey,
  SYSTEM_PROGRAM_ID,
  toBase58,
} from './host/pubkey.js';
import { systemProgram } from './host/system-program.js';
import { SYSVAR_IDS, type Sysvars, sysvarsFor } from './host/sysvars.js';
import type { TransactionAccount } from './host/transaction-context.js';
import { COSTS } from './syscalls/costs.js';
import { createSyscallRegistry } from './syscalls/index.js';
import { verifyProgram } from './verify/verifier.js';

export interface SvmAccountMeta {
  pubkey: Pubkey;
  isSigner: boolean;
  isWritable: boolean;
}

export interface SvmInstruction {
  programId: Pubkey;
  accounts: SvmAccountMeta[];
  data: Uint8Array;
}

/**
 * What a Solana transaction carries beyond the core envelope. Either a list of instructions, or
 * (for one instruction to `tx.to` with data `tx.input`) just its account metas. The sender is
 * the fee payer: the first account, a writable signer. Signatures are not verified: a meta
 * marked `isSigner` is taken as signed.
 */
export interface SvmTxPayload {
  instructions?: SvmInstruction[];
  accounts?: SvmAccountMeta[];
}

export const SVM_VERSION = '0.1.0';

/** `FeeStructure::default().lamports_per_signature`: 5000 lamports per signature. */
export const LAMPORTS_PER_SIGNATURE = 5000n;

/** Accounts a transaction locks, in message order (fee payer first): what the scheduler reads. */
export function transactionAccounts(tx: Transaction<SvmTxPayload>): {
  instructions: SvmInstruction[];
  keys: SvmAccountMeta[];
} {
  const instructions =
    tx.payload?.instructions ??
    (tx.to ? [{ programId: tx.to, accounts: tx.payload?.accounts ?? [], data: tx.input }] : []);
  const keys: SvmAccountMeta[] = [];
  const add = (meta: SvmAccountMeta): void => {
    const existing = keys.find((k) => equalBytes(k.pubkey, meta.pubkey));
    if (existing) {
      existing.isSigner ||= meta.isSigner;
      existing.isWritable ||= meta.isWritable;
    } else {
      keys.push({ ...meta });
    }
  };
  add({ pubkey: tx.sender, isSigner: true, isWritable: true });
  for (const ix of instructions) {
    for (const meta of ix.accounts) add(meta);
    add({ pubkey: ix.programId, isSigner: false, isWritable: false });
  }
  return { instructions, keys };
}

/**
 * A Solana-style runtime on the core state: accounts in `svm/account`, classic (v0) sBPF programs
 * owned by the BPF loader, the native system program, CPI, and agave's compute metering.
 */
export class SvmRuntime implements Runtime<SvmTxPayload> {
  readonly name = 'svm';
  readonly addressWidth = 32;
  readonly gasSchedule = SVM_GAS_SCHEDULE;
  readonly syscalls: SyscallRegistry<InvokeContext> = createSyscallRegistry();
  readonly #builtins = new Map<string, BuiltinProgram>([
    [toBase58(SYSTEM_PROGRAM_ID), systemProgram],
    [toBase58(COMPUTE_BUDGET_PROGRAM_ID), computeBudgetProgram],
  ]);
  readonly #programs = new Map<string, { data: Uint8Array; executable: Executable }>();
  readonly #programsByRecord = new WeakMap<Uint8Array, Executable>();
  #sysvars: { slot: bigint; timestamp: bigint; sysvars: Sysvars } | undefined;

  /** Deploys an ELF as a loader-v2 program account (executable, owned by `BPFLoader2111…`). */
  deploy(state: JournaledState, request: DeployRequest): Receipt {
    const address = request.address ?? deriveProgramAddress(request.sender, request.code);
    if (address.length !== 32)
      return invalid(new InvalidTransactionError('program address must be 32 bytes'));
    try {
      const executable = loadElf(request.code, { syscalls: this.syscalls, rejectBrokenElfs: true });
      verifyProgram(executable.text, executable.decoded);
    } catch (cause) {
      return invalid(
        new ValidationError(`program rejected by the loader: ${(cause as Error).message}`, { cause }),
      );
    }
    const existing = readAccount(state, address);
    if (existing && (existing.data.length > 0 || existing.executable)) {
      return invalid(new InvalidTransactionError(`account ${toBase58(address)} is already in use`));
    }
    const depth = state.checkpoint();
    writeAccount(state, address, {
      lamports: minimumBalance(request.code.length),
      owner: BPF_LOADER_ID,
      executable: true,
      rentEpoch: 0n,
      data: request.code,
    });
    const stateDiff = state.changesSince(depth);
    state.commit();
    return makeReceipt({ status: 'success', gasUsed: 0, createdAddress: address, stateDiff });
  }

  execute(state: JournaledState, tx: Transaction<SvmTxPayload>, options: ExecuteOptions = {}): Receipt {
    return this.#run(state, tx, options, { commit: true });
  }

  call(state: JournaledState, tx: Transaction<SvmTxPayload>, options: ExecuteOptions = {}): Receipt {
    return this.#run(state, tx, options, { commit: false });
  }

  /** Simulates with the per-transaction maximum, whatever limit the transaction asks for (as estimators do). */
  estimate(state: JournaledState, tx: Transaction<SvmTxPayload>, options: ExecuteOptions = {}): number {
    const maxed = { ...tx, gasLimit: BigInt(COSTS.max_compute_unit_limit) };
    return this.#run(state, maxed, options, { commit: false, maxComputeUnits: true }).gasUsed;
  }

  /**
   * The loaded executable of a program account, cached while its ELF stays the same. Loader-v2
   * accounts hold the ELF; loader-v3 (upgradeable) program accounts point to a ProgramData account
   * whose ELF follows a 45-byte header (`UpgradeableLoaderState::size_of_programdata_metadata`).
   */
  loadProgram(programId: Pubkey, account: TransactionAccount, state?: JournaledState): Executable {
    const key = toBase58(programId);
    // The stored record keeps its identity until rewritten: a cheap first-level cache key.
    const record = state?.get(ACCOUNT_NAMESPACE, programId);
    const byRecord = record && this.#programsByRecord.get(record);
    if (byRecord) return byRecord;
    const elf = this.#programElf(key, account.account, state);
    const cached = this.#programs.get(key);
    let executable: Executable;
    if (cached && equalBytes(cached.data, elf)) {
      executable = cached.executable;
    } else {
      try {
        executable = loadElf(elf, { syscalls: this.syscalls, optimizeRodata: false });
        verifyProgram(executable.text, executable.decoded);
      } catch (cause) {
        throw new InstructionError('InvalidAccountData', `program ${key} failed to load`, { cause });
      }
      this.#programs.set(key, { data: elf, executable });
    }
    // Loader-v3 programs can change without their program account changing: cache v2 only.
    if (record && equalBytes(account.account.owner, BPF_LOADER_ID))
      this.#programsByRecord.set(record, executable);
    return executable;
  }

  #programElf(key: string, program: Account, state: JournaledState | undefined): Uint8Array {
    if (equalBytes(program.owner, BPF_LOADER_ID)) return program.data;
    if (equalBytes(program.owner, BPF_LOADER_UPGRADEABLE_ID) && program.data[0] === UPGRADEABLE_PROGRAM_TAG) {
      const programData = state && readAccount(state, program.data.subarray(4, 36));
      if (programData && programData.data[0] === UPGRADEABLE_PROGRAMDATA_TAG) {
        return programData.data.subarray(PROGRAMDATA_METADATA_SIZE);
      }
      throw new InstructionError('InvalidAccountData', `program ${key} has no ProgramData account`);
    }
    throw new InstructionError('IncorrectProgramId', `program ${key} is not owned by a BPF loader`);
  }

  /**
   * Accounts the bank provides without them being stored: builtins (`native_loader::
   * create_loadable_account`: 1 lamport, native-loader owned, executable, name as data) and
   * sysvars (1 lamport, owned by `Sysvar1111…`, bincode data), as litesvm shows them.
   */
  #bankAccount(key: Pubkey, sysvars: Sysvars): Account | undefined {
    const id = toBase58(key);
    const name = BUILTIN_NAMES.get(id);
    if (name !== undefined) {
      return {
        lamports: 1n,
        owner: NATIVE_LOADER_ID,
        executable: true,
        rentEpoch: 0n,
        data: new TextEncoder().encode(name),
      };
    }
    const sysvar = SYSVAR_ACCOUNTS.get(id);
    if (sysvar === undefined) return undefined;
    return {
      lamports: 1n,
      owner: SYSVAR_OWNER,
      executable: false,
      rentEpoch: 0n,
      data: sysvars[sysvar].bincode.slice(),
    };
  }

  /** Sysvars of the block, rebuilt only when the block changes (SlotHashes alone is 20 KiB). */
  #sysvarsFor(block: BlockContext): Sysvars {
    const cached = this.#sysvars;
    if (cached && cached.slot === block.height && cached.timestamp === block.timestamp) return cached.sysvars;
    const sysvars = sysvarsFor(block);
    this.#sysvars = { slot: block.height, timestamp: block.timestamp, sysvars };
    return sysvars;
  }

  #run(
    state: JournaledState,
    tx: Transaction<SvmTxPayload>,
    options: ExecuteOptions,
    { commit, maxComputeUnits = false }: { commit: boolean; maxComputeUnits?: boolean },
  ): Receipt {
    let budget: ComputeBudgetLimits;
    let instructions: SvmInstruction[];
    let keys: SvmAccountMeta[];
    try {
      assertTransaction(tx, this.addressWidth);
      ({ instructions, keys } = transactionAccounts(tx));
      if (instructions.length === 0) throw new InvalidTransactionError('transaction has no instruction');
      if (tx.value !== 0n)
        throw new InvalidTransactionError('value must be 0: move lamports with a system transfer');
      budget = computeBudgetLimits(instructions, (id) => this.#builtins.has(toBase58(id)));
    } catch (err) {
      if (err instanceof PolyvmError) return invalid(err);
      throw err;
    }
    // The envelope's gas limit caps what the ComputeBudget instructions (or their defaults) allow.
    const limit = Math.min(
      maxComputeUnits ? COSTS.max_compute_unit_limit : budget.computeUnitLimit,
      tx.gasLimit > BigInt(MAX_SAFE) ? MAX_SAFE : Number(tx.gasLimit),
    );

    let depth = state.checkpoint();
    const accesses = state.beginMetrics();
    const sysvars = this.#sysvarsFor(options.block ?? DEFAULT_BLOCK);
    const loaded: TransactionAccount[] = keys.map((meta) => ({
      key: meta.pubkey,
      account: readAccount(state, meta.pubkey) ?? this.#bankAccount(meta.pubkey, sysvars) ?? emptyAccount(),
      isSigner: meta.isSigner,
      isWritable: meta.isWritable,
    }));
    // Executable accounts cannot change (BorrowedAccount rules), so they are not copied.
    const before = loaded.map((a) => (a.account.executable ? a.account : cloneAccount(a.account)));
    // agave `calculate_fee_details`: 5,000 lamports per signature plus the prioritization fee,
    // paid before execution (programs see the payer's balance net of it) and kept on failure.
    const fee =
      LAMPORTS_PER_SIGNATURE * BigInt(keys.filter((k) => k.isSigner).length) + prioritizationFee(budget);
    const payer = loaded[0]!.account;
    if (payer.lamports < fee) {
      accesses.end();
      state.revert();
      return invalid(
        new InvalidTransactionError(`fee payer cannot pay the ${fee} lamport fee`, {
          details: { kind: 'InsufficientFundsForFee' },
        }),
      );
    }
    payer.lamports -= fee;
    const context = new InvokeContext({
      accounts: loaded,
      computeUnits: limit,
      sysvars,
      syscalls: this.syscalls,
      loadProgram: (programId, account) => this.loadProgram(programId, account, state),
      builtins: this.#builtins,
      heapSize: budget.heapSize,
      tracer: options.tracer,
    });

    let error =
      this.#checkLoadedDataSize(loaded, budget, state) ?? this.#checkPrograms(instructions, loaded, context);
    if (!error) {
      for (const [index, ix] of instructions.entries()) {
        try {
          const refs = ix.accounts.map((meta) => {
            const at = context.indexOf(meta.pubkey);
            const account = loaded[at]!;
            return { index: at, isSigner: account.isSigner, isWritable: account.isWritable };
          });
          context.processInstruction(ix.programId, refs, ix.data);
        } catch (err) {
          if (!(err instanceof PolyvmError)) throw err;
          error = new TransactionInstructionError(index, err);
          break;
        }
      }
    }

    if (!error) {
      const index = loaded.findIndex(
        (entry, i) => entry.isWritable && !rentTransitionAllowed(before[i]!, entry.account),
      );
      if (index >= 0) {
        error = new InstructionError(
          'InsufficientFundsForRent',
          `InsufficientFundsForRent { account_index: ${index} }`,
          { details: { accountIndex: index } },
        );
      }
    }
    if (!error) {
      loaded.forEach((entry, i) => {
        if (entry.isWritable && !sameAccount(entry.account, before[i]!))
          writeAccount(state, entry.key, entry.account);
      });
    } else {
      // A failed transaction keeps only the fee: every other change is undone, then the payer,
      // as loaded, is charged (agave's rollback fee-payer account).
      state.revert();
      depth = state.checkpoint();
      writeAccount(state, keys[0]!.pubkey, { ...before[0]!, lamports: before[0]!.lamports - fee });
    }
    const stateDiff = state.changesSince(depth);
    const metrics = {
      instructions: context.instructions,
      state: accesses.end(),
    };
    if (commit) state.commit();
    else state.revert();
    const gasUsed = limit - context.remaining;
    return makeReceipt({
      status: statusOf(error),
      gasUsed,
      gasBreakdown: { ...context.breakdown },
      returnData: context.returnData.data,
      logs: context.logs,
      stateDiff,
      metrics,
      error,
    });
  }

  /**
   * agave `load_transaction_accounts`: every top-level instruction's program must be a builtin or
   * an executable account, else the transaction fails to load with `InvalidProgramForExecution`
   * before anything runs (no logs, no compute units; the fee is kept, as agave's fee-only commit).
   */
  #checkPrograms(
    instructions: SvmInstruction[],
    loaded: TransactionAccount[],
    context: InvokeContext,
  ): PolyvmError | undefined {
    for (const ix of instructions) {
      if (context.isBuiltin(ix.programId)) continue;
      if (loaded[context.indexOf(ix.programId)]?.account.executable) continue;
      return new InstructionError(
        'InvalidProgramForExecution',
        `InvalidProgramForExecution: ${toBase58(ix.programId)} is not an executable program`,
      );
    }
    return undefined;
  }

  /**
   * agave `load_transaction_accounts`: the accounts a transaction loads (64 bytes each plus their
   * data, and a loader-v3 program's ProgramData) must fit `SetLoadedAccountsDataSizeLimit`
   * (64 MiB by default), else `MaxLoadedAccountsDataSizeExceeded`; the fee is still charged.
   */
  #checkLoadedDataSize(
    loaded: TransactionAccount[],
    budget: ComputeBudgetLimits,
    state: JournaledState,
  ): PolyvmError | undefined {
    let size = 0;
    for (const entry of loaded) {
      size += TRANSACTION_ACCOUNT_BASE_SIZE + entry.account.data.length;
      if (entry.account.executable && equalBytes(entry.account.owner, BPF_LOADER_UPGRADEABLE_ID)) {
        const programData = readAccount(state, entry.account.data.subarray(4, 36));
        size += TRANSACTION_ACCOUNT_BASE_SIZE + (programData?.data.length ?? 0);
      }
    }
    if (size <= budget.loadedAccountsDataSizeLimit) return undefined;
    return new InstructionError(
      'MaxLoadedAccountsDataSizeExceeded',
      `MaxLoadedAccountsDataSizeExceeded: ${size} bytes loaded, limit ${budget.loadedAccountsDataSizeLimit}`,
    );
  }
}

function statusOf(failure: PolyvmError | undefined): ExecutionStatus {
  if (!failure) return 'success';
  const error = failure instanceof TransactionInstructionError ? (failure.cause as PolyvmError) : failure;
  if (error instanceof OutOfGasError) return 'out-of-gas';
  if (error instanceof InstructionError && error.fromProgram) return 'revert';
  if (error instanceof VmFault || error instanceof InstructionError) return 'error';
  return 'error';
}

function invalid(error: PolyvmError): Receipt {
  return makeReceipt({ status: 'invalid', gasUsed: 0, error });
}

function sameAccount(a: Account, b: Account): boolean {
  return (
    a.lamports === b.lamports &&
    a.executable === b.executable &&
    a.rentEpoch === b.rentEpoch &&
    equalBytes(a.owner, b.owner) &&
    equalBytes(a.data, b.data)
  );
}

/** `UpgradeableLoaderState` tags: 2 = Program { programdata_address }, 3 = ProgramData { slot, authority }. */
const UPGRADEABLE_PROGRAM_TAG = 2;
const UPGRADEABLE_PROGRAMDATA_TAG = 3;
const PROGRAMDATA_METADATA_SIZE = 45;

const BUILTIN_NAMES = new Map([
  [toBase58(SYSTEM_PROGRAM_ID), 'system_program'],
  [toBase58(COMPUTE_BUDGET_PROGRAM_ID), 'compute_budget_program'],
]);
/** `TRANSACTION_ACCOUNT_BASE_SIZE` (agave `account_loader.rs`): what every loaded account costs on top of its data. */
const TRANSACTION_ACCOUNT_BASE_SIZE = 64;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const SYSVAR_OWNER = fromBase58('Sysvar1111111111111111111111111111111111111');
const SYSVAR_ACCOUNTS = new Map<string, keyof Sysvars>(SYSVAR_IDS);

const DEPLOY_DOMAIN = new TextEncoder().encode('polyvm/svm/program');

/** A deterministic program address when the deployer does not choose one. */
export function deriveProgramAddress(sender: Uint8Array, code: Uint8Array): Pubkey {
  return sha256.create().update(DEPLOY_DOMAIN).update(sender).update(code).digest();
}

export const runtimeFactory: RuntimeFactory = {
  info: {
    name: 'svm',
    description:
      'Solana-style runtime: sBPF v0 interpreter, account model, system program, CPI, agave compute units',
    version: SVM_VERSION,
  },
  create: () => new SvmRuntime(),
};
