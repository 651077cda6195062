import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JournaledState } from '@polyvm/core';
import { deserializeModule } from '../binary/deserialize.js';
import type { MoveRuntime } from '../runtime.js';

/**
 * Publishes every `.mv` module of a folder in dependency order (a module after the modules it
 * uses), each from its own address. Returns the number published; throws on the first failure.
 */
export function publishFolder(runtime: MoveRuntime, state: JournaledState, folder: string): number {
  const modules = readdirSync(folder)
    .filter((f) => f.endsWith('.mv'))
    .map((file) => {
      const bytes = readFileSync(join(folder, file));
      const m = deserializeModule(bytes, { addressWidth: runtime.addressWidth });
      const id = (i: number): string => {
        const h = m.moduleHandles[i]!;
        return `${Buffer.from(m.addressIdentifiers[h.address]!).toString('hex')}::${m.identifiers[h.name]}`;
      };
      const self = m.moduleHandles[m.selfModuleHandle]!;
      return {
        file,
        bytes,
        id: id(m.selfModuleHandle),
        address: m.addressIdentifiers[self.address]!,
        deps: m.moduleHandles.map((_, i) => id(i)).filter((_, i) => i !== m.selfModuleHandle),
      };
    });
  const done = new Set<string>();
  let progress = true;
  while (progress) {
    progress = false;
    for (const mod of modules) {
      if (done.has(mod.id) || !mod.deps.every((d) => done.has(d))) continue;
      const receipt = runtime.deploy(state, { sender: mod.address, code: mod.bytes, gasLimit: 100_000_000n });
      if (receipt.status !== 'success') throw new Error(`publishing ${mod.file}: ${receipt.error?.message}`);
      done.add(mod.id);
      progress = true;
    }
  }
  const missing = modules.filter((m) => !done.has(m.id)).map((m) => m.file);
  if (missing.length) throw new Error(`unresolvable dependencies: ${missing.join(', ')}`);
  return done.size;
}
