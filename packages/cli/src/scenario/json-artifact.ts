import { InvalidArgumentError, readInputFile } from '@polyvm/core';

/**
 * A JSON artifact a scenario names (an EVM ABI, solc output, an Anchor IDL): read, decoded and
 * parsed, every failure a one-line `InvalidArgumentError` naming the file (exit 2, no stack).
 */
export function readJsonArtifact(path: string, what: string): unknown {
  const text = new TextDecoder().decode(readInputFile(path, what));
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InvalidArgumentError(`${path} (${what}) is not JSON: ${(err as Error).message}`, {
      cause: err,
    });
  }
}
