import type { CompiledModule, SignatureToken } from '../binary/types.js';
import { verifyError } from './error.js';

/**
 * Struct definitions must have fields (check_duplication.rs: `ZERO_SIZED_STRUCT`; compilers add a
 * `dummy_field` to empty structs) and must not contain themselves, directly or through other
 * structs of the module, vectors or type arguments (struct_defs.rs `RecursiveStructDefChecker`:
 * `RECURSIVE_STRUCT_DEFINITION`). Structs of other modules cannot close a cycle, since module
 * dependencies are acyclic.
 */
export function checkStructDefinitions(module: CompiledModule): void {
  const defOfHandle = new Map<number, number>();
  module.structDefs.forEach((d, i) => {
    defOfHandle.set(d.handle, i);
    if (d.fields !== undefined && d.fields.length === 0) {
      const name = module.identifiers[module.structHandles[d.handle]!.name];
      throw verifyError('ZERO_SIZED_STRUCT', `struct ${name} has no fields`);
    }
  });
  const edges = module.structDefs.map((d) => {
    const out = new Set<number>();
    const walk = (t: SignatureToken): void => {
      if (t.kind === 'vector') walk(t.elem);
      else if (t.kind === 'struct' || t.kind === 'structInst') {
        const def = defOfHandle.get(t.handle);
        if (def !== undefined) out.add(def);
        if (t.kind === 'structInst') t.args.forEach(walk);
      }
    };
    for (const f of d.fields ?? []) walk(f.type);
    return [...out];
  });
  // Iterative depth-first search for a cycle (0 unvisited, 1 on the path, 2 done).
  const color = new Uint8Array(edges.length);
  for (let root = 0; root < edges.length; root++) {
    if (color[root] !== 0) continue;
    const path: [number, number][] = [[root, 0]];
    color[root] = 1;
    while (path.length > 0) {
      const top = path[path.length - 1]!;
      const next = edges[top[0]]![top[1]++];
      if (next === undefined) {
        color[top[0]] = 2;
        path.pop();
      } else if (color[next] === 1) {
        const name = module.identifiers[module.structHandles[module.structDefs[next]!.handle]!.name];
        throw verifyError('RECURSIVE_STRUCT_DEFINITION', `struct ${name} contains itself`);
      } else if (color[next] === 0) {
        color[next] = 1;
        path.push([next, 0]);
      }
    }
  }
}
