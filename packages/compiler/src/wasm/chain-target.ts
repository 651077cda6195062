/**
 * A `Target` over a chain runtime of @polyvm/wasm: deploy/call on its own runtime and state, or bind
 * to a caller-owned one (`RuntimeBinder`, for `polyvm compare`). What differs per chain — the
 * runtime, the deploy request, the call transaction and reading a receipt back — is a `ChainSpec`.
 */
import {
  type DeployRequest,
  type ExecuteOptions,
  JournaledState,
  type Receipt,
  type Runtime,
  type Transaction,
} from '@polyvm/core';
import type { ContractArtifact } from '../compile.js';
import { constructorOf, type IrContract, type IrFunction } from '../ir/contract.js';
import { findCallable } from '../target/calls.js';
import {
  type CallContext,
  type CallResult,
  DEFAULT_CONTEXT,
  type Deployment,
  type JsValue,
  type RuntimeBinding,
  type Target,
  type TargetBuild,
} from '../target/target.js';
import type { WasmModule } from './compile-module.js';
import { solcStorage } from './solc-storage.js';

export interface ChainSpec<P, D = unknown> {
  /** The @polyvm/core registry name of the runtime (`wasm`, `cosmwasm`). */
  readonly runtimeName: string;
  /** The state namespace the runtime keeps contract storage in (keys: contract address ‖ storage key). */
  readonly storageNamespace: string;
  createRuntime(): Runtime<P, D>;
  deployRequest(
    ir: IrContract,
    module: WasmModule,
    args: readonly JsValue[],
    context: CallContext,
  ): DeployRequest<D>;
  transaction(
    ir: IrContract,
    module: WasmModule,
    fn: IrFunction,
    args: readonly JsValue[],
    context: CallContext,
  ): Transaction<P>;
  options(context: CallContext): ExecuteOptions;
  result(ir: IrContract, fn: IrFunction, receipt: Receipt): CallResult;
}

/** The 32-byte account of a 20-byte Solidity address: 12 zero bytes ‖ the address. */
export function accountBytes(address: bigint): Uint8Array {
  const bytes = new Uint8Array(32);
  for (let i = 31, v = address; i >= 12; i--, v >>= 8n) bytes[i] = Number(v & 0xffn);
  return bytes;
}

function binding<P, D>(
  spec: ChainSpec<P, D>,
  name: string,
  ir: IrContract,
  module: WasmModule,
  deploy: Receipt,
): RuntimeBinding {
  return {
    target: name,
    codeSize: module.wasm.length,
    deployGas: deploy.gasUsed,
    transaction: (fnName, args, context) =>
      spec.transaction(ir, module, findCallable(ir, fnName), args, {
        ...DEFAULT_CONTEXT,
        ...context,
      }) as Transaction,
    options: (context) => spec.options({ ...DEFAULT_CONTEXT, ...context }),
    result: (fnName, receipt) => spec.result(ir, findCallable(ir, fnName), receipt),
  };
}

/** A target compiling with `compile` and running on `spec`'s chain. */
export function chainTarget<P, D>(
  name: string,
  spec: ChainSpec<P, D>,
  compile: (artifact: ContractArtifact) => WasmModule,
): Target {
  const build = (artifact: ContractArtifact): TargetBuild => {
    const module = compile(artifact);
    return { code: module.wasm, codeSize: module.wasm.length, listing: { format: 'wat', text: module.wat } };
  };
  const deployWith = async (
    artifact: ContractArtifact,
    runtime: Runtime<P, D>,
    state: JournaledState,
    args: readonly JsValue[],
    deployContext: Partial<CallContext> | undefined,
  ) => {
    const ir = artifact.ir;
    const module = compile(artifact);
    const context = { ...DEFAULT_CONTEXT, ...deployContext };
    const receipt = await runtime.deploy(
      state,
      spec.deployRequest(ir, module, args, context),
      spec.options(context),
    );
    const result = spec.result(ir, constructorOf(ir), receipt);
    return { result, module, receipt };
  };
  return {
    name,
    build,
    deploy(artifact, args, options = {}) {
      const ir = artifact.ir;
      const runtime = spec.createRuntime();
      const state = options.state ?? new JournaledState();
      const module = compile(artifact);
      const context = { ...DEFAULT_CONTEXT, ...options.context };
      const request = spec.deployRequest(ir, module, args, context);
      const receipt = runtime.deploy(state, request, spec.options(context)) as Receipt;
      const result = spec.result(ir, constructorOf(ir), receipt);
      if (receipt.status !== 'success') return { result, deployment: null };
      const deployment: Deployment = {
        target: name,
        call(fnName, callArgs, callContext) {
          const full = { ...DEFAULT_CONTEXT, ...callContext };
          const fn = findCallable(ir, fnName);
          const tx = spec.transaction(ir, module, fn, callArgs, full);
          return spec.result(ir, fn, runtime.execute(state, tx, spec.options(full)) as Receipt);
        },
        // Storage is keyed by path (README); read back as solc would lay out the same values.
        storage: () => {
          const contract = receipt.createdAddress ?? request.address;
          if (contract === undefined) throw new Error(`${name}: the deployment has no contract address`);
          const keys = state.keysWithPrefix(spec.storageNamespace, contract);
          return solcStorage(
            ir,
            keys.map((k) => [k.subarray(contract.length), state.get(spec.storageNamespace, k)!] as const),
          );
        },
      };
      return { result, deployment };
    },
    binder: {
      runtimeName: spec.runtimeName,
      async bind(artifact, runtime, state, args, deployContext) {
        const deployed = await deployWith(artifact, runtime as Runtime<P, D>, state, args, deployContext);
        if (deployed.receipt.status !== 'success') return { result: deployed.result, binding: null };
        return {
          result: deployed.result,
          binding: binding(spec, name, artifact.ir, deployed.module, deployed.receipt),
        };
      },
    },
  };
}
