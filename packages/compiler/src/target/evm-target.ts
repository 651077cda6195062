/**
 * EVM targets: deploy init code on polyvm's EVM (`@polyvm/evm`, Cancun) in a `JournaledState` and call
 * it with ABI call data. `evm-solc` deploys solc's optimized bytecode; polyvm's own EVM code generator
 * plugs in through `evmBytecodeTarget` with its own init code.
 */
import { concatBytes, JournaledState, type Receipt, type Transaction } from '@polyvm/core';
import { addressWord, EvmRuntime, World } from '@polyvm/evm';
import { wordBytes } from '../abi/codec.js';
import type { ContractArtifact } from '../compile.js';
import { abiCallResult, encodeCall, encodeConstructorArgs, findCallable } from './calls.js';
import {
  type CallContext,
  type CallResult,
  DEFAULT_CONTEXT,
  type Deployment,
  type JsValue,
  type RuntimeBinding,
  type Target,
  type TargetBuild,
} from './target.js';

/** Per-transaction gas limit: Ethereum's 30M block gas limit. */
export const EVM_GAS_LIMIT = 30_000_000n;

function address(value: bigint): Uint8Array {
  return wordBytes(value).subarray(12);
}

function options(context: CallContext) {
  return { block: { height: context.blockNumber, timestamp: context.timestamp, chainId: 1n } };
}

/** The receipt of a deployment or call as a target-neutral result (`fn` null for the constructor). */
function receiptResult(artifact: ContractArtifact, fnName: string | null, receipt: Receipt): CallResult {
  const fn = fnName === null ? null : findCallable(artifact.ir, fnName);
  const status = receipt.status === 'invalid' ? 'error' : receipt.status;
  return abiCallResult(
    artifact.ir,
    fn,
    status,
    receipt.returnData,
    receipt.events,
    receipt.gasUsed,
    receipt.error?.message,
  );
}

function deployRequest(
  build: TargetBuild,
  artifact: ContractArtifact,
  args: readonly JsValue[],
  context: CallContext,
) {
  const code = concatBytes(build.code, encodeConstructorArgs(artifact.ir, args));
  return { sender: address(context.sender), code, gasLimit: EVM_GAS_LIMIT };
}

/** An Ethereum transaction calling `fnName` on `to`, from `context.sender` at its current nonce. */
function callTransaction(
  artifact: ContractArtifact,
  to: Uint8Array,
  state: JournaledState,
  fnName: string,
  args: readonly JsValue[],
  callContext?: Partial<CallContext>,
): Transaction<never> {
  const sender = address({ ...DEFAULT_CONTEXT, ...callContext }.sender);
  const nonce = new World(state).accountOrEmpty(addressWord(sender)).nonce;
  const { calldata } = encodeCall(artifact.ir, fnName, args);
  return { sender, to, input: calldata, value: 0n, gasLimit: EVM_GAS_LIMIT, nonce };
}

/**
 * A deployment's receipt as the target-neutral result, and on success the binding that calls the
 * created contract with Ethereum transactions from `context.sender` at its current nonce.
 */
function deployed(
  name: string,
  artifact: ContractArtifact,
  codeSize: number,
  receipt: Receipt,
  state: JournaledState,
): { result: CallResult; binding: RuntimeBinding | null } {
  const result = receiptResult(artifact, null, receipt);
  const to = receipt.createdAddress;
  if (receipt.status !== 'success' || to === undefined) return { result, binding: null };
  return {
    result,
    binding: {
      target: name,
      codeSize,
      deployGas: receipt.gasUsed,
      transaction: (fnName, args, callContext) =>
        callTransaction(artifact, to, state, fnName, args, callContext),
      options: (callContext) => options({ ...DEFAULT_CONTEXT, ...callContext }),
      result: (fnName, out) => receiptResult(artifact, fnName, out),
    },
  };
}

/** A target that deploys EVM init code produced by `build` (runtime code size reported separately). */
export function evmBytecodeTarget(name: string, build: (artifact: ContractArtifact) => TargetBuild): Target {
  return {
    name,
    build,
    deploy(artifact, args, deployOptions = {}) {
      const runtime = new EvmRuntime();
      const state = deployOptions.state ?? new JournaledState();
      const context = { ...DEFAULT_CONTEXT, ...deployOptions.context };
      const built = build(artifact);
      const receipt = runtime.deploy(state, deployRequest(built, artifact, args, context), options(context));
      const { result, binding: calls } = deployed(name, artifact, built.codeSize, receipt, state);
      const created = receipt.createdAddress;
      if (calls === null || created === undefined) return { result, deployment: null };
      const deployment: Deployment = {
        target: name,
        call(fnName, callArgs, callContext) {
          const tx = callTransaction(artifact, created, state, fnName, callArgs, callContext);
          const out = runtime.execute(state, tx, calls.options(callContext));
          return calls.result(fnName, out);
        },
        storage: () => new Map(new World(state).storageOf(addressWord(created))),
      };
      return { result, deployment };
    },
    binder: {
      runtimeName: 'evm',
      async bind(artifact, runtime, state, args, deployContext) {
        const context = { ...DEFAULT_CONTEXT, ...deployContext };
        const built = build(artifact);
        const receipt = await runtime.deploy(
          state,
          deployRequest(built, artifact, args, context),
          options(context),
        );
        return deployed(name, artifact, built.codeSize, receipt, state);
      },
    },
  };
}

/** solc's optimized bytecode: what a Solidity developer deploys. */
export const evmSolcTarget: Target = evmBytecodeTarget('evm-solc', (artifact) => ({
  code: artifact.solcBytecode,
  codeSize: artifact.solcDeployedBytecode.length,
}));
