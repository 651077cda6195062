/** The outcome of a precompiled contract: gas charged and output. Failures throw `PrecompileFailure`. */
export interface PrecompileResult {
  gas: number;
  output: Uint8Array;
}

/** A precompile receives its input and the gas it was given. */
export type Precompile = (input: Uint8Array, gasLimit: number) => PrecompileResult;

/** An exceptional halt of a precompile: all gas given to it is consumed and the call fails. */
export class PrecompileFailure extends Error {
  override name = 'PrecompileFailure';
  readonly outOfGas: boolean;
  constructor(message: string, outOfGas = false, options?: ErrorOptions) {
    super(message, options);
    this.outOfGas = outOfGas;
  }
}

export function requireGas(cost: number, gasLimit: number, name: string): number {
  if (cost > gasLimit) throw new PrecompileFailure(`${name}: needs ${cost} gas, ${gasLimit} given`, true);
  return cost;
}

/** Input read as if right-padded with zeros to `length` bytes (how every precompile reads short input). */
export function padRight(input: Uint8Array, length: number): Uint8Array {
  if (input.length >= length) return input;
  const out = new Uint8Array(length);
  out.set(input);
  return out;
}

export function wordCount(length: number): number {
  return Math.ceil(length / 32);
}
