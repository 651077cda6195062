/**
 * @polyvm/evm: a Cancun Ethereum Virtual Machine on @polyvm/core.
 * Layout: decode (opcodes, analysis) → execute (interpreter, gas rules, frames) → host (state,
 * substate) → precompiles → tx (intrinsic gas, fees) → commit (RLP, MPT) → statetest, trace, asm.
 */

export { assemble, deployCode } from './asm/assembler.js';
export { disassemble, formatDisassembly, type Instruction } from './asm/disassembler.js';
export {
  type AbiValue,
  decodeTuple,
  encodeCall,
  encodeTuple,
  formatAbiValue,
  parseSignature,
  selector,
} from './cli/abi.js';
export { commandGroup } from './cli/commands.js';
export {
  type ContractAbi,
  decodeEvent,
  decodeRevertReason,
  EMPTY_ABI,
  parseContractAbi,
} from './cli/contract-abi.js';
export { storageChanges } from './cli/storage-changes.js';
export { EMPTY_TRIE_ROOT, secureTrieRoot, trieRoot } from './commit/mpt.js';
export { decodeRlp, encodeRlp, type RlpInput, type RlpValue } from './commit/rlp.js';
export { ethereumStateRoot, logsHash } from './commit/state-root.js';
export { analyzeCode, type CodeAnalysis } from './decode/analysis.js';
export { OPCODES, type OpcodeInfo, opcodeByName, opcodeInfo, opcodeName } from './decode/opcodes.js';
export { Evm, type EvmStepEvent } from './execute/evm.js';
export type { Message, MessageKind, MessageResult } from './execute/frame.js';
export * as gasRules from './execute/gas-rules.js';
export { create2Address, createAddress } from './execute/system.js';
export { DEFAULT_FORK, FORKS, type Fork, forkAtLeast, isFork } from './fork.js';
export { CANCUN_GAS_SCHEDULE } from './gas-schedule.js';
export type { BlockEnv, EvmBlockContext, TxEnv } from './host/env.js';
export { type Log, Substate } from './host/substate.js';
export {
  type Account,
  addressBytes,
  addressWord,
  EMPTY_CODE_HASH,
  NS_ACCOUNT,
  NS_CODE,
  NS_STORAGE,
  NS_TRANSIENT,
  World,
} from './host/world.js';
export {
  PRECOMPILE_COUNT,
  type Precompile,
  PrecompileFailure,
  type PrecompileResult,
  precompileAt,
  precompileCount,
} from './precompiles/index.js';
export { type EvmExecuteOptions, EvmRuntime, type EvmRuntimeOptions, runtimeFactory } from './runtime.js';
export type { PostEntry, StateTest, StateTestFile } from './statetest/format.js';
export { type CaseResult, collectFiles, runCase, runFile } from './statetest/runner.js';
export { eip3155Line, eip3155Summary, eip3155Tracer } from './trace/eip3155.js';
export { type ApplyOptions, applyTransaction, blockEnv, type TxOutcome } from './tx/apply.js';
export {
  applyAuthorizations,
  PER_AUTH_BASE_COST,
  PER_EMPTY_ACCOUNT_COST,
  recoverAuthority,
  SET_CODE_TX_MAGIC,
} from './tx/authorization.js';
export { applyBeaconRoot, BEACON_ROOTS_ADDRESS, SYSTEM_ADDRESS } from './tx/beacon-root.js';
export {
  calldataFloorGas,
  calldataTokens,
  STANDARD_TOKEN_COST,
  TOTAL_COST_FLOOR_PER_TOKEN,
} from './tx/calldata-floor.js';
export { DELEGATION_PREFIX, delegatedAddress, delegationCode } from './tx/delegation.js';
export { applyParentBlockHash, HISTORY_SERVE_WINDOW, HISTORY_STORAGE_ADDRESS } from './tx/history-storage.js';
export { intrinsicGas } from './tx/intrinsic.js';
export type { AccessListEntry, Authorization, EvmTxPayload } from './tx/types.js';
