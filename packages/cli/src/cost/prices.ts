import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError, type PriceFile, parsePriceFile } from '@polyvm/core';

/** The dated default bundled with the CLI (packages/cli/prices/), the same path from src/ and dist/. */
export const DEFAULT_PRICES_PATH = fileURLToPath(
  new URL('../../prices/default-prices.json', import.meta.url),
);

export interface LoadedPrices {
  prices: PriceFile;
  /** The file they were read from, for the report. */
  origin: string;
  isDefault: boolean;
}

/** Reads `path` (or the bundled default) and checks it; a bad file is a typed error naming it. */
export async function loadPrices(path?: string): Promise<LoadedPrices> {
  const origin = path ?? DEFAULT_PRICES_PATH;
  let text: string;
  try {
    text = await readFile(origin, 'utf8');
  } catch (cause) {
    throw new InvalidArgumentError(`cannot read price file ${origin}`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new InvalidArgumentError(`price file ${origin} is not valid JSON`, { cause });
  }
  return { prices: parsePriceFile(json, origin), origin, isDefault: path === undefined };
}

/** One line naming the prices a report used. */
export function describePrices(loaded: LoadedPrices): string {
  const { prices } = loaded;
  return `${loaded.isDefault ? 'bundled default' : loaded.origin} (as of ${prices.asOf}, ${prices.currency}): ${prices.source}`;
}
