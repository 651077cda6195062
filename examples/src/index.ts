export {
  buildCatalog,
  catalogRuntimes,
  findImplementation,
  findSpec,
  implementedWorkloads,
  lookupImplementation,
  type WorkloadCatalog,
} from './catalog.js';
export { COMPILED_SPECS, compiledWorkloads, isCompiledWorkload } from './compiled/index.js';
export { workloads as evmWorkloads } from './evm/index.js';
export { workloads as moveWorkloads } from './move/index.js';
export { WORKLOADS, workloadSpec } from './spec.js';
export { workloads as svmWorkloads } from './svm/index.js';
export {
  assertSizeInRange,
  findSizedWorkload,
  maxSizeFor,
  SIZED_WORKLOADS,
  type SizedWorkload,
  type SizeParameter,
} from './sweep/sized.js';
export { cosmwasmWorkloads } from './wasm/cosmwasm-workloads.js';
export { workloads as wasmWorkloads } from './wasm/index.js';
