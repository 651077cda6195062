import { DecodeError } from '@polyvm/core';

interface AscApi {
  compileString(
    sources: Record<string, string>,
    options: Record<string, unknown>,
  ): Promise<{ error: Error | null; binary: Uint8Array | null; stderr: { toString(): string } }>;
}

/**
 * Compiles AssemblyScript in process with the `assemblyscript` npm package (loaded on first use).
 * The stub runtime keeps contracts small and free of a GC; post-MVP features the validator does
 * not accept are switched off so the output passes the NEAR and CosmWasm profiles.
 */
export async function ascToWasm(source: string, filename = 'contract.ts'): Promise<Uint8Array> {
  // Imported through a variable: the package's own declarations redefine globals such as
  // `console`, so they must stay out of this program's type check; `AscApi` types what is used.
  const specifier = 'assemblyscript/asc';
  const asc = ((await import(specifier)) as { default: AscApi }).default;
  const result = await asc.compileString(
    { [filename]: source },
    {
      optimizeLevel: 3,
      shrinkLevel: 1,
      runtime: 'stub',
      noAssert: false,
      disable: [
        'simd',
        'reference-types',
        'multi-value',
        'gc',
        'exception-handling',
        'threads',
        'relaxed-simd',
      ],
    },
  );
  if (result.error || !result.binary) {
    throw new DecodeError(
      `AssemblyScript ${filename}: ${result.error?.message ?? 'no binary'}\n${result.stderr.toString()}`,
      {
        cause: result.error ?? undefined,
      },
    );
  }
  return result.binary;
}
