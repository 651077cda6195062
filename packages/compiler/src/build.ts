/**
 * `polyvm build` as a library function: build a compiled contract
 * for every requested VM with each back end that exists (`evm` has two flavours: solc's bytecode and
 * polyvm's code generator). VMs without a back end yet are reported as such, never silently skipped.
 */
import { InvalidArgumentError, UnsupportedError } from '@polyvm/core';
import type { ContractArtifact } from './compile.js';
import { getTarget } from './target/registry.js';
import type { TargetBuild } from './target/target.js';

/** Which registered targets build for each VM. */
export const VM_TARGETS: Readonly<Record<string, readonly string[]>> = {
  evm: ['evm-solc', 'evm'],
  // The WebAssembly VM's two chain profiles: NEAR (`wasm`) and CosmWasm.
  wasm: ['wasm', 'cosmwasm'],
  move: ['move'],
  svm: ['svm'],
};
export const VMS = Object.keys(VM_TARGETS);

/** The WebAssembly profiles (`--profile`): which `wasm` VM target each one is. */
export const WASM_PROFILES: Readonly<Record<string, string>> = { near: 'wasm', cosmwasm: 'cosmwasm' };

/**
 * The targets that build `vms`; `profile` (near or cosmwasm) keeps one WebAssembly profile, and
 * without it both are built.
 */
export function targetsFor(vms: readonly string[], profile?: string): { vm: string; target: string }[] {
  if (profile !== undefined && WASM_PROFILES[profile] === undefined) {
    throw new InvalidArgumentError(
      `unknown profile ${profile} (known: ${Object.keys(WASM_PROFILES).join(', ')})`,
    );
  }
  return vms.flatMap((vm) =>
    VM_TARGETS[vm]!.filter(
      (name) => vm !== 'wasm' || profile === undefined || WASM_PROFILES[profile] === name,
    ).map((target) => ({ vm, target })),
  );
}

export interface TargetArtifact {
  readonly vm: string;
  readonly target: string;
  /** null when no back end for this target is registered yet, or it cannot express the contract. */
  readonly build: TargetBuild | null;
  /** Why a partial back end cannot build this contract (`file:line:col: unsupported on move: …`). */
  readonly unsupported?: string;
}

export function parseVms(list: string): string[] {
  const vms = list
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  for (const vm of vms) {
    if (VM_TARGETS[vm] === undefined) {
      throw new InvalidArgumentError(`unknown target ${vm} (known: ${VMS.join(', ')})`);
    }
  }
  return vms;
}

export function buildArtifact(
  artifact: ContractArtifact,
  vms: readonly string[],
  profile?: string,
): TargetArtifact[] {
  return targetsFor(vms, profile).map(({ vm, target: name }) => {
    const target = getTarget(name);
    if (target === undefined) return { vm, target: name, build: null };
    try {
      return { vm, target: name, build: target.build(artifact) };
    } catch (error) {
      // A partial back end names the construct it cannot express; the other targets still build.
      if (error instanceof UnsupportedError)
        return { vm, target: name, build: null, unsupported: error.message };
      throw error;
    }
  });
}
