import { InvalidArgumentError } from '../errors.js';

export const PRICES_SCHEMA = 'polyvm.prices/1';

/** Prices for one chain: what its token is worth and what a unit of its fee gas costs. */
export interface ChainPrice {
  /** Value of one whole token (ETH, SOL…) in the file's currency. */
  tokenPrice: number;
  /** Smallest token units per fee-gas unit (wei/gas, yoctoNEAR/gas, octas/gas unit, uatom/SDK gas). */
  gasPrice: string;
  /** Tip per fee-gas unit (wei/gas; Solana: micro-lamports per CU). */
  priorityFee: string;
}

/** A dated set of prices, so a report can say which prices its fees were computed with. */
export interface PriceFile {
  schema: typeof PRICES_SCHEMA;
  /** ISO date the prices were taken. */
  asOf: string;
  /** Currency code of `tokenPrice`, e.g. "USD". */
  currency: string;
  /** Where the numbers come from, in one line. */
  source: string;
  /** Keyed by chain profile id: ethereum, solana, near, aptos, cosmwasm. */
  chains: Record<string, ChainPrice>;
}

const DECIMAL = /^\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a parsed price file; `origin` (a path) names it in errors. */
export function parsePriceFile(value: unknown, origin: string): PriceFile {
  const fail = (message: string): never => {
    throw new InvalidArgumentError(`${origin}: ${message}`, { details: { origin } });
  };
  if (typeof value !== 'object' || value === null) fail('a price file must be a JSON object');
  const file = value as Partial<PriceFile>;
  if (file.schema !== PRICES_SCHEMA)
    fail(`schema must be "${PRICES_SCHEMA}", got ${JSON.stringify(file.schema)}`);
  if (typeof file.asOf !== 'string' || !DATE.test(file.asOf)) fail('asOf must be a YYYY-MM-DD date');
  if (typeof file.currency !== 'string' || file.currency === '') fail('currency must be a non-empty string');
  if (typeof file.source !== 'string' || file.source === '')
    fail('source must say where the prices come from');
  if (typeof file.chains !== 'object' || file.chains === null)
    fail('chains must be an object keyed by chain id');
  for (const [chain, price] of Object.entries(file.chains!)) {
    const p = price as Partial<ChainPrice>;
    if (typeof p.tokenPrice !== 'number' || !(p.tokenPrice >= 0))
      fail(`chains.${chain}.tokenPrice must be a non-negative number`);
    for (const field of ['gasPrice', 'priorityFee'] as const) {
      if (typeof p[field] !== 'string' || !DECIMAL.test(p[field]!))
        fail(
          `chains.${chain}.${field} must be a non-negative decimal string, got ${JSON.stringify(p[field])}`,
        );
    }
  }
  return file as PriceFile;
}
