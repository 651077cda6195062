import {
  type ExecuteOptions,
  expectBinaryFormat,
  fromHex,
  InvalidArgumentError,
  type JournaledState,
  parseUserInput,
  readInputFile,
  toHex,
} from '@polyvm/core';
import {
  assemble,
  findProgramAddress,
  fromBase58,
  readAccount,
  SvmRuntime,
  walletAccount,
  writeAccount,
  writeElf,
} from '@polyvm/svm-lite';
import { encodeBcsArg } from './bcs-args.js';
import { type AnchorIdl, encodeAnchorInstruction } from './borsh-idl.js';
import { readJsonArtifact } from './json-artifact.js';
import {
  accountAddress,
  artifactPath,
  FundedCallers,
  nameAddress,
  type SessionEnv,
  type StepOutcome,
  sessionEnv,
  type VmSession,
} from './session.js';
import type { ContractSpec, Scenario, Step } from './types.js';

/** Solana's default per-instruction compute budget, 200k CU (agave compute-budget DEFAULT_INSTRUCTION_COMPUTE_UNIT_LIMIT). */
const DEFAULT_CU = 200_000n;
const LAMPORTS = 1_000_000_000n;

/**
 * sBPF: programs at addresses derived from the contract name, their named accounts owned by the
 * program, callers as funded wallets. `accounts: [w:state, @alice]`: `w:` marks writable, `@` a
 * caller (a signer).
 */
export class SvmSession implements VmSession {
  readonly #state: JournaledState;
  readonly #runtime: SvmRuntime;
  readonly #programs = new Map<string, Uint8Array>();
  readonly #accounts = new Map<string, Uint8Array>();
  readonly #idls = new Map<string, AnchorIdl>();
  readonly #callers: FundedCallers;

