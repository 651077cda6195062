import '../engine/webassembly.js';
import { InterpTable, tag } from '../interp/link.js';
import { F32, F64, type FuncType, I32, I64, type ValType } from '../module/types.js';

/**
 * The `spectest` host module every spec script may import (WebAssembly/spec
 * interpreter/host/spectest.ml). For the interpreter, values carry their link-time types and the
 * table is an interpreter table.
 */
export function spectestModule(forInterpreter = false): Record<string, WebAssembly.ImportValue> {
  const print = (params: ValType[]) => {
    const fn = (): void => {};
    if (!forInterpreter) return fn;
    const type: FuncType = { params, results: [] };
    return tag(fn, { type, owner: undefined, index: -1, call: () => [] });
  };
  const global = (value: 'i32' | 'i64' | 'f32' | 'f64', type: ValType, v: unknown) =>
    tag(new WebAssembly.Global({ value }, v), { type, mutable: false });
  return {
    print: print([]),
    print_i32: print([I32]),
    print_i64: print([I64]),
    print_f32: print([F32]),
    print_f64: print([F64]),
    print_i32_f32: print([I32, F32]),
    print_f64_f64: print([F64, F64]),
    global_i32: global('i32', I32, 666),
    global_i64: global('i64', I64, 666n),
    global_f32: global('f32', F32, 666.6),
    global_f64: global('f64', F64, 666.6),
    table: forInterpreter
      ? (new InterpTable(10, 20) as unknown as WebAssembly.Table)
      : new WebAssembly.Table({ element: 'anyfunc', initial: 10, maximum: 20 }),
    memory: tag(new WebAssembly.Memory({ initial: 1, maximum: 2 }), { max: 2 }),
  };
}
