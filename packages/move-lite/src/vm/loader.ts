import { concatBytes, ExecutionError, equalBytes, type JournaledState } from '@polyvm/core';
import { Writer } from '../binary/cursor.js';
import { deserializeModule } from '../binary/deserialize.js';
import type {
  CompiledModule,
  CompiledScript,
  FunctionDefinition,
  Instruction,
  SignatureToken,
} from '../binary/types.js';
import { FunctionFlag, Visibility } from '../binary/types.js';
import { shortAddress } from '../binary/view.js';
import { type VerifiedModule, verifyModule } from '../verify/verifier.js';
import { bcsDecode } from './bcs.js';
import { vmError } from './errors.js';
import { fuseLiterals } from './fusion.js';
import { INSTR } from './gas.js';
import { type GasSegments, gasSegments } from './gas-segments.js';
import { canonical, type Int } from './ints.js';
import type { NativeFunction } from './natives.js';
import { SCRIPT_MODULE_NAME, scriptAsModule } from './script.js';
import { copyValue, type RType, type StructType, type Value } from './value.js';

/** Published modules live here, keyed by BCS(ModuleId) = address ++ ULEB128(len) ++ name. */
export const MODULE_NAMESPACE = 'move/module';

export interface LoadedFunction {
  module: LoadedModule;
  def: number;
  name: string;
  /** Set for `native fun` declarations this VM implements. */
  native: NativeFunction | undefined;
  code: readonly Instruction[];
  /** Pre-decoded opcodes and operands for the interpreter's hot loop. */
  ops: Uint8Array;
  /** `ops` with literal loads fused to the arithmetic after them (`fusion.ts`), for prepaid segments. */
  fusedOps: Uint8Array;
  operands: Int32Array;
  intKinds: Uint8Array;
  /** `LdU64`/`LdU128`/`LdU256` literals in their canonical run-time form, by pc. */
  literals: (Int | undefined)[];
  params: readonly SignatureToken[];
  returns: readonly SignatureToken[];
  localCount: number;
  /** Whether a local may hold a vector or struct (whose memory a returning frame gives back). */
  aggregateLocals: boolean;
  /** Base costs prepaid per straight-line segment. */
  gas: GasSegments;
  /** What a `Call` of this function charges besides its base cost: `call.per_arg` and `call.per_local`. */
  callCost: number;
  /** Whether the interpreter runs its bytecode (not a native, not an empty body). */
  interpreted: boolean;
  typeParamCount: number;
  isEntry: boolean;
  isPublic: boolean;
}

export interface LoadedModule {
  id: string;
  address: Uint8Array;
  name: string;
  module: CompiledModule;
  functions: LoadedFunction[];
  functionsByName: Map<string, LoadedFunction>;
  /** Per function-handle and struct-handle resolution caches, filled on first use. */
  calls: (LoadedFunction | undefined)[];
  structs: (StructType | undefined)[];
  /** Non-generic struct types by handle, fully laid out. */
  plainTypes: (RType | undefined)[];
  constants: (Value | undefined)[];
}

export function moduleKey(address: Uint8Array, name: string): Uint8Array {
  const w = new Writer();
  w.bytes(address);
  w.uleb128(name.length);
  for (let i = 0; i < name.length; i++) w.u8(name.charCodeAt(i));
  return w.finish();
}

export function linkError(message: string): ExecutionError {
  return new ExecutionError(`LINKER_ERROR: ${message}`, { details: { status: 'LINKER_ERROR' } });
}

/** What the interpreter runs of one function definition: the same for every transaction. */
type FunctionCode = Pick<
  LoadedFunction,
  'ops' | 'fusedOps' | 'operands' | 'literals' | 'localCount' | 'aggregateLocals' | 'gas'
>;

/** Code tables by function definition of a verified (cached) module: built once, not per transaction. */
const codeCache = new WeakMap<FunctionDefinition, FunctionCode>();

function codeOf(m: CompiledModule, def: FunctionDefinition, params: readonly SignatureToken[]): FunctionCode {
  let code = codeCache.get(def);
  if (code) return code;
  const instructions = def.code?.code ?? [];
  const localTypes = [...params, ...(def.code ? m.signatures[def.code.locals]! : [])];
  const aggregateLocal = localTypes.map(
    (t) => t.kind === 'vector' || t.kind === 'struct' || t.kind === 'structInst' || t.kind === 'tparam',
  );
  const ops = Uint8Array.from(instructions, (ins) => ins.op);
  const operands = Int32Array.from(instructions, (ins) => ins.a);
  const gas = gasSegments(ops, operands, aggregateLocal);
  code = {
    ops,
    fusedOps: fuseLiterals(ops, gas.count),
    operands,
    // LdU64 (0x06) may be a number; LdU128/LdU256 stay bigints.
    literals: instructions.map((ins) =>
      ins.big === undefined ? undefined : ins.op === 0x06 ? canonical(ins.big) : ins.big,
    ),
    localCount: localTypes.length,
    aggregateLocals: aggregateLocal.includes(true),
    gas,
  };
  codeCache.set(def, code);
  return code;
}

