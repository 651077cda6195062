import { opcodeByName } from '../binary/opcodes.js';
import { serialize } from '../binary/serialize.js';
import {
  type CompiledModule,
  type CompiledScript,
  type CompiledUnit,
  FunctionFlag,
  type Instruction,
  type SignatureToken,
  Visibility,
} from '../binary/types.js';
import { ModuleBuilder } from './builder.js';
import {
  asmError,
  closeOf,
  parseAbilities,
  parseHexBytes,
  parseInteger,
  parseTypeParams,
  splitTop,
  type TypeParamDecl,
} from './syntax.js';

export interface AssembleOptions {
  /** 16 (Diem/Starcoin) or 32 (Aptos/Sui); default 32. */
  addressWidth?: number;
  /** Binary format version to emit; default 6. */
  version?: number;
}

interface Line {
  no: number;
  text: string;
}

interface FunctionItem {
  header: Line;
  body: Line[];
  def: number;
  params: string[];
  typeParams: string[];
}

const PRIMITIVES = new Set(['bool', 'u8', 'u16', 'u32', 'u64', 'u128', 'u256', 'address', 'signer']);
const STRUCT_OPS = new Set([
  'Pack',
  'Unpack',
  'Exists',
  'MutBorrowGlobal',
  'ImmBorrowGlobal',
  'MoveFrom',
  'MoveTo',
]);

/**
 * Assembles the polyvm Move assembler text (the disassembler's output format) into a module:
 *
 * ```
 * module 0x42::counter
 * import fun 0x1::signer::borrow_address(&signer): &address
 * struct Counter has key {
 *   value: u64
 * }
 * public entry fun bump(a0: &signer): u64 acquires Counter {
 *   locals l1: &mut u64
 *   ...instructions, one per line, `Label:` lines for branch targets
 * }
 * ```
 *
 * Names replace table indices: `Call name`, `Call 0x1::M::f<u64>`, `Pack S<T0>`,
 * `ImmBorrowField S.f`, `VecPack<u8> 2`; generic opcodes are chosen from the type arguments.
 */
export function assemble(text: string, options: AssembleOptions = {}): CompiledModule {
  const unit = assembleUnit(text, options);
  if (unit.kind !== 'module') throw asmError(1, 'expected a module, got a script');
  return unit;
}

/**
 * Assembles a module, or a script: `script` as the first line, then `use`/`import`/`const` lines
 * and a single `fun main<…>(…) { … }`.
 */
export function assembleUnit(text: string, options: AssembleOptions = {}): CompiledUnit {
  return new Assembler(text, options).run();
}

export function assembleToBytes(text: string, options: AssembleOptions = {}): Uint8Array {
  return serialize(assembleUnit(text, options));
}

class Assembler {
  readonly b: ModuleBuilder;
  readonly lines: Line[];
  self = -1;
  readonly structTypeParams = new Map<number, TypeParamDecl[]>();

  constructor(text: string, options: AssembleOptions) {
    this.b = new ModuleBuilder(options.addressWidth ?? 32, options.version ?? 6);
    this.lines = text
      .split('\n')
      .map((raw, i) => ({ no: i + 1, text: raw.replace(/\/\/.*$/, '').trim() }))
      .filter((l) => l.text !== '');
  }

