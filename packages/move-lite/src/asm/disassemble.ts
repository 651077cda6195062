import { opcodeInfo } from '../binary/opcodes.js';
import {
  type CodeUnit,
  type CompiledModule,
  type CompiledUnit,
  FunctionFlag,
  type Instruction,
  type SignatureToken,
} from '../binary/types.js';
import {
  formatAbilities,
  formatToken,
  functionHandleName,
  identifier,
  isLocal,
  moduleHandleName,
} from '../binary/view.js';
import { isBranch } from '../verify/cfg.js';

const typeParamNames = (n: number): string[] => Array.from({ length: n }, (_, i) => `T${i}`);

/**
 * Prints a module in the polyvm Move assembler syntax (see `assemble.ts`), in the spirit of the
 * Move disassembler: declarations first, then each function with its locals and labelled code.
 * The output assembles back to an equivalent module, which the tests check on every fixture.
 */
export interface DisassembleOptions {
  /** Append each instruction's code offset as a `// pc` comment (what traces and errors report). */
  offsets?: boolean;
}

export function disassemble(unit: CompiledUnit, options: DisassembleOptions = {}): string {
  const offsets = options.offsets ?? false;
  if (unit.kind === 'script') return disassembleScript(unit, offsets);
  const m = unit;
  const out: string[] = [
    `module ${moduleHandleName(m, m.selfModuleHandle)}`,
    `// binary format v${m.version}`,
  ];
  m.moduleHandles.forEach((_, i) => {
    if (i !== m.selfModuleHandle) out.push(`use ${moduleHandleName(m, i)}`);
  });
  for (const f of m.friendDecls) out.push(`friend ${friendName(m, f)}`);
  m.structHandles.forEach((h, i) => {
    if (isLocal(m, h.module)) return;
    const tps = h.typeParameters.map(
      (p, j) => `${p.isPhantom ? 'phantom ' : ''}T${j}${constraint(p.constraints)}`,
    );
    out.push(
      `import struct ${formatToken(m, { kind: 'struct', handle: i })}${tps.length ? `<${tps.join(', ')}>` : ''}${abilities(h.abilities)}`,
    );
  });
  m.functionHandles.forEach((h) => {
    if (isLocal(m, h.module)) return;
    const names = typeParamNames(h.typeParameters.length);
    out.push(
      `import fun ${functionHandleName(m, h, true)}${typeParams(h.typeParameters)}(${m.signatures[h.parameters]!.map((t) => formatToken(m, t, names)).join(', ')})${returns(m, m.signatures[h.returns]!, names)}`,
    );
  });
  for (const e of m.metadata) out.push(`metadata ${hex(e.key)} ${hex(e.value)}`);
  m.constantPool.forEach((c, i) => {
    out.push(`const ${i}: ${formatToken(m, c.type)} = ${hex(c.data)}`);
  });
  for (const d of m.structDefs) {
    const h = m.structHandles[d.handle]!;
    const tps = h.typeParameters.map(
      (p, j) => `${p.isPhantom ? 'phantom ' : ''}T${j}${constraint(p.constraints)}`,
    );
    const head = `${d.fields ? '' : 'native '}struct ${identifier(m, h.name)}${tps.length ? `<${tps.join(', ')}>` : ''}${abilities(h.abilities)}`;
    if (!d.fields) {
      out.push('', head);
      continue;
    }
    const names = typeParamNames(h.typeParameters.length);
    out.push(
      '',
      `${head} {`,
      ...d.fields.map((f) => `  ${identifier(m, f.name)}: ${formatToken(m, f.type, names)}`),
      '}',
    );
  }
  for (const f of m.functionDefs) {
    const h = m.functionHandles[f.handle]!;
    const names = typeParamNames(h.typeParameters.length);
    const params = m.signatures[h.parameters]!;
    const mods = [
      f.code ? '' : 'native ',
      ['', 'public ', 'script ', 'friend '][f.visibility],
      f.flags & FunctionFlag.Entry ? 'entry ' : '',
    ].join('');
    const acquires = f.acquires.length
      ? ` acquires ${f.acquires.map((a) => identifier(m, m.structHandles[m.structDefs[a]!.handle]!.name)).join(', ')}`
      : '';
    const sig = `${mods}fun ${identifier(m, h.name)}${typeParams(h.typeParameters)}(${params.map((t, i) => `a${i}: ${formatToken(m, t, names)}`).join(', ')})${returns(m, m.signatures[h.returns]!, names)}${acquires}`;
    if (!f.code) {
      out.push('', sig);
      continue;
    }
    out.push('', `${sig} {`, ...body(m, f.code, params.length, names, offsets), '}');
  }
  return `${out.join('\n')}\n`;
}

function friendName(m: CompiledModule, f: { address: number; name: number }): string {
  const addr = m.addressIdentifiers[f.address];
  const short = addr ? `0x${Buffer.from(addr).toString('hex').replace(/^0+/, '') || '0'}` : '<bad address>';
  return `${short}::${identifier(m, f.name)}`;
}

