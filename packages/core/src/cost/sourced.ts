/**
 * A chain constant with where it comes from and when that source was read, so a report can print
 * the number together with its provenance. `unconfirmed` says why the value could not be checked
 * at its source (it is then the best value known, not a verified one).
 */
export interface Sourced {
  value: number;
  /** Repository path, EIP, SIMD or documentation page. */
  source: string;
  /** ISO date the source was read. */
  asOf: string;
  unconfirmed?: string;
}

export function sourced(value: number, source: string, asOf: string, unconfirmed?: string): Sourced {
  return unconfirmed === undefined ? { value, source, asOf } : { value, source, asOf, unconfirmed };
}
