import type { IrLocal } from '../ir/nodes.js';
import type { IrType } from '../ir/types.js';

/** The locals of one IR function and the lowering state that depends on the enclosing block. */
export class FunctionScope {
  readonly locals: IrLocal[] = [];
  private readonly byDeclaration = new Map<number, number>();
  /** Inside `unchecked { … }`: arithmetic wraps. */
  unchecked = false;
  /** Locals of the return parameters, for `return;` and fall-through. */
  returns: number[] = [];
  returnTypes: IrType[] = [];

  declare(name: string, type: IrType, location: IrLocal['location'], declarationId?: number): number {
    const id = this.locals.length;
    this.locals.push({ id, name, type, location });
    if (declarationId !== undefined) this.byDeclaration.set(declarationId, id);
    return id;
  }

  /** A compiler temporary (`$name`), never visible to Solidity code. */
  temporary(name: string, type: IrType): number {
    return this.declare(
      `$${name}${this.locals.length}`,
      type,
      type.kind === 'struct' || type.kind === 'array' || type.kind === 'string' || type.kind === 'bytes'
        ? 'memory'
        : 'value',
    );
  }

  lookup(declarationId: number): IrLocal | undefined {
    const id = this.byDeclaration.get(declarationId);
    return id === undefined ? undefined : this.locals[id];
  }
}