function disassembleScript(s: Extract<CompiledUnit, { kind: 'script' }>, offsets: boolean): string {
  const names = typeParamNames(s.typeParameters.length);
  const params = s.signatures[s.parameters]!;
  const out = [`script`, `// binary format v${s.version}`];
  s.moduleHandles.forEach((_, i) => {
    out.push(`use ${moduleHandleName(s, i)}`);
  });
  s.structHandles.forEach((h, i) => {
    const tps = h.typeParameters.map(
      (p, j) => `${p.isPhantom ? 'phantom ' : ''}T${j}${constraint(p.constraints)}`,
    );
    out.push(
      `import struct ${formatToken(s, { kind: 'struct', handle: i })}${tps.length ? `<${tps.join(', ')}>` : ''}${abilities(h.abilities)}`,
    );
  });
  s.functionHandles.forEach((h) => {
    const n = typeParamNames(h.typeParameters.length);
    out.push(
      `import fun ${functionHandleName(s, h, true)}${typeParams(h.typeParameters)}(${s.signatures[h.parameters]!.map((t) => formatToken(s, t, n)).join(', ')})${returns(s, s.signatures[h.returns]!, n)}`,
    );
  });
  s.constantPool.forEach((c, i) => {
    out.push(`const ${i}: ${formatToken(s, c.type)} = ${hex(c.data)}`);
  });
  out.push(
    '',
    `fun main${typeParams(s.typeParameters)}(${params.map((t, i) => `a${i}: ${formatToken(s, t, names)}`).join(', ')}) {`,
    ...body(s, s.code, params.length, names, offsets),
    '}',
  );
  return `${out.join('\n')}\n`;
}

function body(
  unit: CompiledUnit,
  code: CodeUnit,
  paramCount: number,
  names: string[],
  offsets: boolean,
): string[] {
  const locals = unit.signatures[code.locals] ?? [];
  const lines: string[] = [];
  if (locals.length) {
    lines.push(
      `  locals ${locals.map((t, i) => `l${paramCount + i}: ${formatToken(unit, t, names)}`).join(', ')}`,
    );
  }
  const targets = new Set(code.code.filter((i) => isBranch(i.op)).map((i) => i.a));
  code.code.forEach((ins, pc) => {
    if (targets.has(pc)) lines.push(`L${pc}:`);
    const text = `  ${formatInstruction(unit, ins, paramCount, names)}`;
    lines.push(offsets ? `${text.padEnd(40)} // ${pc}` : text);
  });
  return lines;
}

/** One instruction in assembler syntax, with names instead of table indices. */
export function formatInstruction(
  unit: CompiledUnit,
  ins: Instruction,
  paramCount: number,
  names: readonly string[],
): string {
  const info = opcodeInfo(ins.op)!;
  const m = unit as CompiledModule;
  const local = (i: number): string => (i < paramCount ? `a${i}` : `l${i}`);
  const structDef = (def: number, args?: SignatureToken[]): string => {
    const handle = m.structDefs[def]!.handle;
    return formatToken(unit, args ? { kind: 'structInst', handle, args } : { kind: 'struct', handle }, names);
  };
  const structInst = (i: number): string => {
    const inst = m.structDefInstantiations[i]!;
    return structDef(inst.target, m.signatures[inst.typeParameters]!);
  };
  const field = (fh: number, args?: SignatureToken[]): string => {
    const h = m.fieldHandles[fh]!;
    const fieldName = identifier(unit, m.structDefs[h.owner]!.fields![h.field]!.name);
    return `${structDef(h.owner, args)}.${fieldName}`;
  };
  const name = info.name.replace(/Generic$/, '');
  switch (info.operand) {
    case 'none':
      return info.name;
    case 'offset':
      return `${info.name} L${ins.a}`;
    case 'local':
      return `${info.name} ${local(ins.a)}`;
    case 'u8':
    case 'u16':
    case 'u32':
      return `${info.name} ${ins.a}`;
    case 'u64':
    case 'u128':
    case 'u256':
      return `${info.name} ${ins.big}`;
    case 'index-count':
      return `${info.name}<${formatToken(unit, unit.signatures[ins.a]![0]!, names)}> ${ins.count}`;
  }
  switch (info.table) {
    case 'constant':
      return `${info.name} ${ins.a}`;
    case 'signature':
      return `${info.name}<${formatToken(unit, unit.signatures[ins.a]![0]!, names)}>`;
    case 'functionHandle': {
      const h = unit.functionHandles[ins.a]!;
      return `${name} ${functionHandleName(unit, h, !isLocal(unit, h.module))}`;
    }
    case 'functionInst': {
      const inst = unit.functionInstantiations[ins.a]!;
      const h = unit.functionHandles[inst.target]!;
      const args = unit.signatures[inst.typeParameters]!.map((t) => formatToken(unit, t, names));
      return `${name} ${functionHandleName(unit, h, !isLocal(unit, h.module))}<${args.join(', ')}>`;
    }
    case 'structDef':
      return `${name} ${structDef(ins.a)}`;
    case 'structInst':
      return `${name} ${structInst(ins.a)}`;
    case 'fieldHandle':
      return `${name} ${field(ins.a)}`;
    case 'fieldInst': {
      const fi = m.fieldInstantiations[ins.a]!;
      return `${name} ${field(fi.target, m.signatures[fi.typeParameters]!)}`;
    }
  }
  return info.name;
}

function typeParams(constraints: readonly number[]): string {
  return constraints.length ? `<${constraints.map((c, i) => `T${i}${constraint(c)}`).join(', ')}>` : '';
}

function constraint(bits: number): string {
  const names = formatAbilities(bits);
  return names.length ? `: ${names.join(' + ')}` : '';
}

function abilities(bits: number): string {
  const names = formatAbilities(bits);
  return names.length ? ` has ${names.join(', ')}` : '';
}

function returns(unit: CompiledUnit, sig: readonly SignatureToken[], names: string[]): string {
  if (sig.length === 0) return '';
  if (sig.length === 1) return `: ${formatToken(unit, sig[0]!, names)}`;
  return `: (${sig.map((t) => formatToken(unit, t, names)).join(', ')})`;
}

function hex(b: Uint8Array): string {
  return `0x${Buffer.from(b).toString('hex')}`;
}
