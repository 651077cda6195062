import {
  addressFromHex,
  assertBytes,
  assertTransaction,
  DecodeError,
  type DeployRequest,
  type ExecuteOptions,
  ExecutionError,
  equalBytes,
  GAS_CATEGORIES,
  type GasBreakdown,
  InvalidArgumentError,
  InvalidTransactionError,
  type JournaledState,
  makeReceipt,
  OutOfGasError,
  PolyvmError,
  type Receipt,
  type Runtime,
  type RuntimeFactory,
  type Transaction,
  UnsupportedError,
} from '@polyvm/core';
import { Writer } from './binary/cursor.js';
import { deserializeModule, deserializeScript } from './binary/deserialize.js';
import type { CompiledModule } from './binary/types.js';
import { verifyModule } from './verify/verifier.js';
import { bcsDecode, bcsEncode } from './vm/bcs.js';
import { MoveAbort } from './vm/errors.js';
import { MAX_TRANSACTION_GAS, MAX_TRANSACTION_SIZE, MOVE_GAS_SCHEDULE, STORAGE } from './vm/gas.js';
import { Interpreter } from './vm/interpreter.js';
import {
  checkTypeLimits,
  type LoadedFunction,
  type LoadedModule,
  Loader,
  MODULE_NAMESPACE,
  moduleKey,
} from './vm/loader.js';
import { stdNatives } from './vm/natives.js';
import { GlobalStore } from './vm/storage.js';
import { suiTxContext, type TransactionContext, transactionContext } from './vm/tx-context.js';
import { parseTypeTag } from './vm/type-tag.js';
import { Ref, type RType, type Value } from './vm/value.js';

/**
 * The transaction payload of `execute`/`call`: an entry or public function call, as in an Aptos
 * `EntryFunction` payload. Leading `signer`/`&signer` parameters are bound to `tx.sender`; the
 * remaining parameters are decoded from `args`, one BCS value each. Beyond Aptos, public (not only
 * entry) functions may be called and `&T` parameters receive a reference to the decoded value, so
 * library functions can be exercised directly; `&mut T` parameters are rejected.
 */
export interface MoveCallPayload {
  /** Module id, e.g. `0x1::Counter` (short addresses are left-padded). */
  module: string;
  function: string;
  /** Type arguments in Move syntax, e.g. `['u64', '0x1::STC::STC']`. */
  typeArgs?: string[];
  /** BCS-encoded non-signer arguments. */
  args?: Uint8Array[];
}

/** Runs a transaction script (compiled `script` bytes) instead of a published function. */
export interface MoveScriptPayload {
  script: Uint8Array;
  typeArgs?: string[];
  args?: Uint8Array[];
}

export type MovePayload = MoveCallPayload | MoveScriptPayload;

export interface MoveRuntimeOptions {
  /** 16 (Diem/Starcoin) or 32 (Aptos/Sui); default 32. */
  addressWidth?: number;
}

/** Gas limits above the chain's per-transaction maximum are clamped to it. */
const MAX_GAS = BigInt(MAX_TRANSACTION_GAS);

/**
 * A Move VM as a polyvm runtime. `deploy` publishes a module under its self address (which must be
 * the sender); `execute` runs a `MovePayload` (a function call or a script); `returnData` is the
 * BCS of the return values, concatenated (i.e. the BCS of the result tuple).
 */
export class MoveRuntime implements Runtime<MovePayload> {
  readonly name = 'move';
  readonly gasSchedule = MOVE_GAS_SCHEDULE;
  readonly addressWidth: number;
  readonly natives = stdNatives();

  constructor(options: MoveRuntimeOptions = {}) {
    const width = options.addressWidth ?? 32;
    if (width !== 16 && width !== 32)
      throw new InvalidArgumentError(`Move addresses are 16 or 32 bytes, got ${width}`);
    this.addressWidth = width;
  }

