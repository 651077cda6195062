/** The `ir` target: the reference interpreter, with storage in solc's slot layout. */

import type { ContractArtifact } from '../compile.js';
import { type IrEnvironment, IrInterpreter } from '../ir/interpreter/interpreter.js';
import { abiCallResult, encodeCall, encodeConstructorArgs } from './calls.js';
import { type CallContext, DEFAULT_CONTEXT, type Deployment, type Target } from './target.js';

function environment(context: Partial<CallContext> | undefined): IrEnvironment {
  const full = { ...DEFAULT_CONTEXT, ...context };
  return { sender: full.sender, blockNumber: full.blockNumber, timestamp: full.timestamp };
}

export const irTarget: Target = {
  name: 'ir',
  build: () => ({ code: new Uint8Array(), codeSize: 0 }),
  deploy(artifact: ContractArtifact, args, options = {}) {
    const ir = artifact.ir;
    const interpreter = new IrInterpreter(ir);
    const outcome = interpreter.deploy(encodeConstructorArgs(ir, args), environment(options.context));
    const result = abiCallResult(ir, null, outcome.status, outcome.returnData, outcome.logs, null);
    if (outcome.status !== 'success') return { result, deployment: null };
    const deployment: Deployment = {
      target: 'ir',
      call(fnName, callArgs, context) {
        const { fn, calldata } = encodeCall(ir, fnName, callArgs);
        const out = interpreter.call(calldata, environment(context));
        return abiCallResult(ir, fn, out.status, out.returnData, out.logs, null);
      },
      storage: () => interpreter.storage,
    };
    return { result, deployment };
  },
};
