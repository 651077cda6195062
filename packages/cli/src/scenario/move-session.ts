import {
  type ExecuteOptions,
  InvalidArgumentError,
  JournaledState,
  makeReceipt,
  parseUserInput,
  readInputFile,
  toHex,
} from '@polyvm/core';
import {
  assembleToBytes,
  type CompiledModule,
  deserializeModule,
  MODULE_NAMESPACE,
  MoveRuntime,
  moduleKey,
  publishFolder,
  publishStdlib,
} from '@polyvm/move-lite';
import { encodeBcsArg } from './bcs-args.js';
import {
  accountAddress,
  artifactPath,
  type SessionEnv,
  type StepOutcome,
  sessionEnv,
  shortHex,
  type VmSession,
} from './session.js';
import type { ContractSpec, MoveArtifact, Scenario, Step } from './types.js';

/** 1e9 internal gas units per step, as `polyvm move run`. */
const DEFAULT_GAS = 1_000_000_000n;

/**
 * Move: modules published by their own address; callers at their fixed `addresses` entry, else at
 * an address derived from their name.
 */
export class MoveSession implements VmSession {
  #runtime: MoveRuntime | undefined;
  readonly #state: JournaledState;
  /** Contract name → `0xADDRESS::module`. */
  readonly #modules = new Map<string, string>();
  #width: 16 | 32 = 32;

  constructor(
    readonly scenario: Scenario,
    env?: SessionEnv,
  ) {
    this.#state = env?.state ?? new JournaledState();
    // Without a given runtime, the first deploy makes one of its modules' address width.
    if (env) {
      this.#runtime = sessionEnv(env, MoveRuntime, () => new MoveRuntime()).runtime;
      this.#width = this.#runtime.addressWidth as 16 | 32;
    }
  }

  #load(spec: MoveArtifact): { code: Uint8Array; module: CompiledModule } {
    const width = spec.addressWidth ?? 32;
    const path = artifactPath(this.scenario, spec.module);
    const raw = readInputFile(path, 'Move module');
    const code = path.endsWith('.masm')
      ? parseUserInput('Move assembly', () =>
          assembleToBytes(new TextDecoder().decode(raw), { addressWidth: width }),
        )
      : raw;
    return {
      code,
      module: parseUserInput(`Move module ${spec.module}`, () =>
        deserializeModule(code, { addressWidth: width }),
      ),
    };
  }

  async deploy(contract: string, spec: ContractSpec, step: Step): Promise<StepOutcome> {
    const move = spec.move!;
    const width = move.addressWidth ?? 32;
    if (!this.#runtime) {
      this.#width = width;
      this.#runtime = new MoveRuntime({ addressWidth: width });
    } else if (width !== this.#width) {
      throw new InvalidArgumentError('all Move contracts of a scenario must use the same addressWidth');
    }
    const runtime = this.#runtime;
    // The stdlib is published at 0x1 by genesis, not by this transaction: its gas is reported apart.
    const std =
      move.stdlibModules !== undefined
        ? publishStdlib(runtime, this.#state, move.stdlibModules)
        : move.stdlib
          ? publishStdlib(runtime, this.#state)
          : { codeSize: 0, gasUsed: 0 };
    if (move.deps) publishFolder(runtime, this.#state, artifactPath(this.scenario, move.deps));
    const { code, module } = this.#load(move);
    const self = module.moduleHandles[module.selfModuleHandle]!;
    const address = module.addressIdentifiers[self.address]!;
    const name = module.identifiers[self.name]!;
    this.#modules.set(contract, `${toHex(address)}::${name}`);
    const published = () => `${toHex(address)}::${name}`;
    // A deps folder may hold the module itself (a package's build output): then it is published.
    if (this.#state.get(MODULE_NAMESPACE, moduleKey(address, name))) {
      return outcome(makeReceipt({ status: 'success', gasUsed: 0 }), true);
    }
    const receipt = runtime.deploy(this.#state, {
      sender: address,
      code,
      gasLimit: BigInt(step.gas ?? DEFAULT_GAS),
    });
    return {
      ...this.#outcome(receipt, published()),
      codeSize: std.codeSize + code.length,
      setupGas: std.gasUsed,
    };
  }

  /** A named account's address: fixed by the scenario (e.g. a framework's 0x1), else derived. */
  #address(name: string): Uint8Array {
    return accountAddress(this.scenario, 'move', name, this.#width);
  }

  /** `address:@bob` is the address of the account named bob. */
  #arg(tagged: string): Uint8Array {
    const named = /^address:@([a-z][a-z0-9_-]*)$/.exec(tagged);
    const resolved = named ? `address:${toHex(this.#address(named[1]!))}` : tagged;
    return encodeBcsArg(resolved, this.#width);
  }

  /** Encodes the call (sender, BCS arguments) now; the returned function only executes it. */
  prepareCall(
    contract: string,
    _spec: ContractSpec,
    step: Step,
    caller: string,
  ): (options?: ExecuteOptions) => Promise<StepOutcome> {
    const published = this.#modules.get(contract);
    const runtime = this.#runtime;
    if (!published || !runtime)
      throw new InvalidArgumentError(`Move: "${contract}" is called before it is deployed`);
    if (!step.move?.function)
      throw new InvalidArgumentError(`Move call of "${contract}" needs move.function`);
    const tx = {
      sender: this.#address(caller),
      input: new Uint8Array(0),
      value: 0n,
      nonce: 0n,
      gasLimit: BigInt(step.gas ?? DEFAULT_GAS),
      payload: {
        module: published,
        function: step.move.function,
        typeArgs: step.move.typeArgs ?? [],
        args: (step.move.args ?? []).map((a) => this.#arg(a)),
      },
    };
    return async (options) => this.#outcome(runtime.execute(this.#state, tx, options), published);
  }

  /** The outcome, with read-only calls of `module` for the `view:` result readers. */
  #outcome(receipt: StepOutcome['receipt'], module: string): StepOutcome {
    return {
      ...outcome(receipt),
      view: (fn, args) => {
        const viewed = this.#runtime!.call(this.#state, {
          sender: this.#address('viewer'),
          input: new Uint8Array(0),
          value: 0n,
          nonce: 0n,
          gasLimit: DEFAULT_GAS,
          payload: { module, function: fn, args: args.map((a) => this.#arg(a)) },
        });
        if (viewed.status !== 'success')
          throw new InvalidArgumentError(
            `Move view ${module}::${fn}: ${viewed.status} ${viewed.error?.message ?? ''}`,
          );
        return viewed.returnData;
      },
    };
  }
}

function outcome(receipt: StepOutcome['receipt'], alreadyPublished = false): StepOutcome {
  return {
    receipt,
    returned: toHex(receipt.returnData),
    ...(receipt.error ? { reason: receipt.error.message } : {}),
    events: receipt.events.map(
      (e) => `${e.topics.map((t) => new TextDecoder().decode(t)).join(' ')} ${toHex(e.data)}`,
    ),
    changes: alreadyPublished
      ? ['(published from the deps folder)']
      : receipt.stateDiff.map(
          (c) => `${c.namespace} ${toHex(c.key)} = ${c.after ? shortHex(c.after) : '(deleted)'}`,
        ),
  };
}
