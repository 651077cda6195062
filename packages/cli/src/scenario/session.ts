import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import {
  type ExecuteOptions,
  fromHex,
  InvalidArgumentError,
  JournaledState,
  locateFixtures,
  type Receipt,
  type Runtime,
  toHex,
} from '@polyvm/core';
import type { ContractSpec, Scenario, Step } from './types.js';

/** What one step produced on one VM, decoded for printing and for the expectations. */
export interface StepOutcome {
  receipt: Receipt;
  /** The decoded return value `expect.return.<vm>` is compared with. */
  returned: unknown;
  /** Decoded revert / abort / program-error reason. */
  reason?: string;
  events: string[];
  changes: string[];
  /** evm: a storage word of the called contract, as 0x-hex. */
  storage?(slot: string): string;
  /** near/cosmwasm: the called contract's storage entry under a text key. */
  stored?(key: string): Uint8Array | undefined;
  /** svm: an account's data. */
  account?(name: string): Uint8Array;
  /** deploy: bytes of code installed (a contract's runtime code, a module, a program). */
  codeSize?: number;
  /** deploy: gas spent outside the receipt (publishing the Move stdlib modules it names). */
  setupGas?: number;
  /** move: the return data of a read-only call of the module (`result` `view:` readers). */
  view?(fn: string, args: string[]): Uint8Array;
}

/** One VM's persistent state across a scenario's steps. */
export interface VmSession {
  deploy(contract: string, spec: ContractSpec, step: Step, caller: string): Promise<StepOutcome>;
  /**
   * A call with everything but its execution done now (arguments encoded, sender and nonce read),
   * so a measurement sees only the transaction's own state accesses; the returned function executes
   * it (with `options`, e.g. a tracer).
   */
  prepareCall(
    contract: string,
    spec: ContractSpec,
    step: Step,
    caller: string,
  ): (options?: ExecuteOptions) => Promise<StepOutcome>;
}

/**
 * The state and runtime a session runs on when `compare` measures a scenario as a workload (the
 * harness's fresh state, the registry's runtime); by default a session makes its own.
 */
export interface SessionEnv {
  state: JournaledState;
  runtime: Runtime;
}

export const FIXTURES_PREFIX = 'fixtures:';

/**
 * An artifact path, relative to the scenario file's folder; `fixtures:<path>` is inside the shared
 * fixtures folder (`$POLYVM_FIXTURES` or ../shared/fixtures beside the checkout, as core locates it).
 */
export function artifactPath(scenario: Scenario, path: string): string {
  if (!path.startsWith(FIXTURES_PREFIX)) return resolve(dirname(scenario.file), path);
  return locateFixtures(path.slice(FIXTURES_PREFIX.length), dirname(scenario.file)).searched;
}

/**
 * A deterministic address for a caller or contract name: SHA-256 of a label, cut to `width`. Not
 * any chain's derivation; it only keeps the names of one scenario apart on every VM.
 */
export function nameAddress(label: string, width: number): Uint8Array {
  return new Uint8Array(createHash('sha256').update(`polyvm:${label}`).digest()).subarray(0, width);
}

/** Hex of at most 48 bytes, with the full length when cut (deployed code would flood the terminal). */
export function shortHex(bytes: Uint8Array): string {
  return bytes.length <= 48 ? toHex(bytes) : `${toHex(bytes.subarray(0, 48))}… (${bytes.length} bytes)`;
}

/** A named account's address on `vm`: fixed by the scenario's `addresses`, else derived from the name. */
export function accountAddress(
  scenario: Scenario,
  vm: 'evm' | 'move' | 'svm',
  name: string,
  width: number,
): Uint8Array {
  const fixed = scenario.addresses?.[name]?.[vm];
  if (fixed === undefined) return nameAddress(`caller:${name}`, width);
  const digits = fixed.slice(2);
  if (digits.length > width * 2)
    throw new InvalidArgumentError(`addresses.${name}.${vm}: ${fixed} is longer than ${width} bytes`);
  return fromHex(`0x${digits.padStart(width * 2, '0')}`);
}

/** Callers by name, each funded once on first use (a wallet on every VM that needs one). */
export class FundedCallers {
  readonly #funded = new Set<string>();

  constructor(
    readonly width: number,
    readonly fund: (address: Uint8Array) => void,
    readonly addressOf: (name: string) => Uint8Array = (name) => nameAddress(`caller:${name}`, width),
  ) {}

  address(name: string): Uint8Array {
    const address = this.addressOf(name);
    if (!this.#funded.has(name)) {
      this.fund(address);
      this.#funded.add(name);
    }
    return address;
  }
}

/**
 * A session's state and runtime: the harness's when `compare` gives them (the runtime checked to be
 * the one this VM's session drives), else a fresh state and `fresh()`.
 */
export function sessionEnv<R extends Runtime>(
  env: SessionEnv | undefined,
  kind: abstract new (...args: never[]) => R,
  fresh: () => R,
): { state: JournaledState; runtime: R } {
  if (!env) return { state: new JournaledState(), runtime: fresh() };
  if (!(env.runtime instanceof kind))
    throw new InvalidArgumentError(
      `this scenario session drives a ${kind.name}, not the ${env.runtime.name} runtime`,
    );
  return { state: env.state, runtime: env.runtime };
}
