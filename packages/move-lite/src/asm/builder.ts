import { addressFromHex, toHex } from '@polyvm/core';
import {
  type CompiledModule,
  emptyModule,
  type Signature,
  type SignatureToken,
  type StructTypeParameter,
} from '../binary/types.js';

/** Interns table entries so each identifier, handle, signature and instantiation appears once. */
export class ModuleBuilder {
  readonly m: CompiledModule;
  readonly #ids = new Map<string, number>();
  readonly #addresses = new Map<string, number>();
  readonly #modules = new Map<string, number>();
  readonly #structs = new Map<string, number>();
  readonly #functions = new Map<string, number>();
  readonly #signatures = new Map<string, number>();
  readonly #fnInsts = new Map<string, number>();
  readonly #structInsts = new Map<string, number>();
  readonly #fieldHandles = new Map<string, number>();
  readonly #fieldInsts = new Map<string, number>();

  constructor(addressWidth: number, version: number) {
    this.m = emptyModule(addressWidth, version);
  }

  identifier(name: string): number {
    return intern(this.#ids, name, () => this.m.identifiers.push(name) - 1);
  }

  address(hex: string): number {
    const bytes = addressFromHex(hex, this.m.addressWidth);
    return intern(this.#addresses, toHex(bytes), () => this.m.addressIdentifiers.push(bytes) - 1);
  }

  moduleHandle(addressHex: string, name: string): number {
    const address = this.address(addressHex);
    const n = this.identifier(name);
    return intern(
      this.#modules,
      `${address}:${n}`,
      () => this.m.moduleHandles.push({ address, name: n }) - 1,
    );
  }

  findModule(addressHex: string, name: string): number | undefined {
    const bytes = addressFromHex(addressHex, this.m.addressWidth);
    const a = this.#addresses.get(toHex(bytes));
    const n = this.#ids.get(name);
    return a === undefined || n === undefined ? undefined : this.#modules.get(`${a}:${n}`);
  }

  structHandle(
    module: number,
    name: string,
    abilities: number,
    typeParameters: StructTypeParameter[],
  ): number {
    const n = this.identifier(name);
    return intern(
      this.#structs,
      `${module}:${n}`,
      () => this.m.structHandles.push({ module, name: n, abilities, typeParameters }) - 1,
    );
  }

  findStruct(module: number, name: string): number | undefined {
    const n = this.#ids.get(name);
    return n === undefined ? undefined : this.#structs.get(`${module}:${n}`);
  }

  functionHandle(
    module: number,
    name: string,
    parameters: Signature,
    returns: Signature,
    typeParameters: number[],
  ): number {
    const n = this.identifier(name);
    const p = this.signature(parameters);
    const r = this.signature(returns);
    return intern(
      this.#functions,
      `${module}:${n}`,
      () => this.m.functionHandles.push({ module, name: n, parameters: p, returns: r, typeParameters }) - 1,
    );
  }

  findFunction(module: number, name: string): number | undefined {
    const n = this.#ids.get(name);
    return n === undefined ? undefined : this.#functions.get(`${module}:${n}`);
  }

  signature(tokens: Signature): number {
    return intern(this.#signatures, JSON.stringify(tokens), () => this.m.signatures.push(tokens) - 1);
  }

  functionInst(handle: number, args: SignatureToken[]): number {
    const s = this.signature(args);
    return intern(
      this.#fnInsts,
      `${handle}:${s}`,
      () => this.m.functionInstantiations.push({ target: handle, typeParameters: s }) - 1,
    );
  }

  structInst(def: number, args: SignatureToken[]): number {
    const s = this.signature(args);
    return intern(
      this.#structInsts,
      `${def}:${s}`,
      () => this.m.structDefInstantiations.push({ target: def, typeParameters: s }) - 1,
    );
  }

  fieldHandle(owner: number, field: number): number {
    return intern(
      this.#fieldHandles,
      `${owner}:${field}`,
      () => this.m.fieldHandles.push({ owner, field }) - 1,
    );
  }

  fieldInst(handle: number, args: SignatureToken[]): number {
    const s = this.signature(args);
    return intern(
      this.#fieldInsts,
      `${handle}:${s}`,
      () => this.m.fieldInstantiations.push({ target: handle, typeParameters: s }) - 1,
    );
  }
}

function intern(map: Map<string, number>, key: string, create: () => number): number {
  let index = map.get(key);
  if (index === undefined) {
    index = create();
    map.set(key, index);
  }
  return index;
}
