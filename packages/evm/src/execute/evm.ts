import type { StepEvent, Tracer } from '@polyvm/core';
import { type AnalysisCache, analyzeCode } from '../decode/analysis.js';
import { opcodeName } from '../decode/opcodes.js';
import type { BlockEnv, TxEnv } from '../host/env.js';
import { Substate } from '../host/substate.js';
import type { World } from '../host/world.js';
import { PrecompileFailure, precompileAt } from '../precompiles/index.js';
import { EXIT_REVERT, EXIT_SUCCESS, EXIT_SUSPEND, Frame, type Message, type MessageResult } from './frame.js';
import { G_CODE_DEPOSIT, G_COLD_ACCOUNT_ACCESS, G_WARM_ACCESS, MAX_CODE_SIZE } from './gas-rules.js';
import { interpret } from './interpreter.js';

const EMPTY = new Uint8Array(0);
/** EIP-3541: new code may not start with 0xEF (reserved for EOF). */
const EOF_MAGIC = 0xef;

/** An EIP-3155-shaped step: the core StepEvent plus the EVM's refund counter and opcode byte. */
export interface EvmStepEvent extends StepEvent {
  opcode: number;
  refund: number;
}

/**
 * The message-call driver. Frames run on an explicit stack rather than JS recursion, so 1024 nested
 * calls never touch the host's call-stack limit: a CALL suspends its frame, the child runs, and the
 * parent resumes with the child's result (as revm's interpreter loop does).
 */
export class Evm {
  readonly world: World;
  readonly substate = new Substate();
  readonly block: BlockEnv;
  readonly tx: TxEnv;
  readonly tracer: Tracer | undefined;
  readonly analyses: AnalysisCache;
  /** Executed instructions per opcode byte. */
  readonly opCounts = new Uint32Array(256);
  /** Dynamic gas by category index. */
  readonly dynamicGas = new Float64Array(6);
  readonly #stacks: bigint[][] = [];
  /** Storage values read or written in this run, by slot id; dropped on every rollback. */
  readonly #slots = new Map<bigint, bigint>();
  #pendingStep: EvmStepEvent | undefined;

  constructor(world: World, block: BlockEnv, tx: TxEnv, analyses: AnalysisCache, tracer?: Tracer) {
    this.world = world;
    this.block = block;
    this.tx = tx;
    this.analyses = analyses;
    this.tracer = tracer;
  }

  /** Runs a message and every message it spawns to completion. */
  run(message: Message): MessageResult {
    const first = this.#enter(message);
    if (!(first instanceof Frame)) return first;
    const frames: Frame[] = [];
    let frame = first;
    for (;;) {
      const exit = interpret(frame, this);
      if (this.tracer) this.#flushStep(frame);
      if (exit === EXIT_SUSPEND) {
        const child = this.#enter(frame.pending!);
        if (child instanceof Frame) {
          frames.push(frame);
          frame = child;
        } else {
          this.#resume(frame, child);
        }
        continue;
      }
      const result = this.#finish(frame, exit);
      const parent = frames.pop();
      if (parent === undefined) return result;
      this.#resume(parent, result);
      frame = parent;
    }
  }

  /** EIP-2929: marks an address warm and returns the access cost. */
  accessAccount(address: bigint): number {
    return this.substate.add('warmAddresses', address) ? G_COLD_ACCOUNT_ACCESS : G_WARM_ACCESS;
  }

