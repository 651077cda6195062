import type { CommandGroup } from '@polyvm/core';
import { inspectCommand } from './cli/inspect.js';
import { runCommand } from './cli/run.js';
import { specCommand } from './cli/spec.js';
import { traceCommand } from './cli/trace.js';

export const commandGroup: CommandGroup = {
  name: 'wasm',
  summary: 'WebAssembly contracts (NEAR and CosmWasm profiles): run, inspect, trace, spec conformance',
  commands: [runCommand, inspectCommand, traceCommand, specCommand],
};
