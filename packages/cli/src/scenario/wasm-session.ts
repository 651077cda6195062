import {
  concatBytes,
  type ExecuteOptions,
  fromHex,
  InvalidArgumentError,
  type JournaledState,
  type Runtime,
  readInputFile,
  toHex,
} from '@polyvm/core';
import {
  accountIdToAddress,
  COSMWASM_CAPABILITIES,
  COSMWASM_STORAGE,
  CosmWasmRuntime,
  humanAddress,
  NEAR_STORAGE,
  NearRuntime,
  watToWasm,
} from '@polyvm/wasm';
import {
  artifactPath,
  type SessionEnv,
  type StepOutcome,
  sessionEnv,
  shortHex,
  type VmSession,
} from './session.js';
import type { ContractSpec, Scenario, Step } from './types.js';

/** NEAR's max_total_prepaid_gas, 300 Tgas (nearcore core/parameters/res/runtime_configs/parameters.yaml). */
const NEAR_GAS = 300_000_000_000_000n;
/** A generous CosmWasm limit for one call (wasmd counts 1 SDK gas per 140k wasm gas). */
const COSMWASM_GAS = 1_000_000_000_000_000n;

const encoder = new TextEncoder();

/** A return value as JSON when it parses, else as text or hex. */
function decodeReturn(bytes: Uint8Array): unknown {
  const text = new TextDecoder().decode(bytes);
  try {
    return JSON.parse(text);
  } catch {
    return /^[\x20-\x7e]*$/.test(text) ? text : toHex(bytes);
  }
}

/**
 * The capabilities of the session's CosmWasm chain: polyvm's own plus every one a contract's artifact
 * declares (wasmd's `AvailableCapabilities` is chain-wide, so the scenario's chain offers their union).
 */
function chainCapabilities(scenario: Scenario): string[] {
  const declared = Object.values(scenario.contracts).flatMap((c) => c.cosmwasm?.capabilities ?? []);
  return [...COSMWASM_CAPABILITIES, ...declared];
}

/** NEAR or CosmWasm: one state; contracts live at `<name>.contract.near`, callers at `<name>.near`. */
export class WasmSession implements VmSession {
  readonly #state: JournaledState;
  readonly #runtime: Runtime;

  constructor(
    readonly scenario: Scenario,
    readonly profile: 'near' | 'cosmwasm',
    env?: SessionEnv,
  ) {
    ({ state: this.#state, runtime: this.#runtime } =
      profile === 'near'
        ? sessionEnv(env, NearRuntime, () => new NearRuntime())
        : sessionEnv(
            env,
            CosmWasmRuntime,
            () => new CosmWasmRuntime({ capabilities: chainCapabilities(scenario) }),
          ));
  }

  async #code(spec: ContractSpec): Promise<Uint8Array> {
    const path = artifactPath(this.scenario, spec[this.profile]!.wasm);
    const bytes = readInputFile(path, 'module');
    if (!/\.(wat|wast)$/.test(path)) return bytes;
    try {
      return await watToWasm(new TextDecoder().decode(bytes), path);
    } catch (err) {
      throw new InvalidArgumentError(`bad WAT ${path}: ${(err as Error).message.split('\n')[1] ?? ''}`, {
        cause: err,
      });
    }
  }

