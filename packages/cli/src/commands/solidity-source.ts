import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type ContractArtifact, compile, UnsupportedConstructError } from '@polyvm/compiler';
import type { ParsedArgs } from '../args.js';
import type { CliIO } from '../io.js';

/**
 * Compiles the `.sol` file of `polyvm build`/`call` (`--contract` picks the contract). A construct
 * outside the supported subset prints `file:line:col: unsupported: …` and returns null (exit 1).
 */
export function compileFile(file: string, args: ParsedArgs, io: CliIO): ContractArtifact | null {
  const contract = args.flags.get('contract');
  try {
    return compile(readFileSync(file, 'utf8'), {
      file: basename(file),
      ...(typeof contract === 'string' ? { contract } : {}),
    });
  } catch (error) {
    if (error instanceof UnsupportedConstructError) {
      io.err(error.message);
      return null;
    }
    throw error;
  }
}
