/**
 * Random Solidity programs inside the supported subset, for differential fuzzing: integer expressions
 * at every width (checked and unchecked, casts, shifts, exponentiation, division), locals, branches,
 * bounded loops, storage scalars, a mapping, a dynamic storage array, memory arrays and internal calls.
 * Deterministic per seed; every program is one contract `Fuzz<seed>` with `run(p0, p1, p2)`.
 */

/** mulberry32: a small deterministic PRNG (no Math.random, so seeds reproduce). */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  bigBits(bits: number): bigint {
    let v = 0n;
    for (let i = 0; i < bits; i += 16) v = (v << 16n) | BigInt(this.int(65536));
    return v & ((1n << BigInt(bits)) - 1n);
  }
}

interface IntType {
  readonly signed: boolean;
  readonly bits: number;
}
const WIDTHS = [8, 16, 32, 64, 128, 256];
const name = (t: IntType) => `${t.signed ? 'int' : 'uint'}${t.bits}`;
const range = (t: IntType) =>
  t.signed
    ? { min: -(1n << BigInt(t.bits - 1)), max: (1n << BigInt(t.bits - 1)) - 1n }
    : { min: 0n, max: (1n << BigInt(t.bits)) - 1n };

interface Variable {
  readonly expr: string;
  readonly type: IntType;
  /** A storage or local scalar that may be assigned. */
  readonly assignable: boolean;
}

export interface FuzzProgram {
  readonly seed: number;
  readonly contract: string;
  readonly source: string;
  readonly paramTypes: readonly string[];
  readonly argSets: readonly (readonly string[])[];
}

class Generator {
  private readonly vars: Variable[] = [];
  private locals = 0;
  unchecked = false;
  /** The helper's own body may not call it (no unbounded recursion). */
  allowHelper = true;
  private loopDepth = 0;
  readonly lines: string[] = [];

  constructor(
    readonly rng: Rng,
    readonly helperType: IntType,
    readonly arrayType: IntType,
    readonly mapType: IntType,
  ) {}

  randomType(): IntType {
    return { signed: this.rng.chance(0.5), bits: this.rng.pick(WIDTHS) };
  }

  literal(t: IntType): string {
    const { min, max } = range(t);
    // Mostly small values (so some programs get past the checks), with the edges of the type.
    const small = BigInt(this.rng.int(100)) * (t.signed && this.rng.chance(0.3) ? -1n : 1n);
    const v = this.rng.pick([
      small,
      small,
      small,
      0n,
      1n,
      2n,
      max,
      max - 1n,
      min,
      this.rng.bigBits(t.bits) % (max + 1n),
    ]);
    return `${name(t)}(${v})`;
  }

  /** An expression of type `t` (depth-bounded). */
  expr(t: IntType, depth: number): string {
    const candidates = this.vars.filter((v) => v.type.signed === t.signed && v.type.bits === t.bits);
    if (depth <= 0 || this.rng.chance(0.25)) {
      if (candidates.length > 0 && this.rng.chance(0.7)) return this.rng.pick(candidates).expr;
      if (this.vars.length > 0 && this.rng.chance(0.5)) return this.cast(this.rng.pick(this.vars), t);
      return this.literal(t);
    }
    const d = depth - 1;
    switch (this.rng.int(10)) {
      case 0:
      case 1:
      case 2: {
        const op = this.rng.pick(['+', '-', '*', '/', '%', '&', '|', '^', '+', '&', '|', '^']);
        // Most divisors are made odd (non-zero) so that programs get past them; some may be zero.
        const divisor = (op === '/' || op === '%') && this.rng.chance(0.7);
        return `(${this.expr(t, d)} ${op} ${divisor ? `(${this.expr(t, d)} | ${name(t)}(1))` : this.expr(t, d)})`;
      }
      case 3: {
        const amount = this.rng.chance(0.5)
          ? `uint16(${this.rng.pick([0, 1, 7, t.bits - 1, t.bits, t.bits + 3, 255])})`
          : `uint16(${this.shiftAmount()})`;
        return `(${this.expr(t, d)} ${this.rng.pick(['<<', '>>'])} ${amount})`;
      }
      case 4:
        return `(${this.expr(t, d)} ** uint8(${this.rng.pick([0, 1, 2, 3, 5, 8, 17])}))`;
      case 5:
        return t.signed ? `(-${this.expr(t, d)})` : `(~${this.expr(t, d)})`;
      case 6:
        return `(${this.condition(d)} ? ${this.expr(t, d)} : ${this.expr(t, d)})`;
      case 7:
        if (this.allowHelper && t.signed === this.helperType.signed && t.bits === this.helperType.bits) {
          return `helper(${this.expr(t, d)}, ${this.expr(t, d)})`;
        }
        return this.cast(
          { expr: this.expr(this.helperType, d).replace(/^/, ''), type: this.helperType, assignable: false },
          t,
        );
      case 8: {
        const other = this.randomType();
        return this.cast({ expr: this.expr(other, d), type: other, assignable: false }, t);
      }
      default:
        return `(${this.expr(t, d)} ${this.rng.pick(['+', '-', '*'])} ${this.literal(t)})`;
    }
  }

