/** The slice of @webassemblyjs/wasm-parser (untyped) the differential tests use. */
declare module '@webassemblyjs/wasm-parser' {
  interface Node {
    type: string;
    [key: string]: unknown;
  }
  export function decode(
    buffer: ArrayBuffer,
    options?: Record<string, unknown>,
  ): { body: Array<{ fields: Node[] }> };
}
