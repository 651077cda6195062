import {
  type ExecuteOptions,
  fromHex,
  InvalidArgumentError,
  type JournaledState,
  parseUserInput,
  readInputFile,
  toHex,
} from '@polyvm/core';
import {
  type AbiValue,
  addressWord,
  assemble,
  type ContractAbi,
  decodeEvent,
  decodeRevertReason,
  decodeTuple,
  deployCode,
  EMPTY_ABI,
  EvmRuntime,
  encodeCall,
  encodeTuple,
  parseContractAbi,
  parseSignature,
  storageChanges,
  World,
} from '@polyvm/evm';
import { readJsonArtifact } from './json-artifact.js';
import {
  accountAddress,
  artifactPath,
  FundedCallers,
  type SessionEnv,
  type StepOutcome,
  sessionEnv,
  type VmSession,
} from './session.js';
import type { ContractSpec, EvmArtifact, Scenario, Step } from './types.js';

const DEFAULT_GAS = 30_000_000n;
const CALLER_BALANCE = 10n ** 24n;

interface Deployed {
  address: Uint8Array;
  abi: ContractAbi;
}

/** Reads 0x-hex given inline or as a file of hex. */
function hexArtifact(scenario: Scenario, value: string, what: string): Uint8Array {
  const text = /^0x/i.test(value)
    ? value
    : new TextDecoder().decode(readInputFile(artifactPath(scenario, value), what)).trim();
  return parseUserInput(what, () => fromHex(text));
}

interface SolcContract {
  abi?: unknown;
  bin?: string;
  evm?: { bytecode?: { object?: string } };
}

/** Init code and ABI from solc output: standard JSON (`contracts[file][name]`) or --combined-json (`contracts["file:name"]`). */
function fromSolc(scenario: Scenario, spec: EvmArtifact): { code: Uint8Array; abi: ContractAbi } {
  const path = artifactPath(scenario, spec.solc!);
  const json = readJsonArtifact(path, 'solc output') as {
    contracts?: Record<string, SolcContract | Record<string, SolcContract>>;
  };
  const found: [string, SolcContract][] = [];
  for (const [key, entry] of Object.entries(json.contracts ?? {})) {
    if ('bin' in entry || 'evm' in entry || 'abi' in entry)
      found.push([key.split(':').at(-1)!, entry as SolcContract]);
    else for (const [name, c] of Object.entries(entry as Record<string, SolcContract>)) found.push([name, c]);
  }
  const match = found.filter(([name]) => spec.contract === undefined || name === spec.contract);
  if (match.length !== 1) {
    throw new InvalidArgumentError(
      `${spec.solc}: ${match.length === 0 ? 'no' : 'several'} contracts match${spec.contract ? ` "${spec.contract}"` : ''} (found: ${found.map(([n]) => n).join(', ')}); set "contract"`,
    );
  }
  const [, c] = match[0]!;
  const bin = c.evm?.bytecode?.object ?? c.bin ?? '';
  const abiJson = typeof c.abi === 'string' ? JSON.parse(c.abi) : (c.abi ?? []);
  return { code: fromHex(bin), abi: parseContractAbi(abiJson, spec.solc!) };
}

/** The EVM side of a scenario: one state, contracts deployed by real transactions. */
export class EvmSession implements VmSession {
  readonly #state: JournaledState;
  readonly #world: World;
  readonly #runtime: EvmRuntime;
  readonly #contracts = new Map<string, Deployed>();
  readonly #callers: FundedCallers;

  constructor(
    readonly scenario: Scenario,
    env?: SessionEnv,
  ) {
    ({ state: this.#state, runtime: this.#runtime } = sessionEnv(env, EvmRuntime, () => new EvmRuntime()));
    this.#world = new World(this.#state);
    this.#callers = new FundedCallers(
      20,
      (a) => this.#world.setBalance(addressWord(a), CALLER_BALANCE),
      (name) => accountAddress(scenario, 'evm', name, 20),
    );
  }

  #caller(name: string): Uint8Array {
    return this.#callers.address(name);
  }

  /** `@name` in an argument is the address of a deployed contract, else of the account of that name. */
  #arg(value: unknown): AbiValue {
    if (Array.isArray(value)) return value.map((v) => this.#arg(v));
    if (typeof value === 'number') return BigInt(value);
    if (typeof value === 'string' && value.startsWith('@')) {
      const name = value.slice(1);
      const contract = this.#contracts.get(name);
      // Any other name is an account, known to the scenario or not (e.g. a recipient that never calls).
      return contract ? contract.address : accountAddress(this.scenario, 'evm', name, 20);
    }
    return value as AbiValue;
  }

