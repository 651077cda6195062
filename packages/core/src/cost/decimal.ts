import { InvalidArgumentError } from '../errors.js';

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** `ceil(amount × price)` for a non-negative decimal string price, in exact integer arithmetic. */
export function mulDecimalCeil(amount: bigint, price: string): bigint {
  const match = DECIMAL.exec(price);
  if (!match) throw new InvalidArgumentError(`price must be a non-negative decimal string, got "${price}"`);
  const fraction = match[2] ?? '';
  const scale = 10n ** BigInt(fraction.length);
  const scaled = amount * BigInt(match[1]! + fraction);
  return (scaled + scale - 1n) / scale;
}

/** `amount / 10^decimals` as a number, for display and conversion to a currency. */
export function toWholeUnits(amount: bigint, decimals: number): number {
  const scale = 10n ** BigInt(decimals);
  return Number(amount / scale) + Number(amount % scale) / Number(scale);
}