/** Verified modules by the stored byte buffer: a republish or a revert stores a new buffer, so the cache never goes stale. */
const verifiedCache = new WeakMap<Uint8Array, VerifiedModule>();

/**
 * Loads modules from state on demand, verifies them once, and resolves cross-module function and
 * struct references by name (the linking step of the Move loader).
 */
export class Loader {
  readonly #modules = new Map<string, LoadedModule>();
  /** Modules and bytes loaded from state so far, for dependency gas. */
  loadedModules = 0;
  loadedBytes = 0;

  constructor(
    readonly state: JournaledState,
    readonly addressWidth: number,
    readonly natives: ReadonlyMap<string, NativeFunction>,
  ) {}

  /** Links a script (wrapped as a module, see `scriptAsModule`) for one execution. */
  loadScript(script: CompiledScript): LoadedModule {
    const module = scriptAsModule(script);
    const self = module.moduleHandles[module.selfModuleHandle]!;
    return this.#linkAll(
      this.#link(verifyModule(module), module.addressIdentifiers[self.address]!, SCRIPT_MODULE_NAME),
    );
  }

  load(address: Uint8Array, name: string): LoadedModule {
    const key = moduleKey(address, name);
    const id = Buffer.from(key).toString('hex');
    const cached = this.#modules.get(id);
    if (cached) return cached;
    const bytes = this.state.get(MODULE_NAMESPACE, key);
    if (!bytes) throw linkError(`module ${displayId(address, name)} is not published`);
    this.loadedModules++;
    this.loadedBytes += bytes.length;
    let verified = verifiedCache.get(bytes);
    if (!verified) {
      verified = verifyModule(deserializeModule(bytes, { addressWidth: this.addressWidth }));
      verifiedCache.set(bytes, verified);
    }
    const loaded = this.#link(verified, address, name);
    this.#modules.set(id, loaded);
    return this.#linkAll(loaded);
  }

  /**
   * Links eagerly, as the Move loader does: every imported struct and function must exist and
   * match its declaration before any code of the module runs.
   */
  #linkAll(loaded: LoadedModule): LoadedModule {
    const m = loaded.module;
    for (let i = 0; i < m.structHandles.length; i++) this.structType(loaded, i);
    m.functionHandles.forEach((h, i) => {
      if (h.module !== m.selfModuleHandle) this.function(loaded, i);
    });
    return loaded;
  }

  #link(verified: VerifiedModule, address: Uint8Array, name: string): LoadedModule {
    const m = verified.module;
    const lm: LoadedModule = {
      id: displayId(address, name),
      address,
      name,
      module: m,
      functions: [],
      functionsByName: new Map(),
      calls: new Array(m.functionHandles.length),
      structs: new Array(m.structHandles.length),
      plainTypes: new Array(m.structHandles.length),
      constants: new Array(m.constantPool.length),
    };
    m.functionDefs.forEach((def, i) => {
      const handle = m.functionHandles[def.handle]!;
      const fname = m.identifiers[handle.name]!;
      const code = def.code?.code ?? [];
      const params = m.signatures[handle.parameters]!;
      const isNative = (def.flags & FunctionFlag.Native) !== 0;
      const fn: LoadedFunction = {
        module: lm,
        def: i,
        name: fname,
        native: isNative ? this.natives.get(`${shortAddress(address)}::${name}::${fname}`) : undefined,
        code,
        ...codeOf(m, def, params),
        intKinds: verified.facts[i]?.intKinds ?? new Uint8Array(0),
        params,
        returns: m.signatures[handle.returns]!,
        typeParamCount: handle.typeParameters.length,
        callCost: 0,
        interpreted: !isNative && code.length > 0,
        isEntry: (def.flags & FunctionFlag.Entry) !== 0 || def.visibility === Visibility.Script,
        isPublic: def.visibility === Visibility.Public || def.visibility === Visibility.Script,
      };
      fn.callCost = INSTR.call_per_arg * params.length + INSTR.call_per_local * fn.localCount;
      lm.functions.push(fn);
      lm.functionsByName.set(fname, fn);
    });
    return lm;
  }

  /** The function a `Call` in `lm` targets, loading its module if it is foreign. */
  function(lm: LoadedModule, handleIndex: number): LoadedFunction {
    const cached = lm.calls[handleIndex];
    if (cached) return cached;
    const m = lm.module;
    const handle = m.functionHandles[handleIndex]!;
    const fname = m.identifiers[handle.name]!;
    const owner = this.#owner(lm, handle.module);
    const fn = owner.functionsByName.get(fname);
    if (!fn) throw linkError(`${owner.id}::${fname} does not exist`);
    const visibility = fn.module.module.functionDefs[fn.def]!.visibility;
    if (owner !== lm && visibility === Visibility.Private)
      throw linkError(`${owner.id}::${fname} is private`);
    if (owner !== lm && visibility === Visibility.Friend && !isFriend(owner, lm)) {
      throw linkError(`${owner.id}::${fname} is visible to friends only, and ${lm.id} is not one`);
    }
    if (owner !== lm) checkImportedFunction(lm, handleIndex, fn);
    lm.calls[handleIndex] = fn;
    return fn;
  }

  #owner(lm: LoadedModule, moduleHandle: number): LoadedModule {
    const m = lm.module;
    if (moduleHandle === m.selfModuleHandle) return lm;
    const h = m.moduleHandles[moduleHandle]!;
    return this.load(m.addressIdentifiers[h.address]!, m.identifiers[h.name]!);
  }

  structType(lm: LoadedModule, handleIndex: number): StructType {
    const cached = lm.structs[handleIndex];
    if (cached) return cached;
    const m = lm.module;
    const handle = m.structHandles[handleIndex]!;
    const sname = m.identifiers[handle.name]!;
    const owner = this.#owner(lm, handle.module);
    const om = owner.module;
    const def = om.structDefs.findIndex((d) => om.identifiers[om.structHandles[d.handle]!.name] === sname);
    if (def < 0) throw linkError(`struct ${owner.id}::${sname} does not exist`);
    const sd = om.structDefs[def]!;
    const declared = om.structHandles[sd.handle]!;
    if (
      handle.abilities !== declared.abilities ||
      handle.typeParameters.length !== declared.typeParameters.length ||
      handle.typeParameters.some(
        (p, i) =>
          p.constraints !== declared.typeParameters[i]!.constraints ||
          p.isPhantom !== declared.typeParameters[i]!.isPhantom,
      )
    ) {
      throw linkError(`imported struct ${owner.id}::${sname} does not match its declaration`);
    }
    const st: StructType = {
      module: om,
      address: owner.address,
      moduleName: owner.name,
      name: sname,
      def,
      abilities: om.structHandles[sd.handle]!.abilities,
      fieldNames: (sd.fields ?? []).map((f) => om.identifiers[f.name]!),
    };
    lm.structs[handleIndex] = st;
    return st;
  }

  /** Instantiates a signature token of `lm` under a frame's type arguments. */
  runtimeType(lm: LoadedModule, t: SignatureToken, typeArgs: readonly RType[]): RType {
    switch (t.kind) {
      case 'tparam':
        return typeArgs[t.index]!;
      case 'vector':
        return { k: 'vector', e: this.runtimeType(lm, t.elem, typeArgs) };
      case 'ref':
      case 'mutref':
        return this.runtimeType(lm, t.inner, typeArgs);
      case 'struct': {
        const cached = lm.plainTypes[t.handle];
        if (cached) return cached;
        const type = this.#structInstance(lm, t.handle, []);
        lm.plainTypes[t.handle] = type;
        return type;
      }
      case 'structInst':
        return this.#structInstance(
          lm,
          t.handle,
          t.args.map((a) => this.runtimeType(lm, a, typeArgs)),
        );
      default:
        return { k: t.kind };
    }
  }

  #structInstance(lm: LoadedModule, handle: number, args: RType[]): RType {
    const s = this.structType(lm, handle);
    const owner = this.load(s.address, s.moduleName);
    const fields = (s.module.structDefs[s.def]!.fields ?? []).map((f) =>
      this.runtimeType(owner, f.type, args),
    );
    return { k: 'struct', s, args, fields };
  }

  /** A constant-pool entry as a fresh value (vectors are mutable, so each load gets a copy). */
  constant(lm: LoadedModule, index: number): Value {
    let value = lm.constants[index];
    if (value === undefined) {
      const c = lm.module.constantPool[index]!;
      value = bcsDecode(c.data, this.runtimeType(lm, c.type, []), this.addressWidth);
      lm.constants[index] = value;
    }
    return copyValue(value);
  }

  /** A struct declared in `lm`, by name, instantiated with `args`. */
  structByName(lm: LoadedModule, name: string, args: RType[]): RType {
    const m = lm.module;
    const def = m.structDefs.find((d) => m.identifiers[m.structHandles[d.handle]!.name] === name);
    if (!def) throw linkError(`struct ${lm.id}::${name} does not exist`);
    return this.#structInstance(lm, def.handle, args);
  }

  /** The struct type a (generic) struct-definition instruction operates on. */
  defType(
    lm: LoadedModule,
    defIndex: number,
    instIndex: number | undefined,
    typeArgs: readonly RType[],
  ): RType {
    const m = lm.module;
    if (instIndex === undefined) {
      return this.runtimeType(lm, { kind: 'struct', handle: m.structDefs[defIndex]!.handle }, typeArgs);
    }
    const inst = m.structDefInstantiations[instIndex]!;
    const handle = m.structDefs[inst.target]!.handle;
    return this.runtimeType(
      lm,
      { kind: 'structInst', handle, args: m.signatures[inst.typeParameters]! },
      typeArgs,
    );
  }
}

