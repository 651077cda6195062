export { CONSTRUCTOR_METHOD, compileNear, type NearModule, type SkippedFunction } from './compile-module.js';
export { nearAddress, nearTarget, wasmTarget } from './target.js';
