/**
 * The `svm` target: builds an sBPF v0 ELF with svm-lite's assembler and ELF writer, deploys it on
 * `@polyvm/svm-lite` next to a program-owned state account, and calls functions with Anchor-style
 * instruction data (discriminator + Borsh). Custom error codes map back to Solidity reasons.
 */
import { addressFromNumber, concatBytes, equalBytes, JournaledState, UnsupportedError } from '@polyvm/core';
import {
  assemble,
  InstructionError,
  minimumBalance,
  readAccount,
  SvmRuntime,
  walletAccount,
  writeAccount,
  writeElf,
} from '@polyvm/svm-lite';
import type { AbiValue } from '../abi/codec.js';
import type { DecodedRevert } from '../abi/revert.js';
import type { ContractArtifact } from '../compile.js';
import { constructorOf, type IrContract, type IrFunction } from '../ir/contract.js';
import type { IrType } from '../ir/types.js';
import { findCallable } from '../target/calls.js';
import { toAbiValue } from '../target/js-values.js';
import type { CallResult, DecodedEvent, Deployment, JsValue, Target, TargetBuild } from '../target/target.js';
import { generateProgram, type SvmProgram } from './codegen.js';
import { buildIdl, type SvmIdl } from './idl.js';
import {
  CUSTOM_BASE,
  discriminator,
  ERR,
  eventDiscriminator,
  PANIC_BASE,
  REASON_BASE,
  scalarWidth,
  stateSize,
} from './layout.js';

/** agave's default per-instruction compute budget (`DEFAULT_INSTRUCTION_COMPUTE_UNIT_LIMIT`, 200 000 CU). */
export const SVM_CU_LIMIT = 200_000n;
export const PAYER = addressFromNumber(0xfee, 32);
export const STATE_ACCOUNT = addressFromNumber(0x57a7e, 32);

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

/** Instruction data: the function's discriminator, then its arguments in Borsh (little-endian, bool 0/1). */
export function instructionData(fn: IrFunction, args: readonly JsValue[]): Uint8Array {
  if (args.length !== fn.params.length)
    throw new TypeError(`${fn.name}: expected ${fn.params.length} arguments`);
  const parts = [discriminator(fn)];
  fn.params.forEach((p, i) => {
    const width = scalarWidth(p.type, `parameter ${p.name}`);
    const value = toAbiValue(p.type, args[i]!) as bigint;
    const bytes = new Uint8Array(width);
    for (let b = 0; b < width; b++) bytes[b] = Number((value >> BigInt(8 * b)) & 0xffn);
    parts.push(bytes);
  });
  return concatBytes(...parts);
}

/** Borsh-decodes scalars of `types` from `data`. */
function decodeBorsh(types: readonly IrType[], data: Uint8Array, from = 0): AbiValue[] {
  let at = from;
  return types.map((type) => {
    const width = scalarWidth(type, 'value');
    let value = 0n;
    for (let b = width - 1; b >= 0; b--) value = (value << 8n) | BigInt(data[at + b] ?? 0);
    at += width;
    return type.kind === 'int' ? BigInt.asIntN(8 * width, value) : value;
  });
}

/** Events from the "Program data: <base64>" lines `sol_log_data` wrote (Anchor's `emit!` layout). */
function decodeEvents(contract: IrContract, logs: readonly string[]): DecodedEvent[] {
  const events: DecodedEvent[] = [];
  for (const line of logs) {
    if (!line.startsWith('Program data: ')) continue;
    const data = Uint8Array.from(Buffer.from(line.slice('Program data: '.length), 'base64'));
    const event = contract.events.find((e) => equalBytes(eventDiscriminator(e), data.subarray(0, 8)));
    if (event === undefined) continue;
    const types = event.params.map((p) => p.type);
    events.push({ name: event.name, signature: event.signature, args: decodeBorsh(types, data, 8) });
  }
  return events;
}

