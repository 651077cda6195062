import { readFileSync } from 'node:fs';
import { watToWasm } from '../wat.js';

/** Reads a module from a `.wasm` binary or assembles a `.wat` text file. */
export async function loadModuleFile(path: string): Promise<Uint8Array> {
  const raw = readFileSync(path);
  if (path.endsWith('.wat') || path.endsWith('.wast')) return watToWasm(raw.toString('utf8'), path);
  return new Uint8Array(raw);
}
