/**
 * What differs between the chains a module is built for: host imports, the primitives the shared
 * runtime calls (`$panic`, `$st_read`/`$st_copy`/`$st_write`/`$st_remove` on the key `KEY[0..$kp)`,
 * `$hash`, `$sender` into `$w`, `$block_number`, `$block_seconds`), how an `emit` is written, and
 * the exported entry points around the compiled methods. Everything else — the function compiler,
 * integers, JSON, memory objects, storage keys — is shared.
 */
import type { IrContract, IrEvent, IrFunction } from '../ir/contract.js';
import type { StringTable } from './strings.js';

/** A public function as the entry points see it: code that runs it against the JSON object at `$args`. */
export interface Method {
  readonly fn: IrFunction;
  /** Its name in messages (NEAR: the method name; CosmWasm: the snake_case variant). */
  readonly name: string;
  /** wasm locals the body needs. */
  readonly locals: string;
  /** Parses the arguments from the object at `$args`, calls the function, writes the JSON result at `$out`. */
  readonly body: string;
  /** Whether it writes a JSON result. */
  readonly returns: boolean;
  readonly view: boolean;
}

export interface Profile {
  /** The target name (`wasm` for NEAR, `cosmwasm`). */
  readonly target: string;
  /** Import section (host functions). */
  imports(): string;
  /** A public function's name in messages (the constructor's entry included); UnsupportedError if it cannot have one. */
  methodName(fn: IrFunction): string;
  /** Memory pages the module declares at first and at most (the chain's cap). */
  readonly maxPages: number;
  primitives(strings: StringTable): string;
  /**
   * WAT writing an event's JSON line: `members` writes `"p":value,…` (the arguments, already
   * evaluated). NEAR: an NEP-297 `EVENT_JSON:` log; CosmWasm: a Response event.
   */
  emit(contract: IrContract, event: IrEvent, members: string, strings: StringTable): string;
  entries(contract: IrContract, ctor: Method, methods: readonly Method[], strings: StringTable): string;
}
