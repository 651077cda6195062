import { DecodeError } from '@polyvm/core';

type Wabt = Awaited<ReturnType<typeof import('wabt')>>;
let wabt: Promise<Wabt> | undefined;

/**
 * Assembles WebAssembly text with the `wabt` npm package (loaded on first use, so the runtime itself
 * does not depend on it). The features enabled are the ones the validator accepts.
 */
export async function watToWasm(
  source: string,
  filename = 'module.wat',
  options: { multiValue?: boolean; debugNames?: boolean } = {},
): Promise<Uint8Array> {
  wabt ??= import('wabt').then((m) => m.default());
  const module = (await wabt).parseWat(filename, source, {
    sign_extension: true,
    sat_float_to_int: true,
    bulk_memory: true,
    mutable_globals: true,
    multi_value: options.multiValue === true,
    reference_types: false,
  });
  try {
    module.resolveNames();
    module.validate();
    return new Uint8Array(
      module.toBinary({ log: false, write_debug_names: options.debugNames === true }).buffer,
    );
  } catch (cause) {
    throw new DecodeError(`WAT ${filename}: ${(cause as Error).message}`, { cause });
  } finally {
    module.destroy();
  }
}