/** Whether `caller` is declared a friend by `owner`. */
function isFriend(owner: LoadedModule, caller: LoadedModule): boolean {
  const m = owner.module;
  return m.friendDecls.some(
    (f) =>
      m.identifiers[f.name] === caller.name && equalBytes(m.addressIdentifiers[f.address]!, caller.address),
  );
}

/** The fully qualified name of a struct handle, for comparing types across modules. */
function structName(m: CompiledModule, handle: number): string {
  const h = m.structHandles[handle]!;
  const mh = m.moduleHandles[h.module]!;
  return `${Buffer.from(m.addressIdentifiers[mh.address]!).toString('hex')}::${m.identifiers[mh.name]}::${m.identifiers[h.name]}`;
}

function sameTypeAcross(
  a: CompiledModule,
  ta: SignatureToken,
  b: CompiledModule,
  tb: SignatureToken,
): boolean {
  if (ta.kind !== tb.kind) return false;
  switch (ta.kind) {
    case 'vector':
      return sameTypeAcross(a, ta.elem, b, (tb as typeof ta).elem);
    case 'ref':
    case 'mutref':
      return sameTypeAcross(a, ta.inner, b, (tb as typeof ta).inner);
    case 'tparam':
      return ta.index === (tb as typeof ta).index;
    case 'struct':
      return structName(a, ta.handle) === structName(b, (tb as typeof ta).handle);
    case 'structInst': {
      const o = tb as typeof ta;
      return (
        structName(a, ta.handle) === structName(b, o.handle) &&
        ta.args.length === o.args.length &&
        ta.args.every((x, i) => sameTypeAcross(a, x, b, o.args[i]!))
      );
    }
    default:
      return true;
  }
}

