/**
 * V8's structural limits (`src/wasm/wasm-limits.h`: kV8MaxWasmImports, kV8MaxWasmExports,
 * kV8MaxWasmFunctionBrTableSize, kV8MaxWasmModuleSize, kV8MaxWasmFunctionParams,
 * kV8MaxWasmFunctionReturns). V8 refuses modules beyond them, so the
 * decoder and validator refuse them up front instead of after instrumenting.
 */
export const V8_LIMITS = Object.freeze({
  maxImports: 100_000,
  maxExports: 100_000,
  maxBrTableTargets: 65_520,
  maxModuleBytes: 1024 * 1024 * 1024,
  maxFunctionParams: 1000,
  maxFunctionResults: 1000,
});
