import { keccak_256 } from '@noble/hashes/sha3.js';
import {
  addressFromNumber,
  concatBytes,
  type JournaledState,
  type LogicalResult,
  type PreparedWorkload,
  type Receipt,
  type Runtime,
  type WorkloadImplementation,
} from '@polyvm/core';
import { addressWord, assemble, deployCode, World } from '@polyvm/evm';
import { ARITH, CALLS, HASH, SORT, STORAGE, TOKEN } from '../spec.js';
import * as programs from './programs.js';

const ALICE = addressFromNumber(0xa11ce, 20);
const BOB = addressFromNumber(0xb0b, 20);
const DEPLOY_GAS = 3_000_000n;
const RUN_GAS = 30_000_000n;

function word(bytes: Uint8Array, index = 0): bigint {
  let v = 0n;
  for (let i = index * 32; i < index * 32 + 32; i++) v = (v << 8n) | BigInt(bytes[i] ?? 0);
  return v;
}

function word32(value: bigint): Uint8Array {
  const out = new Uint8Array(32);
  let v = value;
  for (let i = 31; i >= 0; i--, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

/** A 20-byte address as an ABI word (left-padded to 32 bytes). */
function addressWord32(address: Uint8Array): Uint8Array {
  return concatBytes(new Uint8Array(12), address);
}

/** Solidity mapping slot of `key` (an ABI word) at index 0: keccak256(key ‖ 0). */
function mappingSlot(key: Uint8Array): bigint {
  return word(keccak_256(concatBytes(key, new Uint8Array(32))));
}

interface ContractSpec {
  workload: string;
  runtimeAsm: string;
  constructorAsm?: string;
  input?: Uint8Array;
  result(receipt: Receipt, world: World, contract: bigint): LogicalResult;
}

/** Deploys the contract once from ALICE; each run is one call transaction with gas price 0. */
function contractWorkload(spec: ContractSpec): WorkloadImplementation {
  return {
    runtime: 'evm',
    workload: spec.workload,
    source: 'EVM assembly',
    async prepare(state: JournaledState, runtime: Runtime): Promise<PreparedWorkload> {
      const code = assemble(spec.runtimeAsm);
      const initcode = deployCode(code, spec.constructorAsm ? assemble(spec.constructorAsm) : undefined);
      const deployed = await runtime.deploy(state, { sender: ALICE, code: initcode, gasLimit: DEPLOY_GAS });
      if (deployed.status !== 'success' || !deployed.createdAddress) {
        throw new Error(`deploy of ${spec.workload} failed: ${deployed.error?.message ?? deployed.status}`);
      }
      const contract = deployed.createdAddress;
      const nonce = new World(state).accountOrEmpty(addressWord(ALICE)).nonce;
      return {
        codeSize: code.length,
        deployGas: deployed.gasUsed,
        run: (options) =>
          runtime.execute(
            state,
            {
              sender: ALICE,
              to: contract,
              input: spec.input ?? new Uint8Array(0),
              value: 0n,
              gasLimit: RUN_GAS,
              nonce,
            },
            options,
          ),
        result: (receipt, s) => spec.result(receipt, new World(s), addressWord(contract)),
      };
    },
  };
}

/** The workloads with a size parameter, as functions of it, so sweeps can build any size. */
export function storageHeavy(slots: number): WorkloadImplementation {
  return contractWorkload({
    workload: 'storage-heavy',
    runtimeAsm: programs.storageHeavy(slots),
    result: (r) => ({ sum: String(word(r.returnData)) }),
  });
}

export function computeArith(iterations: number): WorkloadImplementation {
  return contractWorkload({
    workload: 'compute-arith',
    runtimeAsm: programs.computeArith(iterations, ARITH.seed),
    result: (r) => ({ x: String(word(r.returnData)) }),
  });
}

export function computeHash(rounds: number): WorkloadImplementation {
  return contractWorkload({
    workload: 'compute-hash',
    runtimeAsm: programs.computeHash(rounds),
    result: (r) => ({ digest: `0x${Buffer.from(r.returnData).toString('hex')}` }),
  });
}

export function memorySort(length: number): WorkloadImplementation {
  return contractWorkload({
    workload: 'memory-sort',
    runtimeAsm: programs.memorySort(length, SORT.seed),
    result: (r) => ({
      checksum: String(word(r.returnData, 0)),
      min: String(word(r.returnData, 1)),
      max: String(word(r.returnData, 2)),
    }),
  });
}

export const workloads: WorkloadImplementation[] = [
  contractWorkload({
    workload: 'counter',
    runtimeAsm: programs.COUNTER,
    result: (_r, world, contract) => ({ counter: String(world.getStorage(contract, 0n)) }),
  }),
  contractWorkload({
    workload: 'token-transfer',
    runtimeAsm: programs.TOKEN,
    constructorAsm: programs.tokenConstructor(TOKEN.initialSupply),
    input: concatBytes(addressWord32(BOB), word32(BigInt(TOKEN.amount))),
    result: (_r, world, contract) => ({
      alice: String(world.getStorage(contract, mappingSlot(addressWord32(ALICE)))),
      bob: String(world.getStorage(contract, mappingSlot(addressWord32(BOB)))),
    }),
  }),
  storageHeavy(STORAGE.slots),
  computeArith(ARITH.iterations),
  computeHash(HASH.rounds),
  memorySort(SORT.length),
  contractWorkload({
    workload: 'call-heavy',
    runtimeAsm: programs.callHeavy(CALLS.n),
    result: (r) => ({ fib: String(word(r.returnData)) }),
  }),
];