  deploy(state: JournaledState, request: DeployRequest): Receipt {
    assertBytes(request?.code, 'code');
    const limit = gasLimitOf(request.gasLimit);
    let module: CompiledModule;
    try {
      if (!(request.sender instanceof Uint8Array) || request.sender.length !== this.addressWidth) {
        throw new InvalidTransactionError(`sender must be ${this.addressWidth} bytes`);
      }
      // The size limit comes first, so a huge module costs nothing to refuse.
      if (request.code.length > MAX_TRANSACTION_SIZE) {
        throw new InvalidTransactionError(
          `EXCEEDED_MAX_TRANSACTION_SIZE: a ${request.code.length}-byte module is above the ${MAX_TRANSACTION_SIZE}-byte limit`,
        );
      }
      module = verifyModule(deserializeModule(request.code, { addressWidth: this.addressWidth })).module;
      const self = module.moduleHandles[module.selfModuleHandle]!;
      const address = module.addressIdentifiers[self.address]!;
      if (!equalBytes(address, request.sender)) {
        throw new InvalidTransactionError(
          'MODULE_ADDRESS_DOES_NOT_MATCH_SENDER: a module is published by its own address',
        );
      }
      const key = moduleKey(address, module.identifiers[self.name]!);
      if (state.get(MODULE_NAMESPACE, key)) {
        throw new UnsupportedError('module already published: upgrades are not supported', {
          details: { feature: 'module-upgrade' },
        });
      }
      module.moduleHandles.forEach((h, i) => {
        if (i === module.selfModuleHandle) return;
        const dep = moduleKey(module.addressIdentifiers[h.address]!, module.identifiers[h.name]!);
        if (!state.get(MODULE_NAMESPACE, dep)) {
          throw new InvalidTransactionError(
            `LINKER_ERROR: dependency ${module.identifiers[h.name]} is not published`,
          );
        }
      });
      const cost = STORAGE.slot_write + STORAGE.byte_write * (key.length + request.code.length);
      if (cost > limit) {
        return failure(
          'out-of-gas',
          limit,
          new OutOfGasError(`publishing needs ${cost} gas, limit ${limit}`),
        );
      }
      state.checkpoint();
      const accesses = state.beginMetrics();
      state.set(MODULE_NAMESPACE, key, request.code);
      const stateDiff = state.changesSince(state.depth);
      state.commit();
      return makeReceipt({
        status: 'success',
        gasUsed: cost,
        gasBreakdown: { ...zeroBreakdown(), storage: cost },
        stateDiff,
        createdAddress: address,
        metrics: { instructions: 0, state: accesses.end() },
      });
    } catch (err) {
      return failure('invalid', 0, asPolyvmError(err));
    }
  }

  execute(state: JournaledState, tx: Transaction<MovePayload>, options?: ExecuteOptions): Receipt {
    return this.#run(state, tx, options, true);
  }

  call(state: JournaledState, tx: Transaction<MovePayload>, options?: ExecuteOptions): Receipt {
    return this.#run(state, tx, options, false);
  }

  estimate(state: JournaledState, tx: Transaction<MovePayload>, options?: ExecuteOptions): number {
    const probe = this.#run(state, { ...tx, gasLimit: MAX_GAS }, options, false);
    return probe.gasUsed;
  }

