/**
 * What lowering one contract needs to know about the whole compilation: AST nodes by id, struct types,
 * the flattened storage, events, errors, and the queue of functions reached so far.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { revertIf } from '../ir/builders.js';
import type { IrError, IrEvent, IrFunction, IrStateVar } from '../ir/contract.js';
import type { Expr, SourceLoc } from '../ir/nodes.js';
import { abiTypeName, BOOL, type IrStructType, type IrType, UINT256 } from '../ir/types.js';
import { child, children, num, text, typeIdentifier } from './ast.js';
import { UnsupportedConstructError } from './errors.js';
import type { SolcContractOutput, SolcOutput, SolNode } from './solc.js';
import { layoutItems } from './struct-layout.js';
import { type ParsedType, parseTypeIdentifier } from './type-identifier.js';

export class ContractContext {
  readonly nodes: ReadonlyMap<number, SolNode>;
  readonly storage: IrStateVar[] = [];
  readonly stateVarByAst = new Map<number, number>();
  /** Declaration AST id of each `storage` entry. */
  readonly stateVarAstIds: number[] = [];
  readonly constants = new Map<number, SolNode>();
  readonly events = new Map<number, IrEvent>();
  readonly errors = new Map<number, IrError>();
  readonly functions = new Map<string, IrFunction>();
  /** Function definitions whose lowering was requested, by IR id. */
  readonly pending = new Map<string, SolNode>();
  private readonly structs = new Map<number, IrStructType>();
  /** Linearized contract definitions, most-derived first. */
  readonly linearization: SolNode[];

  constructor(
    readonly output: SolcOutput,
    readonly file: string,
    readonly contract: SolNode,
    readonly solcContract: SolcContractOutput,
  ) {
    this.nodes = nodeIndex(output);
    this.linearization = (contract.linearizedBaseContracts as number[]).map((id) => this.node(id));
  }

  node(id: number): SolNode {
    const node = this.nodes.get(id);
    if (node === undefined) throw new Error(`solc AST: no node with id ${id}`);
    return node;
  }

  loc(node: SolNode): SourceLoc {
    return this.output.locator.locate(node.src);
  }

  unsupported(node: SolNode, construct: string): never {
    throw new UnsupportedConstructError(this.loc(node), construct);
  }

  parse(node: SolNode): ParsedType {
    return parseTypeIdentifier(typeIdentifier(node), (id) => this.structType(id));
  }

  /** The IR type of a node that must have one (not a literal, not outside the subset). */
  typeOf(node: SolNode): IrType {
    return this.typeFrom(typeIdentifier(node), node);
  }

  /** The IR type of a type identifier (a `commonType`), reporting errors at `node`. */
  typeFrom(identifier: string, node: SolNode): IrType {
    const parsed = parseTypeIdentifier(identifier, (id) => this.structType(id));
    if (parsed.kind === 'type') return parsed.type;
    if (parsed.kind === 'unsupported') this.unsupported(node, `type ${parsed.name}`);
    this.unsupported(node, `a literal where a typed value is needed`);
  }

  structType(astId: number): IrStructType {
    const cached = this.structs.get(astId);
    if (cached !== undefined) return cached;
    const definition = this.node(astId);
    const members = children(definition, 'members');
    const types = members.map((m) => this.typeOf(m));
    const { positions, slots } = layoutItems(types);
    const struct: IrStructType = {
      kind: 'struct',
      name: text(definition, 'canonicalName'),
      fields: members.map((m, i) => ({
        name: text(m, 'name'),
        type: types[i]!,
        slot: positions[i]!.slot,
        offset: positions[i]!.offset,
      })),
      storageSlots: slots,
    };
    this.structs.set(astId, struct);
    return struct;
  }

  event(definition: SolNode): IrEvent {
    const cached = this.events.get(definition.id);
    if (cached !== undefined) return cached;
    const params = children(child(definition, 'parameters'), 'parameters').map((p) => ({
      name: text(p, 'name'),
      type: this.typeOf(p),
      indexed: p.indexed === true,
    }));
    const signature = `${text(definition, 'name')}(${params.map((p) => abiTypeName(p.type)).join(',')})`;
    const event: IrEvent = {
      name: text(definition, 'name'),
      signature,
      topic0: bytesToHex(keccak_256(utf8ToBytes(signature))),
      anonymous: definition.anonymous === true,
      params,
    };
    this.events.set(definition.id, event);
    return event;
  }

  error(definition: SolNode): IrError {
    const cached = this.errors.get(definition.id);
    if (cached !== undefined) return cached;
    const params = children(child(definition, 'parameters'), 'parameters').map((p) => ({
      name: text(p, 'name'),
      type: this.typeOf(p),
    }));
    const signature = `${text(definition, 'name')}(${params.map((p) => abiTypeName(p.type)).join(',')})`;
    const error: IrError = {
      name: text(definition, 'name'),
      signature,
      selector: bytesToHex(keccak_256(utf8ToBytes(signature))).slice(0, 8),
      params,
    };
    this.errors.set(definition.id, error);
    return error;
  }

  /** The IR id of a function definition: `Contract.name(paramTypes)`. */
  functionId(definition: SolNode): string {
    const scope = this.node(num(definition, 'scope'));
    const params = children(child(definition, 'parameters'), 'parameters').map((p) => this.paramTypeName(p));
    const name = definition.kind === 'constructor' ? 'constructor' : text(definition, 'name');
    const owner = typeof scope.name === 'string' ? `${scope.name}.` : '';
    return `${owner}${name}(${params.join(',')})`;
  }

  /** Virtual dispatch as solc resolves an internal call `f(…)`: the most-derived override. */
  resolveVirtual(definition: SolNode): SolNode {
    if (definition.virtual !== true && definition.overrides === undefined) return definition;
    const name = text(definition, 'name');
    const signature = this.paramSignature(definition);
    for (const contract of this.linearization) {
      for (const member of children(contract, 'nodes')) {
        if (member.nodeType !== 'FunctionDefinition' || member.name !== name) continue;
        if (this.paramSignature(member) === signature) return member;
      }
    }
    return definition;
  }

  /**
   * The id of a synthesised function `$enum.<Name>(uint256) returns (uint8)` that reverts with
   * Panic(0x21) when its argument is not a member index of the enum, as solc's conversion does.
   */
  enumChecker(enumId: number): string {
    const definition = this.node(enumId);
    const id = `$enum.${text(definition, 'canonicalName')}(uint256)`;
    if (this.functions.has(id)) return id;
    const loc = this.loc(definition);
    const uint8: IrType = { kind: 'uint', bits: 8 };
    const count = BigInt(children(definition, 'members').length);
    const value: Expr = { kind: 'local', type: UINT256, local: 0 };
    const tooLarge: Expr = {
      kind: 'compare',
      op: 'ge',
      type: BOOL,
      operandType: UINT256,
      left: value,
      right: { kind: 'const', type: UINT256, value: count },
    };
    this.functions.set(id, {
      id,
      name: id,
      kind: 'function',
      visibility: 'private',
      mutability: 'pure',
      selector: null,
      signature: null,
      params: [{ id: 0, name: 'value', type: UINT256, location: 'value' }],
      returns: [{ id: 1, name: '$ret0', type: uint8, location: 'value' }],
      locals: [
        { id: 0, name: 'value', type: UINT256, location: 'value' },
        { id: 1, name: '$ret0', type: uint8, location: 'value' },
      ],
      body: [
        revertIf(loc, tooLarge, { kind: 'panic', code: 0x21 }),
        { kind: 'return', loc, values: [{ kind: 'cast', type: uint8, operand: value }] },
      ],
      loc,
    });
    return id;
  }

  /** Queues a function for lowering and returns its id. */
  request(definition: SolNode): string {
    const id = this.functionId(definition);
    if (!this.functions.has(id) && !this.pending.has(id)) this.pending.set(id, definition);
    return id;
  }

  private paramSignature(definition: SolNode): string {
    return children(child(definition, 'parameters'), 'parameters')
      .map((p) => typeIdentifier(p))
      .join(',');
  }

  private paramTypeName(param: SolNode): string {
    const parsed = this.parse(param);
    return parsed.kind === 'type' ? abiTypeNameOrMapping(parsed.type) : typeIdentifier(param);
  }
}

function abiTypeNameOrMapping(type: IrType): string {
  return type.kind === 'mapping' ? 'mapping' : abiTypeName(type);
}

const indexes = new WeakMap<SolcOutput, Map<number, SolNode>>();

/** Every AST node of a compilation by id, built once per solc output. */
function nodeIndex(output: SolcOutput): Map<number, SolNode> {
  let index = indexes.get(output);
  if (index === undefined) {
    index = new Map();
    for (const ast of output.asts.values()) indexNodes(ast, index);
    indexes.set(output, index);
  }
  return index;
}

function indexNodes(node: unknown, into: Map<number, SolNode>): void {
  if (Array.isArray(node)) {
    for (const item of node) indexNodes(item, into);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (typeof record.nodeType === 'string' && typeof record.id === 'number') {
    into.set(record.id, record as unknown as SolNode);
  }
  for (const value of Object.values(record)) if (typeof value === 'object') indexNodes(value, into);
}
