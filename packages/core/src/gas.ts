import { InvalidArgumentError, OutOfGasError } from './errors.js';

/** The buckets every VM's costs are broken down into, so schedules can be compared side by side. */
export const GAS_CATEGORIES = ['compute', 'memory', 'storage', 'call', 'crypto', 'other'] as const;
export type GasCategory = (typeof GAS_CATEGORIES)[number];

const CATEGORY_INDEX: Readonly<Record<GasCategory, number>> = {
  compute: 0,
  memory: 1,
  storage: 2,
  call: 3,
  crypto: 4,
  other: 5,
};

export type GasBreakdown = Record<GasCategory, number>;

/**
 * Counts gas in the VM's native unit (EVM gas, NEAR gas, CosmWasm gas, Move internal gas units,
 * Solana compute units). Amounts are JS numbers restricted to safe integers: every chain's per-tx
 * limit is far below 2^53 (NEAR's 300 Tgas is 3e14), and number math keeps hot loops fast.
 */
export class GasMeter {
  readonly limit: number;
  #used = 0;
  #refund = 0;
  readonly #byCategory = new Float64Array(GAS_CATEGORIES.length);

  constructor(limit: number) {
    if (!Number.isSafeInteger(limit) || limit < 0) {
      throw new InvalidArgumentError(`gas limit must be a non-negative safe integer, got ${limit}`);
    }
    this.limit = limit;
  }

  get used(): number {
    return this.#used;
  }

  get remaining(): number {
    return this.limit - this.#used;
  }

  get refunded(): number {
    return this.#refund;
  }

  /**
   * Charges `amount`. When it does not fit, the meter is drained to its limit (as every VM here
   * treats running out: the whole limit is consumed) and an OutOfGasError is thrown.
   */
  charge(amount: number, category: GasCategory = 'compute', reason?: string): void {
    if (!(amount >= 0) || !Number.isSafeInteger(amount)) {
      throw new InvalidArgumentError(`gas amount must be a non-negative safe integer, got ${amount}`);
    }
    const index = categoryIndex(category);
    const left = this.limit - this.#used;
    if (amount > left) {
      this.#byCategory[index]! += left;
      this.#used = this.limit;
      throw new OutOfGasError(
        `out of gas: ${reason ?? category} needs ${amount}, ${left} left of ${this.limit}`,
        { details: { amount, limit: this.limit, category, reason } },
      );
    }
    this.#used += amount;
    this.#byCategory[index]! += amount;
  }

  /** Drains the meter, for exceptional halts that consume all remaining gas. */
  consumeAll(category: GasCategory = 'other'): void {
    const index = categoryIndex(category);
    this.#byCategory[index]! += this.limit - this.#used;
    this.#used = this.limit;
  }

  /** Gives back gas that was reserved but not spent (e.g. a sub-call's unused allowance). */
  returnGas(amount: number, category: GasCategory = 'compute'): void {
    if (!Number.isSafeInteger(amount) || amount < 0 || amount > this.#used) {
      throw new InvalidArgumentError(`cannot return ${amount} gas: only ${this.#used} used`);
    }
    const index = categoryIndex(category);
    this.#used -= amount;
    this.#byCategory[index]! -= amount;
  }

  /** Records a refund (e.g. EVM SSTORE clears); how much is paid back is the runtime's rule. */
  addRefund(amount: number): void {
    if (!Number.isSafeInteger(amount))
      throw new InvalidArgumentError(`refund must be a safe integer, got ${amount}`);
    this.#refund += amount;
  }

  breakdown(): GasBreakdown {
    const out = {} as GasBreakdown;
    for (const category of GAS_CATEGORIES) out[category] = this.#byCategory[CATEGORY_INDEX[category]]!;
    return out;
  }
}

function categoryIndex(category: GasCategory): number {
  const index = CATEGORY_INDEX[category];
  if (index === undefined) throw new InvalidArgumentError(`unknown gas category "${category}"`);
  return index;
}

/** One line of a cost table, e.g. `{ name: 'SLOAD (cold)', category: 'storage', cost: 2100 }`. */
export interface GasScheduleEntry {
  name: string;
  category: GasCategory;
  cost: number;
  /** What the cost is multiplied by, if anything: 'byte', 'word', 'page'… */
  per?: string;
  /** Where the number comes from (EIP, spec section, cost-table name). */
  source?: string;
}

/** A VM's cost table, described so a report can print and compare it. */
export interface GasSchedule {
  runtime: string;
  name: string;
  /** The native unit: 'gas', 'compute units', 'internal gas units'… */
  unit: string;
  source: string;
  /**
   * The cost of one simple arithmetic instruction in this VM. Dividing gas by it gives the
   * "normalized cost" that makes VMs with very different units comparable.
   */
  referenceOpCost: number;
  entries: readonly GasScheduleEntry[];
}

export function normalizedCost(
  gasUsed: number,
  schedule: Pick<GasSchedule, 'referenceOpCost' | 'runtime'>,
): number {
  if (!(schedule.referenceOpCost > 0)) {
    throw new InvalidArgumentError(`${schedule.runtime}: referenceOpCost must be positive`);
  }
  return gasUsed / schedule.referenceOpCost;
}