  constructor(
    readonly scenario: Scenario,
    env?: SessionEnv,
  ) {
    ({ state: this.#state, runtime: this.#runtime } = sessionEnv(env, SvmRuntime, () => new SvmRuntime()));
    this.#callers = new FundedCallers(
      32,
      (key) => writeAccount(this.#state, key, walletAccount(LAMPORTS)),
      (name) => accountAddress(scenario, 'svm', name, 32),
    );
  }

  #caller(name: string): Uint8Array {
    return this.#callers.address(name);
  }

  async deploy(contract: string, spec: ContractSpec, step: Step, caller: string): Promise<StepOutcome> {
    const svm = spec.svm!;
    const path = artifactPath(this.scenario, svm.program);
    const raw = readInputFile(path, 'program');
    const isAssembly = /\.(s|asm)$/i.test(path);
    if (!isAssembly) expectBinaryFormat(raw, 'elf', path);
    const code = isAssembly
      ? parseUserInput('sBPF assembly', () => writeElf(assemble(new TextDecoder().decode(raw))))
      : raw;
    const program = svm.programId
      ? parseUserInput(`svm programId of ${contract}`, () => fromBase58(svm.programId!))
      : nameAddress(`program:${contract}`, 32);
    const receipt = this.#runtime.deploy(this.#state, {
      sender: this.#caller(caller),
      code,
      address: program,
      gasLimit: BigInt(step.gas ?? 0),
    });
    this.#programs.set(contract, program);
    if (svm.idl) {
      const path = artifactPath(this.scenario, svm.idl);
      this.#idls.set(
        contract,
        parseUserInput(`Anchor IDL ${svm.idl}`, () => readIdl(path)),
      );
    }
    for (const [name, account] of Object.entries(svm.accounts ?? {})) {
      const key = account.seeds
        ? this.#pda(account.seeds, program, name)
        : nameAddress(`account:${contract}:${name}`, 32);
      const data = account.data ? fromHex(account.data) : new Uint8Array(account.size ?? 0);
      writeAccount(this.#state, key, {
        lamports: BigInt(account.lamports ?? LAMPORTS),
        owner: program,
        executable: false,
        rentEpoch: 0n,
        data,
      });
      this.#accounts.set(name, key);
    }
    return { ...this.#outcome(receipt), codeSize: code.length };
  }

  /** Resolves the accounts and encodes the instruction now; the returned function only executes it. */
  prepareCall(
    contract: string,
    _spec: ContractSpec,
    step: Step,
    caller: string,
  ): (options?: ExecuteOptions) => Promise<StepOutcome> {
    const program = this.#programs.get(contract);
    if (!program) throw new InvalidArgumentError(`svm: "${contract}" is called before it is deployed`);
    const accounts = (step.svm?.accounts ?? []).map((entry) => {
      const writable = entry.startsWith('w:');
      const name = writable ? entry.slice(2) : entry;
      if (name.startsWith('@'))
        return { pubkey: this.#caller(name.slice(1)), isSigner: true, isWritable: writable };
      const pubkey = this.#accounts.get(name);
      if (!pubkey)
        throw new InvalidArgumentError(
          `svm: unknown account "${name}" (declare it under the contract's accounts)`,
        );
      return { pubkey, isSigner: false, isWritable: writable };
    });
    const tx = {
      sender: this.#caller(caller),
      to: program,
      input: this.#input(contract, step),
      value: 0n,
      gasLimit: BigInt(step.gas ?? DEFAULT_CU),
      nonce: 0n,
      payload: { accounts },
    };
    return async (options) => this.#outcome(this.#runtime.execute(this.#state, tx, options));
  }

  /** Instruction data from the contract's Anchor IDL (`instruction` + `args`), else from `data`. */
  #input(contract: string, step: Step): Uint8Array {
    const svm = step.svm ?? {};
    if (svm.instruction === undefined) return this.#data(svm.data ?? '0x');
    if (svm.data !== undefined) throw new InvalidArgumentError('svm: give data or instruction, not both');
    const idl = this.#idls.get(contract);
    if (!idl)
      throw new InvalidArgumentError(
        `svm: contract "${contract}" has no idl for instruction "${svm.instruction}"`,
      );
    return encodeAnchorInstruction(idl, svm.instruction, svm.args ?? {}, (name) => this.#key(name));
  }

  /** A declared account's key, else a caller's. */
  #key(name: string): Uint8Array {
    return this.#accounts.get(name) ?? this.#caller(name);
  }

  /** A program-derived address (Solana's `find_program_address`) from text, 0x-hex or @key seeds. */
  #pda(seeds: string[], program: Uint8Array, name: string): Uint8Array {
    const bytes = seeds.map((s) =>
      s.startsWith('@') ? this.#key(s.slice(1)) : /^0x/i.test(s) ? fromHex(s) : new TextEncoder().encode(s),
    );
    const found = parseUserInput(`svm account ${name} seeds`, () => findProgramAddress(bytes, program));
    if (!found) throw new InvalidArgumentError(`svm account ${name}: no program address for these seeds`);
    return found.address;
  }

  /**
   * Instruction data: whitespace-separated parts, each 0x-hex, `@name` (the 32-byte key of a caller
   * or a declared account) or an integer `u8:1` … `u64:5`, little-endian as Borsh packs it (the
   * same bytes as BCS for fixed-width integers).
   */
  #data(text: string): Uint8Array {
    const parts = text
      .trim()
      .split(/\s+/)
      .filter((p) => p !== '');
    const bytes = parts.flatMap((part) => {
      if (part.startsWith('@')) {
        const name = part.slice(1);
        return [...this.#key(name)];
      }
      return [...(/^u\d+:/.test(part) ? encodeBcsArg(part, 32) : fromHex(part))];
    });
    return Uint8Array.from(bytes);
  }

  #outcome(receipt: StepOutcome['receipt']): StepOutcome {
    const accounts = this.#accounts;
    const state = this.#state;
    return {
      receipt,
      returned: toHex(receipt.returnData),
      ...(receipt.error ? { reason: receipt.error.message } : {}),
      // What the program emitted; the runtime's own invoke/consumed/success lines are framing.
      events: receipt.logs.filter((l) => /^Program (log|data|return):/.test(l)),
      // Read when printed, not when the step runs: a measured step counts only its own state reads.
      get changes() {
        return [...accounts].map(
          ([name, key]) =>
            `account ${name} data ${toHex(readAccount(state, key)?.data ?? new Uint8Array(0))}`,
        );
      },
      account: (name) => {
        const key = this.#accounts.get(name);
        if (!key) throw new InvalidArgumentError(`svm: unknown account "${name}" in expect.accounts`);
        return readAccount(this.#state, key)?.data ?? new Uint8Array(0);
      },
    };
  }
}

function readIdl(path: string): AnchorIdl {
  const idl = readJsonArtifact(path, 'Anchor IDL') as AnchorIdl;
  if (!Array.isArray(idl?.instructions))
    throw new InvalidArgumentError(`${path}: an Anchor IDL has "instructions"`);
  return idl;
}
