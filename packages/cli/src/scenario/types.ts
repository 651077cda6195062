/** A scenario as `polyvm run` reads it; the shape is published in schema/scenario.schema.json. */

export const SCENARIO_VMS = ['evm', 'near', 'cosmwasm', 'move', 'svm'] as const;
export type ScenarioVm = (typeof SCENARIO_VMS)[number];

export interface EvmArtifact {
  bytecode?: string;
  runtime?: string;
  asm?: string;
  solc?: string;
  contract?: string;
  abi?: string;
  constructorSignature?: string;
  /** Constructor in polyvm EVM assembly, run before `asm` is installed. */
  constructorAsm?: string;
}

export interface WasmArtifact {
  wasm: string;
  /** The contract's account id (NEAR) or the id its CosmWasm address derives from; default `<name>.contract.near`. */
  account?: string;
}

export interface CosmWasmArtifact extends WasmArtifact {
  /** Capabilities the chain offers besides polyvm's own (wasmd `AvailableCapabilities`), e.g. `iterator`. */
  capabilities?: string[];
}

export interface MoveArtifact {
  module: string;
  deps?: string;
  stdlib?: boolean;
  /** Only these polyvm stdlib modules, in order, instead of all of them. */
  stdlibModules?: string[];
  addressWidth?: 16 | 32;
}

export interface SvmArtifact {
  program: string;
  /** Base58 address to deploy at, for programs that check their own id; else derived from the name. */
  programId?: string;
  idl?: string;
  accounts?: Record<string, { data?: string; size?: number; lamports?: number; seeds?: string[] }>;
}

export interface ContractSpec {
  evm?: EvmArtifact;
  near?: WasmArtifact;
  cosmwasm?: CosmWasmArtifact;
  move?: MoveArtifact;
  svm?: SvmArtifact;
}

export interface StepExpectation {
  status?: string;
  reason?: string;
  return?: Partial<Record<ScenarioVm, unknown>>;
  events?: Partial<Record<ScenarioVm, number>>;
  storage?: Record<string, string | number>;
  accounts?: Record<string, string>;
}

export interface Step {
  name?: string;
  deploy?: string;
  call?: string;
  caller?: string;
  /** Only on these VMs (set-up one chain needs and the others do not). */
  vms?: ScenarioVm[];
  value?: string;
  gas?: string;
  /** The transaction `compare` measures when the scenario implements a `workload`. */
  measure?: boolean;
  evm?: { function?: string; args?: unknown[]; returns?: string[]; data?: string };
  near?: { method?: string; args?: unknown; data?: string };
  cosmwasm?: { entry?: string; msg?: unknown };
  move?: { function?: string; typeArgs?: string[]; args?: string[] };
  svm?: { data?: string; instruction?: string; args?: Record<string, unknown>; accounts?: string[] };
  expect?: StepExpectation;
}

/** How each VM's value of one logical result is read, and optionally the value every VM must produce. */
export type ResultReaders = Partial<Record<ScenarioVm, string>> & { expected?: string };

export interface Scenario {
  name: string;
  description?: string;
  tier?: 'kernel' | 'compiled' | 'real';
  callers?: string[];
  /** Fixed per-VM addresses of named accounts; other names derive theirs. */
  addresses?: Record<string, { move?: string; evm?: string; svm?: string }>;
  /**
   * The workload this scenario implements: a built-in one (its model is the reference result) or
   * the scenario's own, whose `result` entries declare `expected`.
   */
  workload?: string;
  /** Logical result name → per-VM reader (see the schema), read after the `measure` step. */
  result?: Record<string, ResultReaders>;
  contracts: Record<string, ContractSpec>;
  steps: Step[];
  /** Absolute path of the scenario file; artifact paths are relative to its folder. */
  file: string;
}

/** Whether a step runs on `vm` (steps without `vms` run everywhere). */
export const stepRunsOn = (step: Step, vm: ScenarioVm): boolean =>
  step.vms === undefined || step.vms.includes(vm);

/** The contract a step acts on. */
export const stepContract = (step: Step): string => (step.deploy ?? step.call)!;

/** A step's label in the output: its name, else "deploy x" / "call x". */
export const stepLabel = (step: Step, index: number): string =>
  `${index + 1} ${step.name ?? (step.deploy ? `deploy ${step.deploy}` : `call ${step.call}`)}`;
