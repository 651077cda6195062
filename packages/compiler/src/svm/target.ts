/**
 * The `svm` target: builds an sBPF v0 ELF with svm-lite's assembler and ELF writer, deploys it on
 * `@polyvm/svm-lite` next to a program-owned state account, and calls functions with Anchor-style
 * instruction data (discriminator + Borsh) signed by the caller's key (`msg.sender`). Custom error
 * codes map back to Solidity reasons; custom error arguments come back from the logs.
 */
import {
  addressFromNumber,
  concatBytes,
  equalBytes,
  JournaledState,
  type Receipt,
  type Transaction,
  UnsupportedError,
} from '@polyvm/core';
import {
  assemble,
  COSTS,
  InstructionError,
  minimumBalance,
  readAccount,
  SvmRuntime,
  type SvmTxPayload,
  setComputeUnitLimitInstruction,
  walletAccount,
  writeAccount,
  writeElf,
} from '@polyvm/svm-lite';
import { type AbiValue, encodeAbi, valueWord } from '../abi/codec.js';
import type { DecodedRevert } from '../abi/revert.js';
import type { ContractArtifact } from '../compile.js';
import { constructorOf, type IrContract, type IrFunction } from '../ir/contract.js';
import type { IrType } from '../ir/types.js';
import { findCallable } from '../target/calls.js';
import { toAbiValue } from '../target/js-values.js';
import {
  type CallContext,
  type CallResult,
  DEFAULT_CONTEXT,
  type DecodedEvent,
  type Deployment,
  type JsValue,
  type RuntimeBinder,
  type RuntimeBinding,
  type Target,
  type TargetBuild,
} from '../target/target.js';
import { generateProgram, loggedType, type SvmProgram } from './codegen.js';
import { buildIdl, type SvmIdl } from './idl.js';
import {
  CUSTOM_BASE,
  discriminator,
  ERR,
  errorDiscriminator,
  eventDiscriminator,
  PANIC_BASE,
  REASON_BASE,
  scalarWidth,
} from './layout.js';
import { BUCKET } from './runtime-lib.js';

/** agave's default per-instruction compute budget (`DEFAULT_INSTRUCTION_COMPUTE_UNIT_LIMIT`, 200 000 CU). */
export const SVM_CU_LIMIT = 200_000n;
/** agave's `MAX_COMPUTE_UNIT_LIMIT`: what one transaction may request with SetComputeUnitLimit. */
export const SVM_MAX_CU_LIMIT = 1_400_000;
/** Who deploys the program (the upgrade authority in a real deployment). */
export const PAYER = addressFromNumber(0xfee, 32);
export const STATE_ACCOUNT = addressFromNumber(0x57a7e, 32);
/** Lamports a caller's wallet gets when it first signs (fees are 5 000 lamports per signature). */
const WALLET_LAMPORTS = 1_000_000_000_000n;

export interface SvmBuild extends TargetBuild {
  readonly program: SvmProgram;
  readonly idl: SvmIdl;
}

const builds = new WeakMap<IrContract, SvmBuild>();
export function buildSvm(contract: IrContract): SvmBuild {
  let build = builds.get(contract);
  if (build === undefined) {
    const program = generateProgram(contract);
    const code = writeElf(assemble(program.source));
    build = {
      code,
      codeSize: code.length,
      listing: { format: 'asm', text: program.source },
      program,
      idl: buildIdl(contract, program),
    };
    builds.set(contract, build);
  }
  return build;
}

/**
 * The pubkey standing for a 20-byte EVM address `a` (the harness's `msg.sender` and address
 * arguments): the 32 bytes whose big-endian value is `a`, i.e. 12 zero bytes then the address. Every
 * pubkey is a valid `address` on this target; one above 2^160 has no EVM counterpart.
 */
