import { expectBinaryFormat, InvalidArgumentError, readInputFile } from '@polyvm/core';
import { watToWasm } from '../wat.js';

/**
 * Reads a module from a `.wasm` binary or assembles a `.wat` text file. A binary of another VM and
 * a `.wat` that does not assemble are usage errors with one line naming the file and the problem.
 */
export async function loadModuleFile(path: string): Promise<Uint8Array> {
  const raw = readInputFile(path, 'module');
  if (!/\.(wat|wast)$/.test(path)) {
    expectBinaryFormat(raw, 'wasm', path);
    return raw;
  }
  try {
    return await watToWasm(new TextDecoder().decode(raw), path);
  } catch (err) {
    // wabt reports "parseWat failed:\n<file>:<line>:<col>: error: …\n<source line>\n<caret>".
    const lines = (err as Error).message.split('\n').filter((l) => /error:/.test(l));
    const reason = lines[0]?.trim() ?? (err as Error).message.split('\n')[0];
    throw new InvalidArgumentError(`bad WAT: ${reason}`, { cause: err });
  }
}
