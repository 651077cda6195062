export { compileCosmWasm, compileNear, type SkippedFunction, type WasmModule } from './compile-module.js';
export { cosmwasmTarget } from './cosmwasm-target.js';
export { CONSTRUCTOR_METHOD } from './near-profile.js';
export { nearAddress, nearTarget, wasmTarget } from './target.js';
