import type { WasmGas } from '../engine/meter.js';
import { actionFee, NEAR_FEES as F } from '../gas/near.js';

/** One transaction-level fee: what NEAR burns for the receipt and its actions, besides execution. */
export interface FeeLine {
  name: string;
  gas: number;
}

const utf8Length = (s: string) => new TextEncoder().encode(s).length;

/** Every transaction becomes one action receipt. */
export function receiptFee(signerIsReceiver: boolean): FeeLine {
  return { name: 'action_receipt_creation', gas: actionFee(F.actionReceiptCreation, signerIsReceiver) };
}

/** A FunctionCall action: a base fee plus a per-byte fee on method name + arguments. */
export function functionCallFees(method: string, argsBytes: number, signerIsReceiver: boolean): FeeLine[] {
  return [
    { name: 'action_function_call', gas: actionFee(F.functionCall, signerIsReceiver) },
    {
      name: 'action_function_call_per_byte',
      gas: actionFee(F.functionCallPerByte, signerIsReceiver, utf8Length(method) + argsBytes),
    },
  ];
}

/** A DeployContract action: a base fee plus a per-byte fee on the code. */
export function deployFees(codeBytes: number, signerIsReceiver: boolean): FeeLine[] {
  return [
    { name: 'action_deploy_contract', gas: actionFee(F.deployContract, signerIsReceiver) },
    {
      name: 'action_deploy_contract_per_byte',
      gas: actionFee(F.deployContractPerByte, signerIsReceiver, codeBytes),
    },
  ];
}

/**
 * Charges the fees before the contract runs, in the receipt's `call` category (send and execution
 * parts together, as the gas a transaction burns), so `gasUsed` is what NEAR burns for the whole
 * transaction and `gasBreakdown.call` is the transaction-level part.
 */
export function chargeFees(gas: WasmGas, lines: FeeLine[]): void {
  for (const line of lines) gas.charge(line.gas, 'call', line.name);
}