  private shiftAmount(): string {
    const unsigned = this.vars.filter((v) => !v.type.signed && v.type.bits <= 16);
    return unsigned.length > 0 ? `${this.rng.pick(unsigned).expr} % 300` : String(this.rng.int(300));
  }

  /** `T(x)`: Solidity allows one change (sign or width) per conversion, so sign first, then width. */
  cast(v: Variable, t: IntType): string {
    if (v.type.signed === t.signed) return `${name(t)}(${v.expr})`;
    const sameWidth = { signed: t.signed, bits: v.type.bits };
    return `${name(t)}(${name(sameWidth)}(${v.expr}))`;
  }

  condition(depth: number): string {
    const t = this.randomType();
    const op = this.rng.pick(['<', '<=', '==', '!=', '>', '>=']);
    const base = `${this.expr(t, Math.min(depth, 1))} ${op} ${this.expr(t, Math.min(depth, 1))}`;
    if (this.rng.chance(0.2)) return `(${base} ${this.rng.pick(['&&', '||'])} ${this.condition(0)})`;
    return `(${base})`;
  }

  statements(count: number, indent: string): void {
    for (let i = 0; i < count; i++) this.statement(indent);
  }

  /** A nested block: locals declared inside go out of scope at its end. */
  block(count: number, indent: string): void {
    const before = this.vars.length;
    this.statements(count, indent);
    this.vars.length = before;
  }

  statement(indent: string): void {
    const emit = (line: string) => this.lines.push(`${indent}${line}`);
    const assignable = this.vars.filter((v) => v.assignable);
    switch (this.rng.int(12)) {
      case 0:
      case 1: {
        if (this.locals >= 6) break;
        const t = this.randomType();
        const local = `l${this.locals++}`;
        emit(`${name(t)} ${local} = ${this.expr(t, 3)};`);
        this.vars.push({ expr: local, type: t, assignable: true });
        return;
      }
      case 2:
      case 3: {
        if (assignable.length === 0) break;
        const target = this.rng.pick(assignable);
        const op = this.rng.pick(['=', '=', '+=', '-=', '*=', '^=']);
        emit(`${target.expr} ${op} ${this.expr(target.type, 3)};`);
        return;
      }
      case 4: {
        if (this.loopDepth > 0 && this.rng.chance(0.5)) break;
        this.lines.push(`${indent}if ${this.condition(2)} {`);
        this.block(1 + this.rng.int(3), `${indent}    `);
        if (this.rng.chance(0.5)) {
          this.lines.push(`${indent}} else {`);
          this.block(1 + this.rng.int(2), `${indent}    `);
        }
        emit('}');
        return;
      }
      case 5: {
        if (this.loopDepth >= 2) break;
        const counter = `i${this.loopDepth}`;
        this.lines.push(
          `${indent}for (uint256 ${counter} = 0; ${counter} < ${1 + this.rng.int(5)}; ${counter}++) {`,
        );
        this.loopDepth++;
        const before = this.vars.length;
        this.vars.push({ expr: counter, type: { signed: false, bits: 256 }, assignable: false });
        this.block(1 + this.rng.int(3), `${indent}    `);
        if (this.rng.chance(0.3))
          emit(`    if (${counter} == ${this.rng.int(4)}) ${this.rng.pick(['break', 'continue'])};`);
        this.vars.length = before;
        this.loopDepth--;
        emit('}');
        return;
      }
      case 6: {
        if (this.unchecked) break;
        this.lines.push(`${indent}unchecked {`);
        this.unchecked = true;
        this.block(1 + this.rng.int(3), `${indent}    `);
        this.unchecked = false;
        emit('}');
        return;
      }
      case 7:
        emit(`m[${this.expr({ signed: false, bits: 256 }, 1)} % 8] = ${this.expr(this.mapType, 2)};`);
        return;
      case 8:
        if (this.rng.chance(0.6)) emit(`arr.push(${this.expr(this.arrayType, 2)});`);
        else emit('if (arr.length > 0) arr.pop();');
        return;
      case 9: {
        if (this.locals >= 6) break;
        const t = this.randomType();
        const local = `l${this.locals++}`;
        const length = 1 + this.rng.int(4);
        emit(`${name(t)}[] memory ${local}a = new ${name(t)}[](${length});`);
        emit(
          `${local}a[${this.expr({ signed: false, bits: 256 }, 1)} % ${length + (this.rng.chance(0.2) ? 1 : 0)}] = ${this.expr(t, 2)};`,
        );
        emit(`${name(t)} ${local} = ${local}a[${this.rng.int(length)}] + ${local}a[0];`);
        this.vars.push({ expr: local, type: t, assignable: true });
        return;
      }
      case 10:
        emit(`require(${this.condition(1)}, "fuzz require");`);
        return;
      default:
        if (this.loopDepth === 0 && this.rng.chance(0.3)) {
          emit(`if ${this.condition(1)} return ${this.expr(RETURN_TYPE, 2)};`);
          return;
        }
        break;
    }
    emit(`s0 = ${this.expr(STATE_TYPES[0]!, 2)};`);
  }

