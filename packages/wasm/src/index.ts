export { ascToWasm } from './assemblyscript.js';
export { ByteReader } from './binary/reader.js';
export { ByteWriter } from './binary/writer.js';
export { commandGroup } from './command.js';
export { checkCosmWasmAbi, ENTRY_POINTS, type EntryPoint } from './cosmwasm/abi.js';
export { bech32Decode, bech32Encode } from './cosmwasm/bech32.js';
export { COSMWASM_CAPABILITIES } from './cosmwasm/capabilities.js';
export {
  ADDRESS_PREFIX,
  COSMWASM_STORAGE,
  CosmWasmHost,
  canonicalAddress,
  humanAddress,
} from './cosmwasm/host.js';
export {
  COSMWASM_CODE,
  type CosmWasmCallPayload,
  CosmWasmRuntime,
  cosmwasmRuntimeFactory,
} from './cosmwasm/runtime.js';
export { compileInstrumented, type PreparedModule, prepareModule } from './engine/compile.js';
export { WasmGas } from './engine/meter.js';
export { GuestAbort } from './engine/outcome.js';
export { COSMWASM_COSTS, COSMWASM_OP_COSTS, COSMWASM_SCHEDULE, GAS_PER_OPERATION } from './gas/cosmwasm.js';
export { NEAR_COSTS, NEAR_LIMITS, NEAR_OP_COSTS, NEAR_SCHEDULE } from './gas/near.js';
export { instrumentModule } from './instrument/module.js';
export { GAS_EXPORT, type InstrumentOptions, STACK_EXPORT, START_EXPORT } from './instrument/options.js';
export { decodeModule } from './module/decode.js';
export { functionNames } from './module/names.js';
export { OP, opName } from './module/opcodes.js';
export * from './module/types.js';
export { checkNearAbi, checkNearMethod, NEAR_HOST_FUNCTIONS } from './near/abi.js';
export { accountIdToAddress, addressToAccountId, isValidAccountId } from './near/account.js';
export { NEAR_STORAGE, NearHost } from './near/host.js';
export {
  NEAR_CODE,
  type NearCallPayload,
  type NearDeployPayload,
  NearRuntime,
  runtimeFactory,
} from './near/runtime.js';
export { COSMWASM_PROFILE, NEAR_PROFILE, SPEC_PROFILE, type WasmProfile } from './profile.js';
export { KNOWN_DIVERGENCES, runSpecScript, type SpecMode, type SpecReport } from './spec/runner.js';
export { formatSuite, runSpecSuite, type SuiteReport } from './spec/suite.js';
export type { FunctionCode } from './validate/code.js';
export { ENGINE_LIMITS, type ModuleLimits, MVP_FEATURES, type WasmFeatures } from './validate/features.js';
export { validateModule } from './validate/module.js';
export { watToWasm } from './wat.js';
