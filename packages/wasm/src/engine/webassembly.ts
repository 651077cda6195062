/**
 * The slice of the WebAssembly JS API this package uses. The repository compiles against ES2022
 * without the DOM library, which is where TypeScript keeps these declarations.
 */
declare global {
  namespace WebAssembly {
    type ImportValue = ExportValue;
    type ExportValue = ((...args: never[]) => unknown) | Global | Memory | Table;
    type Imports = Record<string, Record<string, ImportValue>>;
    type Exports = Record<string, ExportValue>;
    interface ModuleExportDescriptor {
      name: string;
      kind: 'function' | 'table' | 'memory' | 'global';
    }
    interface Module {}
    var Module: {
      new (bytes: Uint8Array): Module;
      exports(module: Module): ModuleExportDescriptor[];
    };
    interface Instance {
      readonly exports: Exports;
    }
    var Instance: { new (module: Module, imports?: Imports): Instance };
    interface Memory {
      readonly buffer: ArrayBuffer;
      grow(delta: number): number;
    }
    var Memory: { new (descriptor: { initial: number; maximum?: number }): Memory };
    interface Table {
      readonly length: number;
      get(index: number): unknown;
    }
    var Table: { new (descriptor: { element: 'anyfunc'; initial: number; maximum?: number }): Table };
    interface Global {
      value: unknown;
    }
    var Global: {
      new (descriptor: { value: 'i32' | 'i64' | 'f32' | 'f64'; mutable?: boolean }, value?: unknown): Global;
    };
    interface RuntimeError extends Error {}
    var RuntimeError: { new (message?: string): RuntimeError; prototype: RuntimeError };
    interface CompileError extends Error {}
    var CompileError: { new (message?: string): CompileError; prototype: CompileError };
    interface LinkError extends Error {}
    var LinkError: { new (message?: string): LinkError; prototype: LinkError };
    function validate(bytes: Uint8Array): boolean;
  }
}

export {};