  declare(v: Variable): void {
    this.vars.push(v);
  }
}

const RETURN_TYPE: IntType = { signed: false, bits: 256 };
const STATE_TYPES: IntType[] = [
  { signed: false, bits: 64 },
  { signed: true, bits: 128 },
  { signed: false, bits: 8 },
];

export function generateProgram(seed: number): FuzzProgram {
  const rng = new Rng(seed);
  const randomType = (): IntType => ({ signed: rng.chance(0.5), bits: rng.pick(WIDTHS) });
  const helperType = randomType();
  const arrayType = randomType();
  const mapType = randomType();
  const params = [randomType(), randomType(), randomType()];
  const g = new Generator(rng, helperType, arrayType, mapType);
  STATE_TYPES.forEach((t, i) => {
    g.declare({ expr: `s${i}`, type: t, assignable: true });
  });
  params.forEach((t, i) => {
    g.declare({ expr: `p${i}`, type: t, assignable: true });
  });
  const helperGen = new Generator(rng, helperType, arrayType, mapType);
  helperGen.declare({ expr: 'a', type: helperType, assignable: false });
  helperGen.declare({ expr: 'b', type: helperType, assignable: false });
  helperGen.allowHelper = false;
  const helperBody = helperGen.expr(helperType, 2);
  // Half of the programs run their body unchecked (wrapping), half checked.
  const wrapBody = rng.chance(0.5);
  g.unchecked = wrapBody;
  g.statements(3 + rng.int(6), '        ');
  g.lines.push(`        return ${g.expr(RETURN_TYPE, 3)};`);
  if (wrapBody)
    g.lines.splice(0, g.lines.length, '        unchecked {', ...g.lines.map((l) => `    ${l}`), '        }');
  const contract = `Fuzz${seed}`;
  const source = [
    `contract ${contract} {`,
    ...STATE_TYPES.map((t, i) => `    ${name(t)} public s${i};`),
    `    mapping(uint256 => ${name(mapType)}) public m;`,
    `    ${name(arrayType)}[] public arr;`,
    `    function helper(${name(helperType)} a, ${name(helperType)} b) internal pure returns (${name(helperType)}) {`,
    `        return ${helperBody};`,
    '    }',
    `    function run(${params.map((t, i) => `${name(t)} p${i}`).join(', ')}) external returns (uint256) {`,
    ...g.lines,
    '    }',
    '}',
  ].join('\n');
  const argSets = Array.from({ length: 3 }, () =>
    params.map((t) => g.literal(t).replace(/^[a-z]+\d+\((.*)\)$/, '$1')),
  );
  return { seed, contract, source, paramTypes: params.map(name), argSets };
}
