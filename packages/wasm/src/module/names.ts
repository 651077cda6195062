import { ByteReader } from '../binary/reader.js';
import type { WasmModule } from './types.js';

/**
 * A display name for every function index: the `name` custom section's function names
 * (appendix 7.4, subsection 1) when present, else the first export name, else `module.field`
 * for imports, else `func[i]`. A malformed name section is ignored, as the spec requires.
 */
export function functionNames(m: WasmModule): string[] {
  const names: string[] = [];
  let i = 0;
  for (const imp of m.imports) if (imp.desc.kind === 'func') names[i++] = `${imp.module}.${imp.name}`;
  for (const e of m.exports) if (e.kind === 'func' && names[e.index] === undefined) names[e.index] = e.name;
  const section = m.customs.find((c) => c.name === 'name');
  if (section) {
    try {
      const r = new ByteReader(section.bytes);
      while (!r.atEnd) {
        const id = r.u8();
        const end = r.u32() + r.pos;
        if (id === 1) {
          const count = r.u32();
          for (let k = 0; k < count; k++) {
            const index = r.u32();
            names[index] = r.name();
          }
        }
        r.pos = end;
      }
    } catch {
      // Custom sections never make a module invalid; keep what was read.
    }
  }
  const total = m.funcTypeIndex.length;
  for (let k = 0; k < total; k++) names[k] ??= `func[${k}]`;
  return names;
}