/** An imported function handle must declare exactly the callee's signature and constraints (Move's linker). */
function checkImportedFunction(lm: LoadedModule, handleIndex: number, fn: LoadedFunction): void {
  const m = lm.module;
  const h = m.functionHandles[handleIndex]!;
  const callee = fn.module.module;
  const declared = callee.functionHandles[callee.functionDefs[fn.def]!.handle]!;
  const same = (x: number, y: number): boolean => {
    const sx = m.signatures[x]!;
    const sy = callee.signatures[y]!;
    return sx.length === sy.length && sx.every((t, i) => sameTypeAcross(m, t, callee, sy[i]!));
  };
  const constraints =
    h.typeParameters.length === declared.typeParameters.length &&
    h.typeParameters.every((c, i) => c === declared.typeParameters[i]);
  if (!constraints || !same(h.parameters, declared.parameters) || !same(h.returns, declared.returns)) {
    throw linkError(`imported ${fn.module.id}::${fn.name} does not match its declaration`);
  }
}

/** Instantiation limits (aptos-gas-schedule transaction.rs `max_ty_size` 128, `max_ty_depth` 20). */
export const MAX_TYPE_NODES = 128;
export const MAX_TYPE_DEPTH = 20;

/** Rejects type arguments past the instantiation limits, which also stops runaway generic recursion. */
export function checkTypeLimits(types: readonly RType[]): void {
  let nodes = 0;
  const walk = (t: RType, depth: number): void => {
    nodes++;
    if (depth > MAX_TYPE_DEPTH || nodes > MAX_TYPE_NODES) {
      throw vmError(
        'TOO_MANY_TYPE_NODES',
        `type arguments exceed ${MAX_TYPE_NODES} nodes or depth ${MAX_TYPE_DEPTH}`,
      );
    }
    if (t.k === 'vector') walk(t.e, depth + 1);
    else if (t.k === 'struct') for (const a of t.args) walk(a, depth + 1);
  };
  for (const t of types) walk(t, 1);
}

function displayId(address: Uint8Array, name: string): string {
  return `${shortAddress(address)}::${name}`;
}

export const resourceKey = (address: Uint8Array, tag: Uint8Array): Uint8Array => concatBytes(address, tag);