  run(): CompiledUnit {
    const m = this.b.m;
    const first = this.lines[0];
    const isScript = first?.text === 'script';
    const header = first && /^module\s+(0x[0-9a-fA-F]+)::(\w+)$/.exec(first.text);
    if (!header && !isScript) throw asmError(first?.no ?? 1, 'expected `module 0xADDR::Name` or `script`');
    if (header) {
      this.self = this.b.moduleHandle(header[1]!, header[2]!);
      m.selfModuleHandle = this.self;
    }
    const structs: { line: Line; fields: Line[]; def: number }[] = [];
    const functions: FunctionItem[] = [];
    const later: Line[] = [];
    for (let i = 1; i < this.lines.length; i++) {
      const line = this.lines[i]!;
      const t = line.text;
      if (/^import fun\s/.test(t)) {
        later.push(line);
      } else if (/^((native|public|friend|script|entry)\s+)*fun\s/.test(t)) {
        const body: Line[] = [];
        if (t.endsWith('{')) {
          while (this.lines[++i] && this.lines[i]!.text !== '}') body.push(this.lines[i]!);
          if (!this.lines[i]) throw asmError(line.no, 'unterminated function');
        }
        functions.push({ header: line, body, def: -1, params: [], typeParams: [] });
      } else if (/^use\s/.test(t)) {
        const [addr, name] = t.slice(4).trim().split('::');
        this.b.moduleHandle(addr!, name!);
      } else if (/^friend\s/.test(t)) {
        const [addr, name] = t.slice(7).trim().split('::');
        m.friendDecls.push({ address: this.b.address(addr!), name: this.b.identifier(name!) });
      } else if (/^import struct\s/.test(t)) {
        this.importStruct(line);
      } else if (/^(native\s+)?struct\s/.test(t)) {
        const fields: Line[] = [];
        if (t.endsWith('{')) {
          while (this.lines[++i] && this.lines[i]!.text !== '}') fields.push(this.lines[i]!);
          if (!this.lines[i]) throw asmError(line.no, 'unterminated struct');
        }
        structs.push({ line, fields, def: this.declareStruct(line, fields.length > 0 || t.endsWith('{')) });
      } else if (/^(const|metadata)\s/.test(t)) {
        later.push(line);
      } else {
        throw asmError(line.no, `unexpected "${t}"`);
      }
    }
    for (const s of structs) this.defineFields(s.def, s.fields);
    for (const line of later) {
      if (line.text.startsWith('import fun')) this.importFunction(line);
      else if (line.text.startsWith('const')) this.constant(line);
      else this.metadata(line);
    }
    if (isScript) {
      // Scripts have no module of their own; `main` is built as the last handle of a
      // placeholder self module, then both are dropped (Aptos names that module `<SELF>`).
      if (functions.length !== 1 || structs.length > 0)
        throw asmError(first!.no, 'a script holds exactly one `fun main`');
      this.self = this.b.moduleHandle('0x0', '<SELF>');
    }
    for (const f of functions) this.declareFunction(f);
    for (const f of functions) if (f.body.length > 0 || f.header.text.endsWith('{')) this.body(f);
    return isScript ? toScript(m) : m;
  }

  importStruct(line: Line): void {
    const rest = line.text.slice('import struct'.length).trim();
    const { name, typeParams, tail } = nameAndTypeParams(rest, line.no);
    const parts = name.split('::');
    if (parts.length !== 3) throw asmError(line.no, `import struct needs 0xADDR::Module::Name`);
    const module = this.b.moduleHandle(parts[0]!, parts[1]!);
    this.b.structHandle(
      module,
      parts[2]!,
      hasAbilities(tail, line.no),
      typeParams.map(({ constraints, isPhantom }) => ({ constraints, isPhantom })),
    );
  }

