export { WORKLOADS, workloadSpec } from './spec.js';
export {
  buildCatalog,
  catalogRuntimes,
  findImplementation,
  findSpec,
  implementedWorkloads,
  lookupImplementation,
  type WorkloadCatalog,
} from './catalog.js';
