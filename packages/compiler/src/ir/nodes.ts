/**
 * IR expressions, storage references and statements. Control flow is structured (if, loop, break,
 * continue, return); every storage access is an explicit node over a `StorageRef` path; arithmetic says
 * whether it is checked. Assignments are statements, never sub-expressions, so an expression's only side
 * effects are internal calls and reverts (checked arithmetic, bounds checks).
 *
 * Evaluation order (what the EVM back ends must reproduce, and what the fuzzer checks against solc's
 * legacy code generator): a `binary`/`compare` node evaluates `right` before `left`; call arguments,
 * `hash` arguments, event arguments and error arguments are evaluated left to right; storage paths
 * are evaluated from the root outwards (the base before the key).
 */
import type { IrType } from './types.js';

/** 1-based line and column in a source file, as solc reports them. */
export interface SourceLoc {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** A local variable, parameter or named return of one function; `id` is unique within the function. */
export interface IrLocal {
  readonly id: number;
  readonly name: string;
  readonly type: IrType;
  /** `storage` for a storage pointer (`S storage s = m[k]`), `memory` for memory arrays/structs. */
  readonly location: 'value' | 'memory' | 'storage' | 'calldata';
}

export type ArithmeticOp = 'add' | 'sub' | 'mul' | 'div' | 'mod' | 'exp';
export type BitwiseOp = 'and' | 'or' | 'xor' | 'shl' | 'shr';
export type CompareOp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';

export type Expr =
  | ConstExpr
  | StringConstExpr
  | LocalExpr
  | BinaryExpr
  | CompareExpr
  | LogicalExpr
  | UnaryExpr
  | CastExpr
  | ConditionalExpr
  | EnvExpr
  | StorageLoadExpr
  | StorageLengthExpr
  | StorageRefExpr
  | MemoryIndexExpr
  | MemoryFieldExpr
  | MemoryLengthExpr
  | NewArrayExpr
  | StructLiteralExpr
  | ArrayLiteralExpr
  | CallExpr
  | HashExpr;

/** A value-type constant: ints as mathematical values, bool 0n/1n, address and bytesN as big-endian. */
export interface ConstExpr {
  readonly kind: 'const';
  readonly type: IrType;
  readonly value: bigint;
}
/** A string or hex literal as `string`/`bytes` memory. */
export interface StringConstExpr {
  readonly kind: 'stringConst';
  readonly type: IrType;
  readonly value: Uint8Array;
}
export interface LocalExpr {
  readonly kind: 'local';
  readonly type: IrType;
  readonly local: number;
}

/**
 * Integer arithmetic and bitwise operations; the result has `type` (the left operand's type).
 * - `checked` add/sub/mul/exp and signed div (`min / -1`) revert with Panic(0x11) when the exact
 *   result does not fit; unchecked ones wrap modulo 2^bits (two's complement).
 * - div/mod by zero revert with Panic(0x12) even when unchecked. Signed div truncates toward zero,
 *   signed mod takes the dividend's sign.
 * - `exp`: `right` may have another unsigned type. Shifts: `right` is unsigned of any width, never
 *   checked; `shl` truncates to `type`, signed `shr` is arithmetic (rounds toward −∞); amounts ≥ bits
 *   give 0 (or −1 for a negative `shr`).
 * - bitwise ops also apply to `fixedBytes` operands (and/or/xor; shifts move bytes left-aligned).
 */
export interface BinaryExpr {
  readonly kind: 'binary';
  readonly op: ArithmeticOp | BitwiseOp;
  readonly type: IrType;
  readonly checked: boolean;
  readonly left: Expr;
  readonly right: Expr;
}
/** Comparison of two operands of the same type (`operandType`); result is bool. */
export interface CompareExpr {
  readonly kind: 'compare';
  readonly op: CompareOp;
  readonly type: IrType;
  readonly operandType: IrType;
  readonly left: Expr;
  readonly right: Expr;
}
/** Short-circuit `&&` / `||` (left first; right only when needed). */
export interface LogicalExpr {
  readonly kind: 'logical';
  readonly op: 'and' | 'or';
  readonly type: IrType;
  readonly left: Expr;
  readonly right: Expr;
}
/** `neg` (checked: `-min` panics 0x11), `not` (bool `!`), `bitnot` (`~`). */
export interface UnaryExpr {
  readonly kind: 'unary';
  readonly op: 'neg' | 'not' | 'bitnot';
  readonly type: IrType;
  readonly checked: boolean;
  readonly operand: Expr;
}
/**
 * Explicit conversion `T(x)` from `operand.type` to `type` (conversion.rst): integer narrowing keeps the
 * low bits, widening sign- or zero-extends, int↔uint of one width reinterprets, bytesN↔bytesM pads or
 * truncates on the right, uintN↔bytesN (same size) reinterprets, address↔uint160/bytes20. Never reverts.
 */
export interface CastExpr {
  readonly kind: 'cast';
  readonly type: IrType;
  readonly operand: Expr;
}
/** `c ? a : b`: only the chosen branch is evaluated. */
export interface ConditionalExpr {
  readonly kind: 'conditional';
  readonly type: IrType;
  readonly condition: Expr;
  readonly whenTrue: Expr;
  readonly whenFalse: Expr;
}
export type EnvName = 'msg.sender' | 'block.number' | 'block.timestamp';
export interface EnvExpr {
  readonly kind: 'env';
  readonly type: IrType;
  readonly name: EnvName;
}

/**
 * Reads the value at a storage path. For value types this is an SLOAD (plus unpacking); for structs
 * and fixed/dynamic arrays of value types it copies into a fresh memory object (`S memory s = m[k]`);
 * for `string`/`bytes` it copies the byte string.
 */
export interface StorageLoadExpr {
  readonly kind: 'storageLoad';
  readonly type: IrType;
  readonly ref: StorageRef;
}
/** `arr.length` of a storage array (dynamic: the stored length; fixed: the constant) or string/bytes. */
export interface StorageLengthExpr {
  readonly kind: 'storageLength';
  readonly type: IrType;
  readonly ref: StorageRef;
}
/**
 * A storage pointer value: initialises a `storage` local or passes a storage argument to an internal
 * function. `type` is the pointee's type.
 */
export interface StorageRefExpr {
  readonly kind: 'storageRef';
  readonly type: IrType;
  readonly ref: StorageRef;
}
/** `a[i]` of a memory array; Panic(0x32) when `i >= length`. */
export interface MemoryIndexExpr {
  readonly kind: 'memoryIndex';
  readonly type: IrType;
  readonly base: Expr;
  readonly index: Expr;
}
/** `s.f` of a memory struct. */
export interface MemoryFieldExpr {
  readonly kind: 'memoryField';
  readonly type: IrType;
  readonly base: Expr;
  readonly field: string;
}
export interface MemoryLengthExpr {
  readonly kind: 'memoryLength';
  readonly type: IrType;
  readonly base: Expr;
}
/** `new T[](n)`: a zeroed memory array; Panic(0x41) when n > 2^64 − 1. */
export interface NewArrayExpr {
  readonly kind: 'newArray';
  readonly type: IrType;
  readonly length: Expr;
}
/** `S(a, b)` / `S({x: a, y: b})` in memory; `values` in field order. */
export interface StructLiteralExpr {
  readonly kind: 'structLiteral';
  readonly type: IrType;
  readonly values: readonly Expr[];
}
/** `[a, b, c]` as a fixed-size memory array. */
export interface ArrayLiteralExpr {
  readonly kind: 'arrayLiteral';
  readonly type: IrType;
  readonly values: readonly Expr[];
}
/**
 * Internal call of `function` (an `IrFunction.id` of the same contract). `types` lists the return types;
 * a call with one return value is an expression of that type, a call with several may only appear as
 * the value of a multi-target `let`/`assign`, and one with none only as an `expr` statement.
 */
export interface CallExpr {
  readonly kind: 'call';
  readonly type: IrType | null;
  readonly types: readonly IrType[];
  readonly function: string;
  readonly args: readonly Expr[];
}
/**
 * `keccak256(abi.encodePacked(args))` / `keccak256(abi.encode(args))` / `sha256(…)`. `encoding` packed:
 * each value type in its own size (bool 1, address 20, bytesN N, uintN N/8), string/bytes raw, arrays
 * element-wise padded to 32; `standard`: abi.encode. A bare `keccak256(b)` of a bytes value is `packed`
 * with one argument.
 */
export interface HashExpr {
  readonly kind: 'hash';
  readonly type: IrType;
  readonly algorithm: 'keccak256' | 'sha256';
  readonly encoding: 'packed' | 'standard';
  readonly args: readonly Expr[];
}

/**
 * A path into contract storage. `var` is a declared state variable (`IrStateVar.id`), `local` a
 * storage-pointer local. `mapping` hashes the key with the base slot, `index` checks the bound
 * (Panic 0x32) and addresses a (packed) array element, `field` a struct member.
 */
export type StorageRef =
  | { readonly kind: 'var'; readonly type: IrType; readonly variable: number }
  | { readonly kind: 'local'; readonly type: IrType; readonly local: number }
  | { readonly kind: 'mapping'; readonly type: IrType; readonly base: StorageRef; readonly key: Expr }
  | { readonly kind: 'index'; readonly type: IrType; readonly base: StorageRef; readonly index: Expr }
  | { readonly kind: 'field'; readonly type: IrType; readonly base: StorageRef; readonly field: string };

/** An assignable memory place: a local, a memory array element or a memory struct field. */
export type LValue =
  | { readonly kind: 'local'; readonly type: IrType; readonly local: number }
  | { readonly kind: 'memoryIndex'; readonly type: IrType; readonly base: Expr; readonly index: Expr }
  | { readonly kind: 'memoryField'; readonly type: IrType; readonly base: Expr; readonly field: string };

/** How a revert is reported: the revert data the EVM would return. */
export type RevertReason =
  /** `require(c)` / `revert()`: empty revert data. */
  | { readonly kind: 'empty' }
  /** `Error(string)`: `require(c, "msg")`, `revert("msg")`. */
  | { readonly kind: 'error'; readonly message: Expr }
  /** A custom error: `revert E(args)`, `require(c, E(args))`; `error` is an `IrError.signature`. */
  | { readonly kind: 'custom'; readonly error: string; readonly args: readonly Expr[] }
  /** `Panic(uint256)`: `assert` is 0x01; implicit panics come from the expression nodes. */
  | { readonly kind: 'panic'; readonly code: number };

export type Stmt =
  | LetStmt
  | AssignStmt
  | StoreStmt
  | StoragePushStmt
  | StoragePopStmt
  | StorageDeleteStmt
  | ExprStmt
  | IfStmt
  | LoopStmt
  | BreakStmt
  | ContinueStmt
  | ReturnStmt
  | RevertStmt
  | EmitStmt
  | BlockStmt;

interface StmtBase {
  readonly loc: SourceLoc;
}
/** Declares locals (zero-initialised when `value` is null); several targets take a multi-valued call. */
export interface LetStmt extends StmtBase {
  readonly kind: 'let';
  readonly locals: readonly (number | null)[];
  readonly value: Expr | null;
}
/** Memory/local assignment; several targets (`null` = skipped) take a multi-valued call or tuple. */
export interface AssignStmt extends StmtBase {
  readonly kind: 'assign';
  readonly targets: readonly (LValue | null)[];
  readonly values: readonly Expr[];
}
/**
 * Writes `value` at a storage path. Value types: read-modify-write of the packed slot. Structs/arrays
 * /string from memory (or another storage path via `storageLoad`): deep copy, clearing what the old value
 * had beyond the new one (a shorter dynamic array's tail is zeroed).
 */
export interface StoreStmt extends StmtBase {
  readonly kind: 'store';
  readonly ref: StorageRef;
  readonly value: Expr;
}
/** `arr.push(v)` / `arr.push()` (zero value) on a storage dynamic array. */
export interface StoragePushStmt extends StmtBase {
  readonly kind: 'storagePush';
  readonly ref: StorageRef;
  readonly value: Expr | null;
}
/** `arr.pop()`: Panic(0x31) when empty; the popped element is zeroed. */
export interface StoragePopStmt extends StmtBase {
  readonly kind: 'storagePop';
  readonly ref: StorageRef;
}
/** `delete x` on storage: the zero value (structs member-wise, dynamic arrays to length 0 and zeroed). */
export interface StorageDeleteStmt extends StmtBase {
  readonly kind: 'storageDelete';
  readonly ref: StorageRef;
}
export interface ExprStmt extends StmtBase {
  readonly kind: 'expr';
  readonly expr: Expr;
}
export interface IfStmt extends StmtBase {
  readonly kind: 'if';
  readonly condition: Expr;
  readonly then: readonly Stmt[];
  readonly else: readonly Stmt[];
}
/**
 * Every loop. `for (init; cond; update) body` is `init` statements before the loop in a block, then
 * `loop { condition, body, update }`; `while` has no update; `do-while` sets `testFirst` false (body
 * runs once before the first test). `continue` runs `update` then the test; `break` leaves the loop.
 * `condition` null means `true`.
 */
export interface LoopStmt extends StmtBase {
  readonly kind: 'loop';
  readonly condition: Expr | null;
  readonly testFirst: boolean;
  readonly body: readonly Stmt[];
  readonly update: readonly Stmt[];
}
export interface BreakStmt extends StmtBase {
  readonly kind: 'break';
}
export interface ContinueStmt extends StmtBase {
  readonly kind: 'continue';
}
/** Returns one value per return parameter (the named-return locals when `values` is null). */
export interface ReturnStmt extends StmtBase {
  readonly kind: 'return';
  readonly values: readonly Expr[] | null;
}
export interface RevertStmt extends StmtBase {
  readonly kind: 'revert';
  readonly reason: RevertReason;
}
/** `emit E(args)`; `event` is an `IrEvent.signature` (events may be overloaded), args in parameter order. */
export interface EmitStmt extends StmtBase {
  readonly kind: 'emit';
  readonly event: string;
  readonly args: readonly Expr[];
}
/** A lexical scope (Solidity block): its `let`s end with it. */
export interface BlockStmt extends StmtBase {
  readonly kind: 'block';
  readonly body: readonly Stmt[];
}
