import type { CodeBuilder, Label } from './code-builder.js';

interface Pending {
  readonly label: Label;
  readonly inputs: number;
  readonly outputs: 0 | 1;
  readonly body: () => void;
}

/**
 * Shared code emitted once per program and called with a return address (byte-string copies between
 * memory and storage, which would otherwise be inlined at every use). A call takes its `inputs` from the
 * top of the stack and leaves its `outputs` there; the body is emitted by `emit` after all other code.
 */
export class Subroutines {
  readonly #labels = new Map<string, Label>();
  readonly #pending: Pending[] = [];

  constructor(private readonly b: CodeBuilder) {}

  call(name: string, inputs: number, outputs: 0 | 1, body: () => void): void {
    const b = this.b;
    let label = this.#labels.get(name);
    if (label === undefined) {
      label = b.newLabel(`subroutine ${name}`, true);
      this.#labels.set(name, label);
      this.#pending.push({ label, inputs, outputs, body });
    }
    const back = b.newLabel(`return from ${name}`);
    const height = b.height;
    b.pushLabel(back).jump(label);
    b.setHeight(height - inputs + outputs).mark(back);
  }

  /** Emits every subroutine called so far (and those they call). */
  emit(): void {
    const b = this.b;
    for (let next = this.#pending.shift(); next !== undefined; next = this.#pending.shift()) {
      // [inputs…, return] → [return, inputs…]
      b.setHeight(next.inputs + 1).mark(next.label);
      for (let i = next.inputs; i >= 1; i--) b.swap(i);
      next.body();
      if (next.outputs === 1) b.swap(1);
      b.op('JUMP');
    }
  }
}
