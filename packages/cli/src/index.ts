export {
  expectPositionals,
  type FlagSpec,
  integerFlag,
  listFlag,
  type ParsedArgs,
  parseArgs,
  stringFlag,
  switchFlag,
} from './args.js';
export { BUILTINS, runCli } from './cli.js';
export type { CliCommand } from './command.js';
export { COMPARE_DEFAULTS } from './commands/compare-defaults.js';
export { DEFAULT_TRACE_LIMIT } from './commands/trace.js';
export {
  blankResult,
  buildReport,
  type CompareSelection,
  runDifferential,
  runMeasurements,
} from './compare/matrix.js';
export { type RuntimeSummary, summarizeRuntimes } from './compare/runtime-summary.js';
export { BUILTIN_COMMANDS, type CliContext, type ContextParts, createContext } from './context.js';
export { formatError } from './error-message.js';
export { type CliIO, memoryIO, processIO } from './io.js';
export { createProgress, type Progress } from './progress.js';
export { renderHtml } from './report/html.js';
export { markdownTable, renderMarkdown, renderSummary } from './report/markdown.js';
export {
  type BarChart,
  chooseScale,
  renderBarChart,
  renderShareChart,
  type ShareChart,
} from './report/svg-chart.js';
export { UsageError } from './usage-error.js';
export { defaultContext } from './wiring.js';
