/**
 * What differs between the chains a module is built for: host imports, the primitives the shared
 * runtime calls (`$panic`, `$revert`, `$st_read`/`$st_copy`/`$st_write`/`$st_remove` on the key `KEY[0..$kp)`,
 * `$hash`, `$sender` into `$w`, `$block_number`, `$block_seconds`), how an `emit` is written, and
 * the exported entry points around the compiled methods. Everything else — the function compiler,
 * integers, JSON, memory objects, storage keys — is shared.
 */
import type { IrContract, IrEvent, IrFunction } from '../ir/contract.js';
import type { JsonMember } from './function-compiler.js';
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
  /** A view/pure function that does not read msg.sender (CosmWasm: a QueryMsg variant). */
  readonly view: boolean;
}

export interface Profile {
  /** The target name (`wasm` for NEAR, `cosmwasm`). */
  readonly target: string;
  /** Import section (host functions). */
  imports(): string;
  /**
   * Whether a revert in compiled code is an error result rather than a trap. When true, `$revert(ptr,
   * len)` records the reason in the global `$err` and returns: the compiled function returns at once,
   * every call site checks `$err` after the call and returns too (Rust's `?`), and the entry point
   * returns `$error_result` (CosmWasm: `{"error": "<reason>"}`). When false, `$revert` does not return.
   */
  readonly errorResults: boolean;
  /** The revert reason of malformed JSON arguments (the SDK's deserialization failure). */
  readonly invalidArguments: string;
  /** A parameter's or struct field's JSON member name (NEAR: as declared; CosmWasm: serde snake_case). */
  fieldName(name: string): string;
  /** A public function's name in messages (the constructor's entry included); UnsupportedError if it cannot have one. */
  methodName(fn: IrFunction): string;
  /** Memory pages the module declares at first and at most (the chain's cap). */
  readonly maxPages: number;
  primitives(strings: StringTable): string;
  /**
   * WAT recording an event whose arguments are already evaluated (`members`: key and value writer).
   * NEAR: an NEP-297 `EVENT_JSON:` log; CosmWasm: a Response event with one attribute per argument.
   */
  emit(contract: IrContract, event: IrEvent, members: readonly JsonMember[], strings: StringTable): string;
  entries(contract: IrContract, ctor: Method, methods: readonly Method[], strings: StringTable): string;
}