  #checkpoint(): ReturnType<Substate['mark']> {
    this.world.state.checkpoint();
    return this.substate.mark();
  }

  #commit(): void {
    this.world.state.commit();
  }

  #rollback(mark: ReturnType<Substate['mark']>): void {
    this.world.state.revert();
    this.substate.revertTo(mark);
    this.#slots.clear();
  }

  /** SLOAD through a per-run cache in front of the journaled state (`id` is `slotId(address, slot)`). */
  sload(address: bigint, slot: bigint, id: bigint): bigint {
    let value = this.#slots.get(id);
    if (value === undefined) {
      value = this.world.getStorage(address, slot);
      this.#slots.set(id, value);
    }
    return value;
  }

  sstore(address: bigint, slot: bigint, id: bigint, value: bigint): void {
    this.world.setStorage(address, slot, value);
    this.#slots.set(id, value);
  }

  /** execution-specs `process_message` / `process_create_message` up to running the code. */
  #enter(message: Message): Frame | MessageResult {
    const mark = this.#checkpoint();
    const { world, substate } = this;
    const isCreate = message.kind === 'CREATE' || message.kind === 'CREATE2';
    if (isCreate) {
      substate.add('created', message.target);
      world.incrementNonce(message.target); // EIP-161: new contracts start at nonce 1
    }
    substate.add('touched', message.target);
    if (message.transfer && message.value !== 0n) {
      world.transfer(message.caller, message.target, message.value);
    }
    if (!isCreate && message.delegated !== true) {
      const precompile = precompileAt(message.codeAddress, this.block.fork);
      if (precompile !== undefined) return this.#runPrecompile(message, precompile, mark);
    }
    // One account read serves both the code and the analysis cache's key.
    const codeHash = isCreate ? EMPTY : world.codeHash(message.codeAddress);
    const code = isCreate ? message.input : world.codeByHash(codeHash);
    if (code.length === 0) {
      this.#commit();
      return {
        success: true,
        reverted: false,
        gasLeft: message.gas,
        gasReserve: message.gasReserve ?? 0n,
        output: EMPTY,
        ...(isCreate ? { createdAddress: message.target } : {}),
      };
    }
    const analysis = isCreate ? analyzeCode(code) : this.analyses.get(hashKey(codeHash), code);
    // Frames at one depth never overlap, so each depth reuses one stack array.
    const stack = (this.#stacks[message.depth] ??= new Array<bigint>(1024).fill(0n));
    const frame = new Frame(
      isCreate ? { ...message, input: EMPTY } : message,
      analysis,
      stack,
      this.dynamicGas,
    );
    frame.mark = mark;
    return frame;
  }

  #runPrecompile(
    message: Message,
    precompile: NonNullable<ReturnType<typeof precompileAt>>,
    mark: ReturnType<Substate['mark']>,
  ): MessageResult {
    try {
      const { gas, output } = precompile(message.input, message.gas);
      this.dynamicGas[4]! += gas;
      this.#commit();
      return {
        success: true,
        reverted: false,
        gasLeft: message.gas - gas,
        gasReserve: message.gasReserve ?? 0n,
        output,
      };
    } catch (err) {
      if (!(err instanceof PrecompileFailure)) throw err;
      this.dynamicGas[4]! += message.gas;
      this.#rollback(mark);
      return {
        success: false,
        reverted: false,
        gasLeft: 0,
        output: EMPTY,
        error: err.message,
        outOfGas: err.outOfGas,
      };
    }
  }

  /** Commits or rolls back a finished frame; for creates, charges and stores the deployed code. */
  #finish(frame: Frame, exit: number): MessageResult {
    const mark = frame.mark!;
    const message = frame.message;
    if (exit === EXIT_SUCCESS) {
      if (message.kind === 'CREATE' || message.kind === 'CREATE2') return this.#deposit(frame, mark);
      this.#commit();
      return {
        success: true,
        reverted: false,
        gasLeft: frame.gas,
        gasReserve: frame.reserve,
        output: frame.output,
      };
    }
    this.#rollback(mark);
    if (exit === EXIT_REVERT) {
      return {
        success: false,
        reverted: true,
        gasLeft: frame.gas,
        gasReserve: frame.reserve,
        output: frame.output,
        error: 'reverted',
      };
    }
    return {
      success: false,
      reverted: false,
      gasLeft: 0,
      output: EMPTY,
      error: frame.error ?? 'exceptional halt',
      outOfGas: frame.outOfGas,
    };
  }

  #deposit(frame: Frame, mark: ReturnType<Substate['mark']>): MessageResult {
    const code = frame.output;
    const cost = G_CODE_DEPOSIT * code.length;
    let error: string | undefined;
    // execution-specs raise InvalidContractPrefix for 0xEF and OutOfGasError for the other two.
    const badPrefix = code.length > 0 && code[0] === EOF_MAGIC;
    if (badPrefix) error = 'code starts with 0xEF (EIP-3541)';
    else if (cost > frame.gas && !frame.refill(cost)) error = 'out of gas: code deposit';
    else if (code.length > MAX_CODE_SIZE)
      error = `code size ${code.length} exceeds ${MAX_CODE_SIZE} (EIP-170)`;
    if (error !== undefined) {
      this.#rollback(mark);
      return { success: false, reverted: false, gasLeft: 0, output: EMPTY, error, outOfGas: !badPrefix };
    }
    this.dynamicGas[3]! += cost;
    this.world.setCode(frame.message.target, code);
    this.#commit();
    return {
      success: true,
      reverted: false,
      gasLeft: frame.gas - cost,
      gasReserve: frame.reserve,
      output: EMPTY,
      createdAddress: frame.message.target,
    };
  }

  /** Hands a child's result back to the suspended parent (execution-specs `generic_call`/`generic_create` tails). */
  #resume(parent: Frame, result: MessageResult): void {
    const pending = parent.pending!;
    parent.pending = undefined;
    parent.giveBack(result.gasLeft, result.gasReserve);
    if (pending.kind === 'CREATE' || pending.kind === 'CREATE2') {
      parent.returnData = result.success ? EMPTY : result.output;
      parent.stack[parent.sp++] = result.success ? pending.target : 0n;
      return;
    }
    parent.returnData = result.output;
    parent.stack[parent.sp++] = result.success ? 1n : 0n;
    const n = Math.min(parent.returnSize, result.output.length);
    if (n > 0) parent.memory.set(result.output.subarray(0, n), parent.returnOffset);
  }

  /** Called before each instruction when tracing: closes the previous step with its real cost, opens the next. */
  traceStep(frame: Frame, pc: number, op: number, sp: number): void {
    this.#flushStep(frame);
    const stack: string[] = new Array(sp);
    for (let i = 0; i < sp; i++) stack[i] = `0x${frame.stack[i]!.toString(16)}`;
    this.#pendingStep = {
      runtime: 'evm',
      depth: frame.message.depth,
      pc,
      op: opcodeName(op),
      opcode: op,
      gasBefore: traceGas(frame),
      gasCost: 0,
      stack,
      memorySize: frame.memoryWords * 32,
      refund: this.substate.refund,
    };
  }

  #flushStep(frame: Frame): void {
    const step = this.#pendingStep;
    if (step === undefined) return;
    this.#pendingStep = undefined;
    step.gasCost = Math.max(0, step.gasBefore - traceGas(frame));
    this.tracer!(step);
  }

  /** BLOCKHASH (Yellow Paper §9.4.1, 256 previous blocks). */
  blockHash(number: bigint): bigint {
    const current = this.block.number;
    if (number >= current || number + 256n < current) return 0n;
    return this.block.blockHash(number);
  }
}

/** Gas for a trace line: a JS number, rounded when a 64-bit gas limit put gas in the reserve. */
function traceGas(frame: Frame): number {
  return frame.reserve === 0n ? frame.gas : Number(frame.total());
}

function hashKey(hash: Uint8Array): string {
  let out = '';
  for (let i = 0; i < hash.length; i++) out += String.fromCharCode(hash[i]!);
  return out;
}