export function pubkeyOf(address: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 31, v = address; i >= 0; i--, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

/** Borsh bytes of one value: integers little-endian (two's complement), pubkeys and bytesN as is. */
function encodeScalar(type: IrType, value: bigint): Uint8Array {
  const width = scalarWidth(type, 'value');
  const bytes = new Uint8Array(width);
  const bigEndian = type.kind === 'address' || type.kind === 'fixedBytes';
  const v = BigInt.asUintN(8 * width, value);
  for (let b = 0; b < width; b++) bytes[bigEndian ? width - 1 - b : b] = Number((v >> BigInt(8 * b)) & 0xffn);
  return bytes;
}

function u32(n: number): Uint8Array {
  return Uint8Array.of(n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff);
}

/** Borsh: strings/bytes and `Vec`s with a u32 length, fixed arrays without, structs member by member. */
function encodeBorsh(type: IrType, value: AbiValue): Uint8Array {
  switch (type.kind) {
    case 'string':
    case 'bytes': {
      const bytes = value as Uint8Array;
      return concatBytes(u32(bytes.length), bytes);
    }
    case 'array': {
      const items = (value as AbiValue[]).map((v) => encodeBorsh(type.element, v));
      return type.length === null ? concatBytes(u32(items.length), ...items) : concatBytes(...items);
    }
    case 'struct':
      return concatBytes(...type.fields.map((f, i) => encodeBorsh(f.type, (value as AbiValue[])[i]!)));
    default:
      return encodeScalar(type, value as bigint);
  }
}

/** Instruction data: the function's discriminator, then its arguments in Borsh. */
export function instructionData(fn: IrFunction, args: readonly JsValue[]): Uint8Array {
  if (args.length !== fn.params.length)
    throw new TypeError(`${fn.name}: expected ${fn.params.length} arguments`);
  return concatBytes(
    discriminator(fn),
    ...fn.params.map((p, i) => encodeBorsh(p.type, toAbiValue(p.type, args[i]!))),
  );
}

/** Borsh-decodes `types` from `data` (the inverse of `encodeBorsh`). */
function decodeBorsh(types: readonly IrType[], data: Uint8Array, from = 0): AbiValue[] {
  return decodeBorshTo(types, data, from).values;
}

/** Borsh values from `from`, and where they end (an exact decode ends at the data's length). */
function decodeBorshTo(
  types: readonly IrType[],
  data: Uint8Array,
  from: number,
): { values: AbiValue[]; end: number } {
  let at = from;
  const u32At = () => {
    const n =
      (data[at] ?? 0) |
      ((data[at + 1] ?? 0) << 8) |
      ((data[at + 2] ?? 0) << 16) |
      ((data[at + 3] ?? 0) * 2 ** 24);
    at += 4;
    return n;
  };
  const one = (type: IrType): AbiValue => {
    switch (type.kind) {
      case 'string':
      case 'bytes': {
        const n = u32At();
        const bytes = data.slice(at, at + n);
        at += n;
        return bytes;
      }
      case 'array': {
        const n = type.length ?? u32At();
        return Array.from({ length: n }, () => one(type.element));
      }
      case 'struct':
        return type.fields.map((f) => one(f.type));
      default: {
        const width = scalarWidth(type, 'value');
        const bigEndian = type.kind === 'address' || type.kind === 'fixedBytes';
        let value = 0n;
        for (let b = 0; b < width; b++)
          value = (value << 8n) | BigInt(data[at + (bigEndian ? b : width - 1 - b)] ?? 0);
        at += width;
        return type.kind === 'int' ? BigInt.asIntN(8 * width, value) : value;
      }
    }
  };
  const values = types.map(one);
  return { values, end: at };
}

/** `sol_log_data` payloads ("Program data: <base64>" lines) in log order. */
function loggedData(logs: readonly string[]): Uint8Array[] {
  return logs
    .filter((line) => line.startsWith('Program data: '))
    .map((line) => Uint8Array.from(Buffer.from(line.slice('Program data: '.length), 'base64')));
}

/** Events from the logged data (Anchor's `emit!` layout). */
function decodeEvents(contract: IrContract, logs: readonly string[]): DecodedEvent[] {
  const events: DecodedEvent[] = [];
  for (const data of loggedData(logs)) {
    const event = contract.events.find(
      (e) => !e.anonymous && equalBytes(eventDiscriminator(contract, e), data.subarray(0, 8)),
    );
    if (event !== undefined) {
      const types = event.params.map(loggedType);
      events.push({ name: event.name, signature: event.signature, args: decodeBorsh(types, data, 8) });
      continue;
    }
    // No discriminator: an anonymous event (its Borsh arguments only, as the EVM logs no topic 0),
    // the first declared one whose arguments decode exactly. Like an EVM log without topic 0 it names
    // no event: reported as the EVM-shaped `<unknown>` log (indexed words, then the ABI data).
    for (const anonymous of contract.events.filter((e) => e.anonymous)) {
      const types = anonymous.params.map(loggedType);
      const decoded = decodeBorshTo(types, data, 0);
      if (decoded.end !== data.length) continue;
      const indexed = anonymous.params.flatMap((p, i) =>
        p.indexed ? [valueWord(types[i]!, decoded.values[i] as bigint)] : [],
      );
      const plain = anonymous.params.flatMap((p, i) => (p.indexed ? [] : [i]));
      const abiData = encodeAbi(
        plain.map((i) => types[i]!),
        plain.map((i) => decoded.values[i]!),
      );
      const topic0 = indexed[0] === undefined ? '' : indexed[0].toString(16).padStart(64, '0');
      events.push({ name: '<unknown>', signature: topic0, args: [...indexed, abiData] });
      break;
    }
  }
  return events;
}

/** Maps a custom program error code (and the logged error arguments) back to the Solidity revert. */
export function revertOf(
  contract: IrContract,
  program: SvmProgram,
  code: number,
  logs: readonly string[] = [],
): DecodedRevert {
  if (code === ERR.emptyRevert) return { kind: 'empty' };
  if (code >= CUSTOM_BASE && code - CUSTOM_BASE < program.customErrors.length) {
    const signature = program.customErrors[code - CUSTOM_BASE]!;
    const error = contract.errors.find((e) => e.signature === signature);
    if (error === undefined) return { kind: 'custom', name: signature, args: [] };
    const disc = errorDiscriminator(error);
    const data = loggedData(logs)
      .filter((d) => equalBytes(disc, d.subarray(0, 8)))
      .at(-1);
    const args =
      data === undefined
        ? []
        : decodeBorsh(
            error.params.map((p) => p.type),
            data,
            8,
          );
    return { kind: 'custom', name: error.name, args };
  }
  if (code >= REASON_BASE && code - REASON_BASE < program.reasons.length)
    return { kind: 'error', message: program.reasons[code - REASON_BASE]! };
  if (code >= PANIC_BASE && code < PANIC_BASE + 0x100) return { kind: 'panic', code: code - PANIC_BASE };
  return { kind: 'raw', data: `custom program error: 0x${code.toString(16)}` };
}

/** A receipt of an instruction to the program as a target-neutral result. */
export function callResult(
  contract: IrContract,
  program: SvmProgram,
  fn: IrFunction,
  receipt: Receipt,
): CallResult {
  const returnData = receipt.returnData ?? new Uint8Array();
  const error = receipt.error;
  const logs = receipt.logs ?? [];
  // The receipt names the failing instruction (`InstructionError(i, Custom(n))`): the program's own
  // error is the cause.
  const failure = error instanceof InstructionError ? error : error?.cause;
  const revert =
    receipt.status === 'revert' && failure instanceof InstructionError && failure.custom !== undefined
      ? revertOf(contract, program, failure.custom, logs)
      : null;
  const status = receipt.status === 'invalid' ? 'error' : receipt.status;
  return {
    status,
    revert,
    returns:
      status === 'success' && fn.kind !== 'constructor'
        ? decodeBorsh(
            fn.returns.map((r) => r.type),
            returnData,
          )
        : [],
    events: status === 'success' ? decodeEvents(contract, logs) : [],
    gas: receipt.gasUsed,
    ...(error && status !== 'revert' ? { message: error.message } : {}),
  };
}

export function blockOptions(context?: Partial<CallContext>) {
  const c = { ...DEFAULT_CONTEXT, ...context };
  return { block: { height: c.blockNumber, timestamp: c.timestamp, chainId: 1n } };
}

/**
 * The transaction for one call: fee payer and signing authority = the caller's pubkey (a wallet is
 * funded on first use, as a faucet would), one instruction with the state account and the authority.
 */
export function callTransaction(
  state: JournaledState,
  programId: Uint8Array,
  stateAccount: Uint8Array,
  fn: IrFunction,
  args: readonly JsValue[],
  context?: Partial<CallContext>,
): Transaction<SvmTxPayload> {
  const sender = pubkeyOf({ ...DEFAULT_CONTEXT, ...context }.sender);
  if (readAccount(state, sender) === undefined) writeAccount(state, sender, walletAccount(WALLET_LAMPORTS));
  return {
    sender,
    to: programId,
    input: instructionData(fn, args),
    value: 0n,
    gasLimit: SVM_CU_LIMIT,
    nonce: 0n,
    payload: {
      accounts: [
        { pubkey: stateAccount, isSigner: false, isWritable: true },
        { pubkey: sender, isSigner: true, isWritable: false },
      ],
    },
  };
}

/**
 * The call as a Solana client sends it: simulated first with the transaction maximum; when the
 * program needs more than the 200 000 CU default, a ComputeBudget `SetComputeUnitLimit` instruction
 * for exactly what the simulation consumed (its own 150 CU included) goes in front, as wallets and
 * `@solana/web3.js` users size heavy transactions. Calls within the default are sent unchanged.
 */
export function sizedTransaction(
  runtime: SvmRuntime,
  state: JournaledState,
  tx: Transaction<SvmTxPayload>,
  context?: Partial<CallContext>,
): Transaction<SvmTxPayload> {
  const withLimit = (units: number): Transaction<SvmTxPayload> => ({
    ...tx,
    gasLimit: BigInt(units),
    payload: {
      instructions: [
        setComputeUnitLimitInstruction(units),
        { programId: tx.to!, accounts: tx.payload?.accounts ?? [], data: tx.input },
      ],
    },
  });
  const probe = runtime.call(state, withLimit(SVM_MAX_CU_LIMIT), blockOptions(context));
  // The ComputeBudget builtin's own cost (agave's DEFAULT_COMPUTE_UNITS, charged as svm-lite does).
  const programUnits = probe.gasUsed - COSTS.system_program_units;
  if (probe.status !== 'out-of-gas' && programUnits <= Number(SVM_CU_LIMIT)) return tx;
  return withLimit(probe.status === 'out-of-gas' ? SVM_MAX_CU_LIMIT : probe.gasUsed);
}

/**
 * Deploys the ELF through `runtime` and creates the program-owned state account at the layout's size,
 * rent-exempt (a real deployment would create it with a system-program CPI from the payer).
 */
function deployProgram(
  runtime: SvmRuntime,
  state: JournaledState,
  build: SvmBuild,
  stateAccount: Uint8Array,
  address?: Uint8Array,
): { receipt: Receipt; programId: Uint8Array | null } {
  if (readAccount(state, PAYER) === undefined) writeAccount(state, PAYER, walletAccount(WALLET_LAMPORTS));
  const receipt = runtime.deploy(state, {
    sender: PAYER,
    code: build.code,
    gasLimit: 0n,
    ...(address ? { address } : {}),
  });
  if (receipt.status !== 'success' || receipt.createdAddress === undefined)
    return { receipt, programId: null };
  const size = build.program.layout.size;
  writeAccount(state, stateAccount, {
    lamports: minimumBalance(size),
    owner: receipt.createdAddress,
    executable: false,
    rentEpoch: 0n,
    data: new Uint8Array(size),
  });
  return { receipt, programId: receipt.createdAddress };
}

function littleEndian(bytes: Uint8Array): bigint {
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]!);
  return v;
}

