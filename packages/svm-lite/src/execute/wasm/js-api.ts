/**
 * The slice of the WebAssembly JS API used here, typed locally: the repository compiles against
 * ES2022 without the DOM library, which is where TypeScript keeps these declarations.
 */
export interface WasmModule {
  readonly wasmModule: true;
}

interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer };
  Instance: new (
    module: WasmModule,
    imports: Record<string, Record<string, unknown>>,
  ) => { readonly exports: Record<string, unknown> };
}

export const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
