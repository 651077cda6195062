/**
 * EVM targets: deploy init code on polyvm's EVM (`@polyvm/evm`, Cancun) in a `JournaledState` and call
 * it with ABI call data. `evm-solc` deploys solc's optimized bytecode; polyvm's own EVM code generator
 * plugs in through `evmBytecodeTarget` with its own init code.
 */
import { concatBytes, JournaledState } from '@polyvm/core';
import { addressWord, EvmRuntime, World } from '@polyvm/evm';
import { wordBytes } from '../abi/codec.js';
import type { ContractArtifact } from '../compile.js';
import { abiCallResult, encodeCall, encodeConstructorArgs } from './calls.js';
import {
  type CallContext,
  DEFAULT_CONTEXT,
  type Deployment,
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

/** A target that deploys EVM init code produced by `build` (runtime code size reported separately). */
export function evmBytecodeTarget(name: string, build: (artifact: ContractArtifact) => TargetBuild): Target {
  return {
    name,
    build,
    deploy(artifact, args, deployOptions = {}) {
      const ir = artifact.ir;
      const runtime = new EvmRuntime();
      const state = deployOptions.state ?? new JournaledState();
      const deployContext = { ...DEFAULT_CONTEXT, ...deployOptions.context };
      const init = concatBytes(build(artifact).code, encodeConstructorArgs(ir, args));
      const receipt = runtime.deploy(
        state,
        { sender: address(deployContext.sender), code: init, gasLimit: EVM_GAS_LIMIT },
        options(deployContext),
      );
      const result = abiCallResult(
        ir,
        null,
        receipt.status === 'invalid' ? 'error' : receipt.status,
        receipt.returnData,
        receipt.events,
        receipt.gasUsed,
        receipt.error?.message,
      );
      const created = receipt.createdAddress;
      if (receipt.status !== 'success' || created === undefined) return { result, deployment: null };
      const deployment: Deployment = {
        target: name,
        call(fnName, callArgs, callContext) {
          const context = { ...DEFAULT_CONTEXT, ...callContext };
          const { fn, calldata } = encodeCall(ir, fnName, callArgs);
          const sender = address(context.sender);
          const nonce = new World(state).accountOrEmpty(addressWord(sender)).nonce;
          const out = runtime.execute(
            state,
            { sender, to: created, input: calldata, value: 0n, gasLimit: EVM_GAS_LIMIT, nonce },
            options(context),
          );
          const status = out.status === 'invalid' ? 'error' : out.status;
          return abiCallResult(ir, fn, status, out.returnData, out.events, out.gasUsed, out.error?.message);
        },
        storage: () => new Map(new World(state).storageOf(addressWord(created))),
      };
      return { result, deployment };
    },
  };
}

/** solc's optimized bytecode: what a Solidity developer deploys. */
export const evmSolcTarget: Target = evmBytecodeTarget('evm-solc', (artifact) => ({
  code: artifact.solcBytecode,
  codeSize: artifact.solcDeployedBytecode.length,
}));