/** The state account decoded to Solidity's storage: slot → non-zero word (static slots and table entries). */
export function decodeStorage(program: SvmProgram, data: Uint8Array): Map<bigint, bigint> {
  const { staticSlots, tableOffset, capacity } = program.layout;
  const slots = new Map<bigint, bigint>();
  if (data.length < program.layout.size) return slots;
  for (let s = 0; s < staticSlots; s++) {
    const word = littleEndian(data.subarray(8 + 32 * s, 40 + 32 * s));
    if (word !== 0n) slots.set(BigInt(s), word);
  }
  for (let b = 0; b < capacity; b++) {
    const at = tableOffset + BUCKET * b;
    if (littleEndian(data.subarray(at, at + 8)) === 0n) continue;
    const word = littleEndian(data.subarray(at + 40, at + 72));
    if (word !== 0n) slots.set(littleEndian(data.subarray(at + 8, at + 40)), word);
  }
  return slots;
}

export interface Invocation {
  /** What was sent (with a ComputeBudget instruction in front when the call needed more CU). */
  readonly transaction: Transaction<SvmTxPayload>;
  readonly result: CallResult;
  readonly logs: readonly string[];
  readonly returnData: Uint8Array;
}

/** A deployed program with its state account, on one svm-lite state. */
export class SvmDeployment implements Deployment {
  readonly target = 'svm';
  readonly runtime = new SvmRuntime();
  readonly programId: Uint8Array;