/** Maps a custom program error code back to the Solidity revert it stands for. */
export function revertOf(contract: IrContract, program: SvmProgram, code: number): DecodedRevert {
  if (code === ERR.emptyRevert) return { kind: 'empty' };
  if (code >= CUSTOM_BASE && code - CUSTOM_BASE < program.customErrors.length) {
    const name = program.customErrors[code - CUSTOM_BASE]!;
    return {
      kind: 'custom',
      name: contract.errors.find((e) => e.signature === name)?.name ?? name,
      args: [],
    };
  }
  if (code >= REASON_BASE && code - REASON_BASE < program.reasons.length)
    return { kind: 'error', message: program.reasons[code - REASON_BASE]! };
  if (code >= PANIC_BASE && code < PANIC_BASE + 0x100) return { kind: 'panic', code: code - PANIC_BASE };
  return { kind: 'raw', data: `custom program error: 0x${code.toString(16)}` };
}

export interface Invocation {
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
    writeAccount(state, PAYER, walletAccount(1_000_000_000_000n));
    const receipt = this.runtime.deploy(state, {
      sender: PAYER,
      code: build.code,
      gasLimit: 0n,
      ...(address ? { address } : {}),
    });
    if (receipt.status !== 'success' || receipt.createdAddress === undefined)
      throw new Error(`svm deploy failed: ${receipt.error?.message}`);
    this.programId = receipt.createdAddress;
    const size = stateSize(contract);
    writeAccount(state, STATE_ACCOUNT, {
      lamports: minimumBalance(size),
      owner: this.programId,
      executable: false,
      rentEpoch: 0n,
      data: new Uint8Array(size),
    });
  }

  invoke(fn: IrFunction, args: readonly JsValue[]): Invocation {
    const unsupported = this.build.program.unsupported.get(fn.id);
    if (unsupported) throw unsupported;
    const receipt = this.runtime.execute(this.state, {
      sender: PAYER,
      to: this.programId,
      input: instructionData(fn, args),
      value: 0n,
      gasLimit: SVM_CU_LIMIT,
      nonce: 0n,
      payload: { accounts: [{ pubkey: STATE_ACCOUNT, isSigner: false, isWritable: true }] },
    });
    const returnData = receipt.returnData ?? new Uint8Array();
    const error = receipt.error;
    // The receipt names the failing instruction (`InstructionError(i, Custom(n))`): the program's own
    // error is the cause.
    const failure = error instanceof InstructionError ? error : error?.cause;
    const revert =
      receipt.status === 'revert' && failure instanceof InstructionError && failure.custom !== undefined
        ? revertOf(this.contract, this.build.program, failure.custom)
        : null;
    const status = receipt.status === 'invalid' ? 'error' : receipt.status;
    const result: CallResult = {
      status,
      revert,
      returns:
        status === 'success' && fn.kind !== 'constructor'
          ? decodeBorsh(
              fn.returns.map((r) => r.type),
              returnData,
            )
          : [],
      events: status === 'success' ? decodeEvents(this.contract, receipt.logs ?? []) : [],
      gas: receipt.gasUsed,
      ...(error && status !== 'revert' ? { message: error.message } : {}),
    };
    return { result, logs: receipt.logs ?? [], returnData };
  }

  call(fnName: string, args: readonly JsValue[]): CallResult {
    return this.invoke(findCallable(this.contract, fnName), args).result;
  }

  /** The state account's data (layout in layout.ts), not solc's slots: null as `Deployment` defines. */
  storage(): null {
    return null;
  }

  stateData(): Uint8Array {
    return readAccount(this.state, STATE_ACCOUNT)?.data ?? new Uint8Array();
  }
}

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
    const build = buildSvm(contract);
    const ctorUnsupported = build.program.unsupported.get(ctor.id);
    if (ctorUnsupported) throw new UnsupportedError(ctorUnsupported.message, { cause: ctorUnsupported });
    const deployment = new SvmDeployment(contract, build, options.state ?? new JournaledState());
    const { result } = deployment.invoke(ctor, args);
    return { result, deployment: result.status === 'success' ? deployment : null };
  },
};