  /**
   * Account id of a caller (`alice.near`) or a contract (its artifact's `account`, else
   * `token.contract.near`).
   */
  #accountId(name: string, isContract: boolean): string {
    if (!isContract) return `${name}.near`;
    return this.scenario.contracts[name]?.[this.profile]?.account ?? `${name}.contract.near`;
  }

  /** Call input: raw `data` (0x-hex, NEAR) when given, else the JSON args / message. */
  #input(step: Step): Uint8Array {
    if (this.profile === 'near' && step.near?.data !== undefined) {
      if (step.near.args !== undefined) throw new InvalidArgumentError('near: give args or data, not both');
      return fromHex(step.near.data);
    }
    return this.#json(this.profile === 'near' ? step.near?.args : step.cosmwasm?.msg);
  }

  /**
   * JSON arguments as bytes, with `"@name"` replaced by the account of a caller or contract (its
   * account id on NEAR, its bech32 address on CosmWasm). A string is passed as is (raw input).
   */
  #json(value: unknown): Uint8Array {
    if (value === undefined) return encoder.encode('{}');
    if (typeof value === 'string') return encoder.encode(value);
    const contracts = Object.keys(this.scenario.contracts);
    return encoder.encode(
      JSON.stringify(value, (_key, v) => {
        if (typeof v !== 'string' || !v.startsWith('@')) return v;
        const name = v.slice(1);
        const isContract = contracts.includes(name);
        const id = this.#accountId(name, isContract);
        return this.profile === 'near' ? id : humanAddress(accountIdToAddress(id));
      }),
    );
  }

  #gas(step: Step): bigint {
    return BigInt(step.gas ?? (this.profile === 'near' ? NEAR_GAS : COSMWASM_GAS));
  }

  async deploy(contract: string, spec: ContractSpec, step: Step, caller: string): Promise<StepOutcome> {
    const near = this.profile === 'near';
    const init = near ? step.near?.method : undefined;
    const address = accountIdToAddress(this.#accountId(contract, true));
    const code = await this.#code(spec);
    const receipt = await this.#runtime.deploy(this.#state, {
      sender: accountIdToAddress(this.#accountId(caller, false)),
      address,
      code,
      gasLimit: this.#gas(step),
      input: this.#input(step),
      ...(init ? { payload: { initMethod: init } } : {}),
    });
    return { ...this.#outcome(receipt, address), codeSize: code.length };
  }

  /** Builds the call transaction now; the returned function only executes it. */
  prepareCall(
    contract: string,
    _spec: ContractSpec,
    step: Step,
    caller: string,
  ): (options?: ExecuteOptions) => Promise<StepOutcome> {
    const near = this.profile === 'near';
    if (near && !step.near?.method)
      throw new InvalidArgumentError(`NEAR call of "${contract}" needs near.method`);
    const to = accountIdToAddress(this.#accountId(contract, true));
    const tx = {
      sender: accountIdToAddress(this.#accountId(caller, false)),
      to,
      input: this.#input(step),
      value: BigInt(step.value ?? 0),
      gasLimit: this.#gas(step),
      nonce: 0n,
      payload: near ? { method: step.near!.method! } : { entry: step.cosmwasm?.entry ?? 'execute' },
    };
    return async (options) => this.#outcome(await this.#runtime.execute(this.#state, tx, options), to);
  }

  /** The outcome, with the contract's storage readable under text keys (`expect` and `result`). */
  #outcome(receipt: StepOutcome['receipt'], contract: Uint8Array): StepOutcome {
    const namespace = this.profile === 'near' ? NEAR_STORAGE : COSMWASM_STORAGE;
    return {
      ...outcome(receipt),
      stored: (key) => this.#state.get(namespace, concatBytes(contract, encoder.encode(key))),
    };
  }
}

function outcome(receipt: StepOutcome['receipt']): StepOutcome {
  return {
    receipt,
    returned: decodeReturn(receipt.returnData),
    ...(receipt.error ? { reason: receipt.error.message } : {}),
    // NEP-297 events are also log lines: show the structured events when there are any, else the logs.
    events:
      receipt.events.length > 0
        ? receipt.events.map(
            (e) =>
              `${e.topics.map((t) => new TextDecoder().decode(t)).join(' ')} ${new TextDecoder().decode(e.data)}`,
          )
        : receipt.logs.map((l) => `log ${l}`),
    changes: receipt.stateDiff.map(
      (c) => `state ${c.namespace} ${toHex(c.key)} = ${c.after ? shortHex(c.after) : '(deleted)'}`,
    ),
  };
}