  constructor(
    readonly contract: IrContract,
    readonly build: SvmBuild,
    readonly state: JournaledState,
    /** Where to deploy the program (default: derived from the payer and the code). */
    address?: Uint8Array,
  ) {
    const { receipt, programId } = deployProgram(this.runtime, state, build, STATE_ACCOUNT, address);
    if (programId === null) throw new Error(`svm deploy failed: ${receipt.error?.message}`);
    this.programId = programId;
  }

  invoke(fn: IrFunction, args: readonly JsValue[], context?: Partial<CallContext>): Invocation {
    const unsupported = this.build.program.unsupported.get(fn.id);
    if (unsupported) throw unsupported;
    const call = callTransaction(this.state, this.programId, STATE_ACCOUNT, fn, args, context);
    const tx = sizedTransaction(this.runtime, this.state, call, context);
    const receipt = this.runtime.execute(this.state, tx, blockOptions(context));
    return {
      transaction: tx,
      result: callResult(this.contract, this.build.program, fn, receipt),
      logs: receipt.logs ?? [],
      returnData: receipt.returnData ?? new Uint8Array(),
    };
  }

  call(fnName: string, args: readonly JsValue[], context?: Partial<CallContext>): CallResult {
    return this.invoke(findCallable(this.contract, fnName), args, context).result;
  }

