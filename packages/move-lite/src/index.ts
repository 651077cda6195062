export { type AssembleOptions, assemble, assembleToBytes, assembleUnit } from './asm/assemble.js';
export { type DisassembleOptions, disassemble, formatInstruction } from './asm/disassemble.js';
export {
  type DecodeOptions,
  deserialize,
  deserializeModule,
  deserializeScript,
  MAX_VERSION,
  MIN_VERSION,
  MOVE_MAGIC,
} from './binary/deserialize.js';
export { IntKind } from './binary/int-kinds.js';
export { OPCODES, type OpcodeInfo, opcodeByName, opcodeInfo } from './binary/opcodes.js';
export { serialize } from './binary/serialize.js';
export * from './binary/types.js';
export { commandGroup } from './cli/commands.js';
export {
  type MoveCallPayload,
  type MovePayload,
  MoveRuntime,
  type MoveRuntimeOptions,
  type MoveScriptPayload,
  runtimeFactory,
} from './runtime.js';
export { publishStdlib, STDLIB_SOURCES } from './stdlib.js';
export { publishFolder } from './testing/publish.js';
export type { FunctionFacts } from './verify/type-check.js';
export { type VerifiedModule, verify, verifyModule, verifyScript } from './verify/verifier.js';
export { bcsDecode, bcsEncode, formatType, structTagBytes } from './vm/bcs.js';
export { MoveAbort } from './vm/errors.js';
export { MOVE_GAS_SCHEDULE } from './vm/gas.js';
export { MODULE_NAMESPACE, moduleKey } from './vm/loader.js';
export { SCRIPT_MODULE_NAME, scriptAsModule } from './vm/script.js';
export { RESOURCE_NAMESPACE } from './vm/storage.js';
export type { RType, Value } from './vm/value.js';
