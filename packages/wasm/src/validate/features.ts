import { V8_LIMITS } from '../module/v8-limits.js';

/** Post-MVP features a profile may accept. Sign-extension, saturating truncation and bulk memory are always on. */
export interface WasmFeatures {
  /** Block types naming a function type (multi-value proposal, Wasm 2.0). */
  multiValue: boolean;
}

export const MVP_FEATURES: Readonly<WasmFeatures> = Object.freeze({ multiValue: false });

/** Structural limits a chain imposes on top of the spec's own. */
export interface ModuleLimits {
  maxFunctions: number;
  /** Params plus declared locals of one function. */
  maxLocalsPerFunction: number;
  maxMemoryPages: number;
  maxTableSize: number;
  /** Checked before anything is decoded, so preparing a module is bounded by this. */
  maxModuleBytes: number;
}

/**
 * Engine-level limits (V8's kV8MaxWasm* constants, the same as the JS-API limits section of the spec
 * draft): modules beyond them cannot be compiled anyway, so they are rejected up front.
 */
export const ENGINE_LIMITS: Readonly<ModuleLimits> = Object.freeze({
  maxFunctions: 1_000_000,
  maxLocalsPerFunction: 50_000,
  maxMemoryPages: 65_536,
  maxTableSize: 10_000_000,
  maxModuleBytes: V8_LIMITS.maxModuleBytes,
});