  #run(
    state: JournaledState,
    tx: Transaction<MovePayload>,
    options: ExecuteOptions | undefined,
    commit: boolean,
  ): Receipt {
    try {
      assertTransaction(tx, this.addressWidth);
    } catch (err) {
      return failure('invalid', 0, asPolyvmError(err));
    }
    const limit = gasLimitOf(tx.gasLimit);
    const loader = new Loader(state, this.addressWidth, this.natives);
    let interp: Interpreter | undefined;
    const depth = state.checkpoint();
    const accesses = state.beginMetrics();
    try {
      const context = transactionContext(tx, options?.block);
      const { fn, typeArgs, args } = this.#bind(loader, tx, context);
      const store = new GlobalStore(state, this.addressWidth, (amount) => interp!.chargeIo(amount));
      interp = new Interpreter(loader, store, limit, context, options?.tracer);
      // Aptos charges every module a transaction loads (dependency gas; a script is not stored, so
      // not counted): those the call links up front now, any loaded later when it ends.
      let charged = { modules: 0, bytes: 0 };
      const chargeDependencies = (): void => {
        const modules = loader.loadedModules - charged.modules;
        const bytes = loader.loadedBytes - charged.bytes;
        charged = { modules: loader.loadedModules, bytes: loader.loadedBytes };
        interp!.charge(STORAGE.dependency_per_module * modules + STORAGE.dependency_per_byte * bytes, 5);
      };
      chargeDependencies();
      const results = interp.run(fn, typeArgs, args);
      chargeDependencies();
      store.flush();
      const returnData = encodeResults(loader, fn, typeArgs, results);
      const stateDiff = state.changesSince(depth);
      if (commit) state.commit();
      else state.revert();
      return makeReceipt({
        status: 'success',
        gasUsed: interp.used,
        gasBreakdown: breakdown(interp.byCategory),
        returnData,
        events: interp.events,
        logs: interp.logs,
        stateDiff,
        metrics: { instructions: interp.instructions, state: accesses.end() },
      });
    } catch (err) {
      state.revert();
      const error = asPolyvmError(err);
      const status =
        error instanceof MoveAbort
          ? 'revert'
          : error instanceof OutOfGasError
            ? 'out-of-gas'
            : error instanceof InvalidTransactionError ||
                error instanceof InvalidArgumentError ||
                error instanceof DecodeError
              ? 'invalid'
              : 'error';
      return makeReceipt({
        status,
        gasUsed: interp?.used ?? (status === 'out-of-gas' ? limit : 0),
        gasBreakdown: interp ? breakdown(interp.byCategory) : zeroBreakdown(),
        logs: interp?.logs ?? [],
        metrics: { instructions: interp?.instructions ?? 0, state: accesses.end() },
        error,
      });
    }
  }

  /** The function a payload names, or the `main` of its script; every failure is an invalid transaction. */
  #target(loader: Loader, p: MovePayload | undefined): { lm: LoadedModule; fn: LoadedFunction } {
    try {
      if (p && 'script' in p && p.script instanceof Uint8Array) {
        const lm = loader.loadScript(deserializeScript(p.script, { addressWidth: this.addressWidth }));
        return { lm, fn: lm.functionsByName.get('main')! };
      }
      if (!p || !('module' in p) || typeof p.module !== 'string' || typeof p.function !== 'string') {
        throw new InvalidTransactionError(
          'payload must be a MoveCallPayload { module, function, typeArgs?, args? } or a MoveScriptPayload { script, … }',
        );
      }
      const [addr, name, extra] = p.module.split('::');
      if (!addr || !name || extra !== undefined)
        throw new InvalidTransactionError(`bad module id "${p.module}"`);
      const lm = loader.load(addressFromHex(addr, this.addressWidth), name);
      const fn = lm.functionsByName.get(p.function);
      if (!fn) {
        throw new InvalidTransactionError(
          `FUNCTION_RESOLUTION_FAILURE: ${p.module}::${p.function} does not exist`,
        );
      }
      if (!fn.isEntry && !fn.isPublic) {
        throw new InvalidTransactionError(
          `EXECUTE_ENTRY_FUNCTION_CALLED_ON_NON_ENTRY_FUNCTION: ${p.function} is private`,
        );
      }
      return { lm, fn };
    } catch (cause) {
      if (cause instanceof InvalidTransactionError) throw cause;
      throw new InvalidTransactionError(`cannot load the transaction's code: ${(cause as Error).message}`, {
        cause,
      });
    }
  }

  /** Resolves the payload to a function, type arguments and argument values (the signer first). */
  #bind(
    loader: Loader,
    tx: Transaction<MovePayload>,
    context: TransactionContext,
  ): { fn: LoadedFunction; typeArgs: RType[]; args: Value[] } {
    const size =
      (tx.payload && 'script' in tx.payload && tx.payload.script instanceof Uint8Array
        ? tx.payload.script.length
        : 0) +
      (Array.isArray(tx.payload?.args) ? tx.payload.args.reduce((n, b) => n + (b?.length ?? 0), 0) : 0);
    if (size > MAX_TRANSACTION_SIZE) {
      throw new InvalidTransactionError(
        `EXCEEDED_MAX_TRANSACTION_SIZE: ${size} bytes of script and arguments, limit ${MAX_TRANSACTION_SIZE}`,
      );
    }
    const { lm, fn } = this.#target(loader, tx.payload);
    const { typeArgs: tags, args: bytes } = tx.payload ?? {};
    if (tags !== undefined && !(Array.isArray(tags) && tags.every((t) => typeof t === 'string'))) {
      throw new InvalidTransactionError('payload.typeArgs must be an array of type-tag strings');
    }
    if (bytes !== undefined && !(Array.isArray(bytes) && bytes.every((b) => b instanceof Uint8Array))) {
      throw new InvalidTransactionError('payload.args must be an array of BCS byte arrays');
    }
    const typeArgs = (tx.payload?.typeArgs ?? []).map((t) => parseTypeTag(t, loader));
    try {
      checkTypeLimits(typeArgs);
    } catch (cause) {
      throw new InvalidTransactionError((cause as Error).message, { cause });
    }
    if (typeArgs.length !== fn.typeParamCount) {
      throw new InvalidTransactionError(
        `NUMBER_OF_TYPE_ARGUMENTS_MISMATCH: ${fn.typeParamCount} expected, got ${typeArgs.length}`,
      );
    }
    const args: Value[] = [];
    let i = 0;
    const signer = tx.sender.slice();
    for (; i < fn.params.length; i++) {
      const t = fn.params[i]!;
      const isSigner =
        t.kind === 'signer' || ((t.kind === 'ref' || t.kind === 'mutref') && t.inner.kind === 'signer');
      if (!isSigner) break;
      if (i > 0)
        throw new InvalidTransactionError('multi-agent transactions (several signers) are not supported');
      // A transaction's `&signer` points at a temporary slot holding the sender, as in the Move VM.
      args.push(t.kind === 'signer' ? signer : new Ref([signer], 0));
    }
    // Sui passes the transaction's `TxContext` as an entry function's last parameter.
    const last = fn.params[fn.params.length - 1];
    const txContext =
      i < fn.params.length && last && (last.kind === 'ref' || last.kind === 'mutref')
        ? suiTxContext(loader.runtimeType(lm, last.inner, typeArgs), context)
        : undefined;
    const bcsArgs = tx.payload?.args ?? [];
    const expected = fn.params.length - i - (txContext ? 1 : 0);
    if (bcsArgs.length !== expected) {
      throw new InvalidTransactionError(
        `NUMBER_OF_ARGUMENTS_MISMATCH: ${expected} expected, got ${bcsArgs.length}`,
      );
    }
    bcsArgs.forEach((bytes, k) => {
      const t = fn.params[i + k]!;
      if (t.kind === 'mutref')
        throw new InvalidTransactionError('&mut parameters cannot be passed in a transaction');
      // `&T` parameters (view-style calls of library functions) get a reference to a temporary.
      const value = bcsDecode(bytes, loader.runtimeType(lm, t, typeArgs), this.addressWidth);
      args.push(t.kind === 'ref' ? new Ref([value], 0) : value);
    });
    if (txContext) args.push(new Ref([txContext], 0));
    return { fn, typeArgs, args };
  }
}

