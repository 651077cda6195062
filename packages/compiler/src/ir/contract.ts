/**
 * An IR contract: declared storage with solc's layout, functions with bodies in structured IR, events and
 * custom errors with their ABI identities. Inheritance is already flattened (solc's linearization): the
 * contract holds every state variable and every function it can reach.
 */
import type { IrLocal, SourceLoc, Stmt } from './nodes.js';
import type { IrType } from './types.js';

export type Visibility = 'external' | 'public' | 'internal' | 'private';
export type Mutability = 'pure' | 'view' | 'nonpayable' | 'payable';

/** A state variable that takes storage (constants are inlined; immutables are unsupported). */
export interface IrStateVar {
  /** Index in `IrContract.storage`; `StorageRef.var` refers to it. */
  readonly id: number;
  readonly name: string;
  /** Declaring contract (a base when inherited). */
  readonly contract: string;
  readonly type: IrType;
  /** solc `storageLayout`: first slot and byte offset from the low-order end. */
  readonly slot: bigint;
  readonly offset: number;
  readonly loc: SourceLoc;
}

export interface IrFunction {
  /** Unique within the contract: `Contract.name(types)`, e.g. `Token.transfer(address,uint256)`. */
  readonly id: string;
  readonly name: string;
  /**
   * `function` (user code), `constructor` (state-variable initialisers and every constructor of the
   * linearization, most-base first, already inlined into one body), `getter` (a public state variable's
   * getter, synthesised in IR).
   */
  readonly kind: 'function' | 'constructor' | 'getter';
  readonly visibility: Visibility;
  readonly mutability: Mutability;
  /** ABI selector (4 bytes, hex without 0x) for public/external functions and getters, else null. */
  readonly selector: string | null;
  /** ABI signature, `transfer(address,uint256)`, for callable functions. */
  readonly signature: string | null;
  readonly params: readonly IrLocal[];
  /** Return locals (named or not); zero-initialised at entry, returned by a bare `return`/fall-through. */
  readonly returns: readonly IrLocal[];
  /** Every local of the function including params and returns, indexed by `IrLocal.id`. */
  readonly locals: readonly IrLocal[];
  readonly body: readonly Stmt[];
  readonly loc: SourceLoc;
}

export interface IrEventParam {
  readonly name: string;
  readonly type: IrType;
  readonly indexed: boolean;
}
export interface IrEvent {
  readonly name: string;
  /** `Transfer(address,address,uint256)` */
  readonly signature: string;
  /** keccak256(signature), hex without 0x; topic 0 unless anonymous. */
  readonly topic0: string;
  readonly anonymous: boolean;
  readonly params: readonly IrEventParam[];
}

export interface IrError {
  readonly name: string;
  readonly signature: string;
  /** keccak256(signature)[0:4], hex without 0x. */
  readonly selector: string;
  readonly params: readonly { readonly name: string; readonly type: IrType }[];
}

export interface IrContract {
  readonly name: string;
  /** Source unit path as given to solc. */
  readonly file: string;
  readonly storage: readonly IrStateVar[];
  /** All functions, including the constructor (`kind: 'constructor'`, always present) and getters. */
  readonly functions: readonly IrFunction[];
  readonly events: readonly IrEvent[];
  readonly errors: readonly IrError[];
  /** Linearized bases, most-derived first, as solc reports them. */
  readonly linearization: readonly string[];
}

export function findFunction(contract: IrContract, id: string): IrFunction | undefined {
  return contract.functions.find((f) => f.id === id);
}

export function constructorOf(contract: IrContract): IrFunction {
  const ctor = contract.functions.find((f) => f.kind === 'constructor');
  if (ctor === undefined) throw new Error(`contract ${contract.name} has no constructor function`);
  return ctor;
}

/** Public and external functions (and getters), the contract's ABI surface. */
export function callableFunctions(contract: IrContract): IrFunction[] {
  return contract.functions.filter((f) => f.selector !== null);
}
