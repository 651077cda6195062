import './webassembly.js';
import { DecodeError, ValidationError } from '@polyvm/core';
import { instrumentModule } from '../instrument/module.js';
import { decodeModule } from '../module/decode.js';
import type { WasmModule } from '../module/types.js';
import type { WasmProfile } from '../profile.js';
import type { FunctionCode } from '../validate/code.js';
import { validateModule } from '../validate/module.js';

/** A module taken through decode → validate → instrument, ready for V8. */
export interface PreparedModule {
  module: WasmModule;
  codes: FunctionCode[];
  /** The re-encoded, metered binary. */
  instrumented: Uint8Array;
}

/** Decode, validate under the profile's rules, then instrument. Throws DecodeError/ValidationError. */
export function prepareModule(bytes: Uint8Array, profile: WasmProfile): PreparedModule {
  // Before any work: decoding, validating and instrumenting cost time and memory linear in the size.
  const max = profile.limits.maxModuleBytes;
  if (bytes.length > max) {
    throw new ValidationError(`module is ${bytes.length} bytes, the ${profile.name} profile allows ${max}`, {
      details: { size: bytes.length, limit: max },
    });
  }
  const module = decodeModule(bytes);
  const codes = validateModule(module, { features: profile.features, limits: profile.limits });
  const instrumented = instrumentModule(module, codes, profile.instrument);
  return { module, codes, instrumented };
}

/** Compiles instrumented bytes on V8; a rejection here means the instrumenter emitted something wrong. */
export function compileInstrumented(prepared: PreparedModule): WebAssembly.Module {
  try {
    return new WebAssembly.Module(prepared.instrumented);
  } catch (cause) {
    throw new ValidationError(`V8 rejected the instrumented module: ${(cause as Error).message}`, { cause });
  }
}

export function isRejection(err: unknown): err is DecodeError | ValidationError {
  return err instanceof DecodeError || err instanceof ValidationError;
}