function encodeResults(loader: Loader, fn: LoadedFunction, typeArgs: RType[], results: Value[]): Uint8Array {
  const w = new Writer();
  fn.returns.forEach((t, i) => {
    const v = results[i]!;
    const inner = v instanceof Ref ? v.read() : v;
    w.bytes(bcsEncode(inner, loader.runtimeType(fn.module, t, typeArgs)));
  });
  return w.finish();
}

function gasLimitOf(limit: bigint): number {
  if (typeof limit !== 'bigint' || limit < 0n)
    throw new InvalidArgumentError('gasLimit must be a non-negative bigint');
  return Number(limit > MAX_GAS ? MAX_GAS : limit);
}

function zeroBreakdown(): GasBreakdown {
  return { compute: 0, memory: 0, storage: 0, call: 0, crypto: 0, other: 0 };
}

function breakdown(byCategory: Float64Array): GasBreakdown {
  const out = zeroBreakdown();
  GAS_CATEGORIES.forEach((c, i) => {
    out[c] = byCategory[i]!;
  });
  return out;
}

/** A transaction refused before anything ran: no instructions, no state accesses. */
function failure(status: 'invalid' | 'out-of-gas', gasUsed: number, error: PolyvmError): Receipt {
  return makeReceipt({ status, gasUsed, error });
}

function asPolyvmError(err: unknown): PolyvmError {
  if (err instanceof PolyvmError) return err;
  if (err instanceof RangeError)
    return new ExecutionError(`host limit reached: ${err.message}`, { cause: err });
  return new ExecutionError(`internal error: ${(err as Error)?.message ?? String(err)}`, { cause: err });
}

export const runtimeFactory: RuntimeFactory = {
  info: {
    name: 'move',
    description: 'Move VM: real Move bytecode (v4–v6), bytecode verifier, Aptos gas schedule',
    version: '0.1.0',
  },
  create: () => new MoveRuntime(),
};
