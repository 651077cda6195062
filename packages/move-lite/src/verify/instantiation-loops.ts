import type { CompiledModule, SignatureToken } from '../binary/types.js';
import { verifyError } from './error.js';

interface Edge {
  from: number;
  to: number;
  /** True when the callee's type argument wraps the caller's parameter (e.g. `vector<T>`). */
  grows: boolean;
}

function mentions(t: SignatureToken, index: number): boolean {
  switch (t.kind) {
    case 'tparam':
      return t.index === index;
    case 'vector':
      return mentions(t.elem, index);
    case 'ref':
    case 'mutref':
      return mentions(t.inner, index);
    case 'structInst':
      return t.args.some((a) => mentions(a, index));
    default:
      return false;
  }
}

/**
 * Instantiation loops (move-bytecode-verifier `instantiation_loops.rs`): nodes are (function,
 * type parameter) pairs of this module; a generic call adds an edge from each caller parameter to
 * each callee parameter whose argument mentions it, marked "growing" unless the argument is the
 * parameter itself. A strongly connected component containing a growing edge would instantiate
 * ever larger types (`f<T>` calling `f<vector<T>>`), so the module is rejected.
 */
export function checkInstantiationLoops(module: CompiledModule): void {
  const defOfHandle = new Map<number, number>();
  module.functionDefs.forEach((d, i) => {
    defOfHandle.set(d.handle, i);
  });
  const base: number[] = [];
  let nodes = 0;
  for (const d of module.functionDefs) {
    base.push(nodes);
    nodes += module.functionHandles[d.handle]!.typeParameters.length;
  }
  const edges: Edge[] = [];
  module.functionDefs.forEach((def, caller) => {
    const callerParams = module.functionHandles[def.handle]!.typeParameters.length;
    for (const ins of def.code?.code ?? []) {
      if (ins.op !== 0x38) continue; // CallGeneric
      const inst = module.functionInstantiations[ins.a]!;
      const callee = defOfHandle.get(inst.target);
      if (callee === undefined) continue;
      module.signatures[inst.typeParameters]!.forEach((arg, j) => {
        for (let i = 0; i < callerParams; i++) {
          if (!mentions(arg, i)) continue;
          const grows = !(arg.kind === 'tparam' && arg.index === i);
          edges.push({ from: base[caller]! + i, to: base[callee]! + j, grows });
        }
      });
    }
  });
  const component = stronglyConnected(nodes, edges);
  for (const e of edges) {
    if (e.grows && component[e.from] === component[e.to]) {
      throw verifyError('LOOP_IN_INSTANTIATION_GRAPH', 'a generic call cycle instantiates ever larger types');
    }
  }
}

/** Tarjan's algorithm; returns each node's component id. */
function stronglyConnected(n: number, edges: readonly Edge[]): number[] {
  const out: number[][] = Array.from({ length: n }, () => []);
  for (const e of edges) out[e.from]!.push(e.to);
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const comp = new Array<number>(n).fill(-1);
  const stack: number[] = [];
  let counter = 0;
  let comps = 0;
  const visit = (v: number): void => {
    index[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = true;
    for (const w of out[v]!) {
      if (index[w] === -1) {
        visit(w);
        low[v] = Math.min(low[v]!, low[w]!);
      } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
    }
    if (low[v] === index[v]) {
      let w: number;
      do {
        w = stack.pop()!;
        onStack[w] = false;
        comp[w] = comps;
      } while (w !== v);
      comps++;
    }
  };
  for (let v = 0; v < n; v++) if (index[v] === -1) visit(v);
  return comp;
}
