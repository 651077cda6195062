export { compileEvm, type EvmProgram } from './compile-contract.js';
export { evmTarget } from './target.js';
