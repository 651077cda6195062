import type { Vm } from '../execute/interpreter.js';
import type { InvokeContext } from '../host/invoke-context.js';
import { readString, syscallError } from './translate.js';

type Ctx = Vm<InvokeContext>;

/** `abort()`: `SyscallError::Abort`. */
export function abort(): bigint {
  throw syscallError('Abort', 'Abort');
}

/**
 * `sol_panic_(file, len, line, column)`: pays `len`, reads the file name as UTF-8 (else
 * `InvalidString`), fails with `SyscallError::Panic`.
 */
export function solPanic(vm: Ctx, file: bigint, len: bigint, line: bigint, column: bigint): bigint {
  vm.consume(Number(len > 0xffffffffn ? 0xffffffffn : len), 'other');
  const name = readString(vm, file, len);
  throw syscallError('Panic', `Panic(${JSON.stringify(name)}, ${line}, ${column})`, {
    file: name,
    line: String(line),
    column: String(column),
  });
}