  declareStruct(line: Line, declared: boolean): number {
    const isNative = line.text.startsWith('native');
    const rest = line.text
      .replace(/^(native\s+)?struct\s+/, '')
      .replace(/\{$/, '')
      .trim();
    const { name, typeParams, tail } = nameAndTypeParams(rest, line.no);
    const handle = this.b.structHandle(
      this.self,
      name,
      hasAbilities(tail, line.no),
      typeParams.map(({ constraints, isPhantom }) => ({ constraints, isPhantom })),
    );
    this.structTypeParams.set(handle, typeParams);
    if (isNative === declared && declared) throw asmError(line.no, 'a native struct has no fields');
    return this.b.m.structDefs.push({ handle, fields: isNative ? undefined : [] }) - 1;
  }

  defineFields(def: number, lines: Line[]): void {
    const sd = this.b.m.structDefs[def]!;
    const names = (this.structTypeParams.get(sd.handle) ?? []).map((p) => p.name);
    for (const line of lines) {
      const colon = line.text.indexOf(':');
      if (colon < 0) throw asmError(line.no, 'expected `field: type`');
      sd.fields!.push({
        name: this.b.identifier(line.text.slice(0, colon).trim()),
        type: this.type(line.text.slice(colon + 1).replace(/,$/, ''), names, line.no),
      });
    }
  }

  importFunction(line: Line): void {
    const sig = this.signatureOf(line.text.slice('import fun'.length).trim(), line.no);
    const parts = sig.name.split('::');
    if (parts.length !== 3) throw asmError(line.no, 'import fun needs 0xADDR::Module::name');
    const module = this.b.moduleHandle(parts[0]!, parts[1]!);
    this.b.functionHandle(
      module,
      parts[2]!,
      sig.params.map((p) => p.type),
      sig.returns,
      sig.typeParams.map((t) => t.constraints),
    );
  }

  declareFunction(f: FunctionItem): void {
    const t = f.header.text;
    const words = t.slice(0, t.indexOf('fun ')).trim().split(/\s+/).filter(Boolean);
    let visibility: number = Visibility.Private;
    let flags = 0;
    for (const w of words) {
      if (w === 'public') visibility = Visibility.Public;
      else if (w === 'friend') visibility = Visibility.Friend;
      else if (w === 'script') visibility = Visibility.Script;
      else if (w === 'entry') flags |= FunctionFlag.Entry;
      else if (w === 'native') flags |= FunctionFlag.Native;
      else throw asmError(f.header.no, `unknown modifier "${w}"`);
    }
    const sig = this.signatureOf(
      t
        .slice(t.indexOf('fun ') + 4)
        .replace(/\{$/, '')
        .trim(),
      f.header.no,
    );
    const handle = this.b.functionHandle(
      this.self,
      sig.name,
      sig.params.map((p) => p.type),
      sig.returns,
      sig.typeParams.map((p) => p.constraints),
    );
    const acquires = sig.acquires.map((name) => this.localStructDef(name, f.header.no));
    f.def = this.b.m.functionDefs.push({ handle, visibility, flags, acquires, code: undefined }) - 1;
    f.params = sig.params.map((p) => p.name);
    f.typeParams = sig.typeParams.map((p) => p.name);
  }

  signatureOf(text: string, no: number) {
    const { name, typeParams, tail } = nameAndTypeParams(text, no);
    const names = typeParams.map((p) => p.name);
    if (!tail.startsWith('(')) throw asmError(no, 'expected a parameter list');
    const close = closeOf(tail, 0);
    if (close < 0) throw asmError(no, 'unbalanced parentheses');
    const params = splitTop(tail.slice(1, close - 1), ',').map((p, i) => {
      // Imports list bare types; definitions name each parameter.
      const named = /^(\w+)\s*:(?!:)\s*(.+)$/.exec(p.trim());
      if (!named) return { name: `a${i}`, type: this.type(p, names, no) };
      return { name: named[1]!, type: this.type(named[2]!, names, no) };
    });
    let rest = tail.slice(close).trim();
    let returns: SignatureToken[] = [];
    const acquiresAt = rest.search(/\bacquires\b/);
    const acquires =
      acquiresAt >= 0
        ? rest
            .slice(acquiresAt + 8)
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [];
    if (acquiresAt >= 0) rest = rest.slice(0, acquiresAt).trim();
    if (rest.startsWith(':')) {
      const r = rest.slice(1).trim();
      returns = r.startsWith('(')
        ? splitTop(r.slice(1, -1), ',').map((x) => this.type(x, names, no))
        : [this.type(r, names, no)];
    } else if (rest !== '') throw asmError(no, `unexpected "${rest}"`);
    return { name, typeParams, params, returns, acquires };
  }

  constant(line: Line): void {
    const m = /^const\s+(\d+)\s*:\s*(.+?)\s*=\s*(0x[0-9a-fA-F]*)$/.exec(line.text);
    if (!m) throw asmError(line.no, 'expected `const N: type = 0xBCS`');
    if (Number(m[1]) !== this.b.m.constantPool.length)
      throw asmError(line.no, `constants must be numbered in order`);
    this.b.m.constantPool.push({ type: this.type(m[2]!, [], line.no), data: parseHexBytes(m[3]!, line.no) });
  }

  metadata(line: Line): void {
    const [, key, value] = line.text.split(/\s+/);
    this.b.m.metadata.push({
      key: parseHexBytes(key ?? '', line.no),
      value: parseHexBytes(value ?? '', line.no),
    });
  }

  localStructDef(name: string, no: number): number {
    const handle = this.b.findStruct(this.self, name);
    const def = handle === undefined ? -1 : this.b.m.structDefs.findIndex((d) => d.handle === handle);
    if (def < 0) throw asmError(no, `no struct ${name} in this module`);
    return def;
  }

  type(text: string, typeParams: readonly string[], no: number): SignatureToken {
    const t = text.trim();
    if (t.startsWith('&mut ')) return { kind: 'mutref', inner: this.type(t.slice(5), typeParams, no) };
    if (t.startsWith('&')) return { kind: 'ref', inner: this.type(t.slice(1), typeParams, no) };
    if (PRIMITIVES.has(t)) return { kind: t as 'u64' };
    const tp = typeParams.indexOf(t);
    if (tp >= 0) return { kind: 'tparam', index: tp };
    const lt = t.indexOf('<');
    const head = lt < 0 ? t : t.slice(0, lt);
    const args = lt < 0 ? [] : splitTop(t.slice(lt + 1, -1), ',').map((a) => this.type(a, typeParams, no));
    if (head === 'vector') {
      if (args.length !== 1) throw asmError(no, `vector needs one type argument`);
      return { kind: 'vector', elem: args[0]! };
    }
    const handle = this.structHandleOf(head, no);
    return args.length ? { kind: 'structInst', handle, args } : { kind: 'struct', handle };
  }

  /** The module handle and member name of `name` or `0xADDR::Module::name`. */
  member(path: string, no: number): { module: number; name: string } {
    const parts = path.split('::');
    if (parts.length === 1) return { module: this.self, name: path };
    if (parts.length !== 3) throw asmError(no, `bad name "${path}"`);
    const module = this.b.findModule(parts[0]!, parts[1]!);
    if (module === undefined) throw asmError(no, `module ${parts[0]}::${parts[1]} is not imported`);
    return { module, name: parts[2]! };
  }

  structHandleOf(path: string, no: number): number {
    const { module, name } = this.member(path, no);
    const handle = this.b.findStruct(module, name);
    if (handle === undefined) throw asmError(no, `unknown struct "${path}" (import it first)`);
    return handle;
  }

  body(f: FunctionItem): void {
    const locals: string[] = [...f.params];
    const localTypes: SignatureToken[] = [];
    const labels = new Map<string, number>();
    const instrLines: Line[] = [];
    for (const line of f.body) {
      if (line.text.startsWith('locals ')) {
        for (const decl of splitTop(line.text.slice(7), ',')) {
          const colon = decl.indexOf(':');
          locals.push(decl.slice(0, colon).trim());
          localTypes.push(this.type(decl.slice(colon + 1), f.typeParams, line.no));
        }
      } else if (/^\w+:$/.test(line.text)) {
        labels.set(line.text.slice(0, -1), instrLines.length);
      } else instrLines.push(line);
    }
    const code = instrLines.map((line) => this.instruction(line, f, locals, labels));
    this.b.m.functionDefs[f.def]!.code = { locals: this.b.signature(localTypes), code };
  }

  instruction(line: Line, f: FunctionItem, locals: string[], labels: Map<string, number>): Instruction {
    const no = line.no;
    const mnemonic = /^[A-Za-z0-9]+/.exec(line.text)?.[0] ?? '';
    let rest = line.text.slice(mnemonic.length);
    let typeArg: SignatureToken | undefined;
    if (rest.startsWith('<')) {
      const close = closeOf(rest, 0);
      typeArg = this.type(rest.slice(1, close - 1), f.typeParams, no);
      rest = rest.slice(close);
    }
    const operand = rest.trim();
    const base = mnemonic.replace(/Generic$/, '');
    const op = (name: string): number => {
      const info = opcodeByName(name);
      if (!info) throw asmError(no, `unknown instruction "${name}"`);
      return info.code;
    };
    if (base === 'Call') return this.call(operand, f, no);
    if (STRUCT_OPS.has(base)) {
      const t = this.type(operand, f.typeParams, no);
      if (t.kind === 'structInst')
        return { op: op(`${base}Generic`), a: this.b.structInst(this.defOf(t.handle, no), t.args) };
      if (t.kind !== 'struct') throw asmError(no, `${base} needs a struct type`);
      return { op: op(base), a: this.defOf(t.handle, no) };
    }
    if (base === 'MutBorrowField' || base === 'ImmBorrowField') {
      const dot = operand.lastIndexOf('.');
      const t = this.type(operand.slice(0, dot), f.typeParams, no);
      if (t.kind !== 'struct' && t.kind !== 'structInst')
        throw asmError(no, 'field borrow needs Struct.field');
      const def = this.defOf(t.handle, no);
      const fieldName = operand.slice(dot + 1);
      const field = (this.b.m.structDefs[def]!.fields ?? []).findIndex(
        (fd) => this.b.m.identifiers[fd.name] === fieldName,
      );
      if (field < 0) throw asmError(no, `no field ${fieldName}`);
      const handle = this.b.fieldHandle(def, field);
      if (t.kind === 'structInst') return { op: op(`${base}Generic`), a: this.b.fieldInst(handle, t.args) };
      return { op: op(base), a: handle };
    }
    const code = op(mnemonic);
    const info = opcodeByName(mnemonic)!;
    switch (info.operand) {
      case 'none':
        if (operand !== '') throw asmError(no, `${mnemonic} takes no operand`);
        return { op: code, a: 0 };
      case 'offset': {
        const target = labels.get(operand) ?? (/^\d+$/.test(operand) ? Number(operand) : undefined);
        if (target === undefined) throw asmError(no, `unknown label "${operand}"`);
        return { op: code, a: target };
      }
      case 'local': {
        const index = locals.indexOf(operand);
        const n = index >= 0 ? index : /^\d+$/.test(operand) ? Number(operand) : -1;
        if (n < 0) throw asmError(no, `unknown local "${operand}"`);
        return { op: code, a: n };
      }
      case 'u8':
      case 'u16':
      case 'u32':
        return { op: code, a: Number(parseInteger(operand, no)) };
      case 'u64':
      case 'u128':
      case 'u256':
        return { op: code, a: 0, big: parseInteger(operand, no) };
      case 'index-count':
      case 'index': {
        if (info.table === 'constant') return { op: code, a: Number(parseInteger(operand, no)) };
        if (!typeArg) throw asmError(no, `${mnemonic} needs a type argument: ${mnemonic}<T>`);
        const sig = this.b.signature([typeArg]);
        if (info.operand === 'index') return { op: code, a: sig };
        return { op: code, a: sig, count: Number(parseInteger(operand, no)) };
      }
      default:
        throw asmError(no, `cannot assemble ${mnemonic}`);
    }
  }

  call(operand: string, f: FunctionItem, no: number): Instruction {
    const lt = operand.indexOf('<');
    const path = lt < 0 ? operand : operand.slice(0, lt);
    const args =
      lt < 0 ? [] : splitTop(operand.slice(lt + 1, -1), ',').map((a) => this.type(a, f.typeParams, no));
    const { module, name } = this.member(path, no);
    const handle = this.b.findFunction(module, name);
    if (handle === undefined) throw asmError(no, `unknown function "${path}" (import it first)`);
    if (args.length) return { op: 0x38, a: this.b.functionInst(handle, args) };
    return { op: 0x11, a: handle };
  }

  defOf(handle: number, no: number): number {
    const def = this.b.m.structDefs.findIndex((d) => d.handle === handle);
    if (def < 0) throw asmError(no, 'struct instructions need a struct defined in this module');
    return def;
  }
}

function toScript(m: CompiledModule): CompiledScript {
  const main = m.functionDefs[0]!;
  const handle = m.functionHandles.pop()!;
  m.moduleHandles.pop();
  if (!main.code) throw asmError(1, 'script main needs a body');
  return {
    kind: 'script',
    versionWord: m.versionWord,
    version: m.version,
    addressWidth: m.addressWidth,
    headerOrder: [],
    contentOrder: [],
    moduleHandles: m.moduleHandles,
    structHandles: m.structHandles,
    functionHandles: m.functionHandles,
    functionInstantiations: m.functionInstantiations,
    signatures: m.signatures,
    identifiers: m.identifiers,
    addressIdentifiers: m.addressIdentifiers,
    constantPool: m.constantPool,
    metadata: m.metadata,
    typeParameters: handle.typeParameters,
    parameters: handle.parameters,
    code: main.code,
  };
}

function nameAndTypeParams(
  text: string,
  no: number,
): { name: string; typeParams: TypeParamDecl[]; tail: string } {
  const m = /^[\w:]+/.exec(text);
  if (!m) throw asmError(no, `expected a name in "${text}"`);
  let rest = text.slice(m[0].length);
  let typeParams: TypeParamDecl[] = [];
  if (rest.startsWith('<')) {
    const close = closeOf(rest, 0);
    typeParams = parseTypeParams(rest.slice(1, close - 1), no);
    rest = rest.slice(close);
  }
  return { name: m[0], typeParams, tail: rest.trim() };
}

function hasAbilities(tail: string, no: number): number {
  const m = /^has\s+(.+)$/.exec(tail.trim());
  return m ? parseAbilities(m[1]!.split(','), no) : 0;
}