  async deploy(
    contract: string,
    spec: { evm?: EvmArtifact },
    step: Step,
    caller: string,
  ): Promise<StepOutcome> {
    const evm = spec.evm!;
    let code: Uint8Array;
    let abi = evm.abi
      ? parseContractAbi(readJsonArtifact(artifactPath(this.scenario, evm.abi), 'ABI file'), evm.abi)
      : EMPTY_ABI;
    if (evm.solc) ({ code, abi } = fromSolc(this.scenario, evm));
    else if (evm.bytecode) code = hexArtifact(this.scenario, evm.bytecode, 'EVM init code');
    else if (evm.runtime) code = deployCode(hexArtifact(this.scenario, evm.runtime, 'EVM runtime code'));
    else if (evm.asm) {
      const constructorAsm = evm.constructorAsm;
      code = parseUserInput('EVM assembly', () =>
        deployCode(assemble(evm.asm!), constructorAsm === undefined ? undefined : assemble(constructorAsm)),
      );
    } else
      throw new InvalidArgumentError(
        `contract "${contract}" has no EVM code (bytecode, runtime, asm or solc)`,
      );
    const args = step.evm?.args ?? [];
    let input: Uint8Array = new Uint8Array(0);
    const signature = evm.constructorSignature;
    if (signature) {
      input = encodeTuple(
        parseSignature(signature).types,
        args.map((a) => this.#arg(a)),
      );
    } else if (args.length > 0) {
      throw new InvalidArgumentError(
        `contract "${contract}" takes constructor args but names no "constructorSignature"`,
      );
    }
    const sender = this.#caller(caller);
    const receipt = this.#runtime.deploy(this.#state, { sender, code, input, gasLimit: this.#gas(step) });
    if (receipt.createdAddress) this.#contracts.set(contract, { address: receipt.createdAddress, abi });
    const outcome = this.#outcome(receipt, abi, undefined, receipt.createdAddress);
    if (!receipt.createdAddress) return outcome;
    return { ...outcome, codeSize: this.#world.code(addressWord(receipt.createdAddress)).length };
  }

  /** Builds the call transaction (input, sender, nonce) now; the returned function only executes it. */
  prepareCall(
    contract: string,
    _spec: ContractSpec,
    step: Step,
    caller: string,
  ): (options?: ExecuteOptions) => Promise<StepOutcome> {
    const target = this.#contracts.get(contract);
    if (!target)
      throw new InvalidArgumentError(`EVM: contract "${contract}" is called before it is deployed`);
    const evm = step.evm ?? {};
    const input = evm.data
      ? fromHex(evm.data)
      : evm.function
        ? encodeCall(
            evm.function,
            (evm.args ?? []).map((a) => this.#arg(a)),
          )
        : new Uint8Array(0);
    const sender = this.#caller(caller);
    const tx = {
      sender,
      to: target.address,
      input,
      value: BigInt(step.value ?? 0),
      gasLimit: this.#gas(step),
      nonce: this.#world.accountOrEmpty(addressWord(sender)).nonce,
    };
    return async (options) =>
      this.#outcome(this.#runtime.execute(this.#state, tx, options), target.abi, evm.returns, target.address);
  }

  #gas(step: Step): bigint {
    return BigInt(step.gas ?? DEFAULT_GAS);
  }

  #outcome(
    receipt: StepOutcome['receipt'],
    abi: ContractAbi,
    returns: string[] | undefined,
    address?: Uint8Array,
  ): StepOutcome {
    let returned: unknown = toHex(receipt.returnData);
    if (returns && receipt.status === 'success') {
      // Checked and canonical (`uint` → `uint256`) the way a signature's parameter types are.
      const types = parseSignature(`returns(${returns.join(',')})`).types;
      returned = decodeTuple(types, receipt.returnData).map(plain);
    }
    const reason =
      receipt.status === 'revert' ? decodeRevertReason(receipt.returnData, abi) : receipt.error?.message;
    return {
      receipt,
      returned,
      ...(reason ? { reason } : {}),
      events: receipt.events.map(
        (e) =>
          decodeEvent(e.topics, e.data, abi) ??
          `${toHex(e.emitter)} topics [${e.topics.map(toHex).join(', ')}] data ${toHex(e.data)}`,
      ),
      changes: storageChanges(receipt.stateDiff).map(
        (s) => `storage ${s.address} slot ${s.slot}: ${s.before} -> ${s.after}`,
      ),
      storage: (slot) =>
        `0x${this.#world.getStorage(addressWord(address ?? new Uint8Array(20)), BigInt(slot)).toString(16)}`,
    };
  }
}

/** Decoded ABI values as JSON-comparable plain values: integers as decimal strings. */
function plain(value: AbiValue): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return toHex(value);
  return value;
}