  /** The state account decoded to solc's slots (the layout keeps them; an address is its 32-byte pubkey). */
  storage(): Map<bigint, bigint> {
    return decodeStorage(this.build.program, this.stateData());
  }

  stateData(): Uint8Array {
    return readAccount(this.state, STATE_ACCOUNT)?.data ?? new Uint8Array();
  }
}

function checkedBuild(artifact: ContractArtifact, fn: IrFunction): SvmBuild {
  const build = buildSvm(artifact.ir);
  const missing = build.program.unsupported.get(fn.id);
  if (missing) throw new UnsupportedError(missing.message, { cause: missing });
  return build;
}

/**
 * `polyvm compare`'s compiled tier: the program deployed through the caller's runtime (an
 * `SvmRuntime`) into the caller's state; calls are Solana transactions signed by the caller's pubkey.
 */
const svmBinder: RuntimeBinder = {
  runtimeName: 'svm',
  bind(artifact, runtime, state, args, context) {
    if (!(runtime instanceof SvmRuntime)) throw new TypeError('the svm target binds to an SvmRuntime');
    const contract = artifact.ir;
    const ctor = constructorOf(contract);
    const build = checkedBuild(artifact, ctor);
    const { receipt, programId } = deployProgram(runtime, state, build, STATE_ACCOUNT);
    if (programId === null) throw new Error(`svm deploy failed: ${receipt.error?.message}`);
    const tx = callTransaction(state, programId, STATE_ACCOUNT, ctor, args, context);
    const result = callResult(
      contract,
      build.program,
      ctor,
      runtime.execute(state, tx, blockOptions(context)),
    );
    if (result.status !== 'success') return { result, binding: null };
    const binding: RuntimeBinding = {
      target: 'svm',
      codeSize: build.codeSize,
      deployGas: result.gas ?? 0,
      transaction: (fnName, callArgs, callContext) => {
        const fn = findCallable(contract, fnName);
        checkedBuild(artifact, fn);
        const call = callTransaction(state, programId, STATE_ACCOUNT, fn, callArgs, callContext);
        return sizedTransaction(runtime, state, call, callContext);
      },
      options: blockOptions,
      result: (fnName, out) => callResult(contract, build.program, findCallable(contract, fnName), out),
    };
    return { result, binding };
  },
};

export const svmTarget: Target = {
  name: 'svm',
  /** Strict: a program missing any function is not a build (deploy/call run the supported ones). */
  build(artifact: ContractArtifact) {
    const build = buildSvm(artifact.ir);
    const missing = [...build.program.unsupported.values()];
    if (missing.length > 0)
      throw new UnsupportedError(missing.map((e) => e.message).join('\n'), { cause: missing[0] });
    return build;
  },
  deploy(artifact, args, options = {}) {
    const contract = artifact.ir;
    const ctor = constructorOf(contract);
    const build = checkedBuild(artifact, ctor);
    const deployment = new SvmDeployment(contract, build, options.state ?? new JournaledState());
    const { result } = deployment.invoke(ctor, args, options.context);
    return { result, deployment: result.status === 'success' ? deployment : null };
  },
  binder: svmBinder,
};
