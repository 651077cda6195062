import { sha256 } from '@noble/hashes/sha2.js';
import { keccak_256, keccak_512 } from '@noble/hashes/sha3.js';
import {
  type BlockContext,
  concatBytes,
  ExecutionError,
  type GasCategory,
  type JournaledState,
} from '@polyvm/core';
import { GuestMemory } from '../engine/memory.js';
import type { WasmGas } from '../engine/meter.js';
import { GuestAbort } from '../engine/outcome.js';
import { unsupported } from '../engine/unsupported.js';
import '../engine/webassembly.js';
import { NEAR_COSTS as C, NEAR_LIMITS, NEAR_TRIE_NODES as TRIE } from '../gas/near.js';
import { readUtf8, readUtf16, type StringContext, totalLogLengthExceeded, U64_MAX } from './strings.js';
import { addStorageUsage, NUM_EXTRA_BYTES_RECORD, storageUsage } from './usage.js';

/** Where contract storage lives: key = 32-byte account address ++ contract key. */
export const NEAR_STORAGE = 'wasm/storage';

const encoder = new TextEncoder();

export interface NearContext {
  state: JournaledState;
  gas: WasmGas;
  /** 32-byte address of the contract (its storage prefix). */
  contract: Uint8Array;
  currentAccountId: string;
  signerAccountId: string;
  predecessorAccountId: string;
  input: Uint8Array;
  deposit: bigint;
  block: BlockContext;
}

/**
 * NEAR's host ABI (nearcore `runtime/near-vm-runner/src/logic/logic.rs`): every data exchange goes
 * through host-side registers, the guest passes (len, ptr) pairs as u64, and each call charges the
 * `wasm_*` ext costs of the NEAR parameter file.
 */
export class NearHost {
  readonly ctx: NearContext;
  readonly logs: string[];
  returnData: Uint8Array = new Uint8Array(0);
  #registers = new Map<bigint, Uint8Array>();
  #memory: GuestMemory | undefined;
  #logBytes = 0;

  constructor(ctx: NearContext, logs: string[] = []) {
    this.ctx = ctx;
    this.logs = logs;
  }

  bind(exports: WebAssembly.Exports): void {
    const memory = exports.memory as WebAssembly.Memory | undefined;
    if (memory) this.#memory = new GuestMemory(memory);
  }

  get #mem(): GuestMemory {
    if (!this.#memory) throw new ExecutionError('contract exports no memory');
    return this.#memory;
  }

  #charge(amount: number, category: GasCategory = 'other', reason?: string): void {
    this.ctx.gas.charge(amount, category, reason);
  }

  #readMemory(ptr: bigint, len: bigint): Uint8Array {
    const n = toNumber(len);
    this.#charge(C.readMemoryBase + C.readMemoryByte * n, 'memory', 'read_memory');
    return this.#mem.read(toNumber(ptr), n);
  }

  #writeMemory(ptr: bigint, data: Uint8Array): void {
    this.#charge(C.writeMemoryBase + C.writeMemoryByte * data.length, 'memory', 'write_memory');
    this.#mem.write(toNumber(ptr), data);
  }

  #writeRegister(id: bigint, data: Uint8Array): void {
    this.#charge(C.writeRegisterBase + C.writeRegisterByte * data.length, 'memory', 'write_register');
    if (data.length > NEAR_LIMITS.maxRegisterSize) throw new ExecutionError('register size limit exceeded');
    if (!this.#registers.has(id) && this.#registers.size >= NEAR_LIMITS.maxRegisters) {
      throw new ExecutionError('too many registers');
    }
    this.#registers.set(id, data);
  }

  #strings(): StringContext {
    return {
      mem: this.#mem,
      charge: (amount, category, reason) => this.#charge(amount, category, reason),
      maxLen: NEAR_LIMITS.maxTotalLogLength - this.#logBytes,
    };
  }

  /** nearcore `check_can_add_a_log_message`: at most `max_number_logs` lines. */
  #checkLogCount(): void {
    if (this.logs.length >= NEAR_LIMITS.maxNumberLogs) {
      throw new ExecutionError(`number of logs exceeded the limit of ${NEAR_LIMITS.maxNumberLogs}`);
    }
  }

  #storageKey(key: Uint8Array): Uint8Array {
    if (key.length > NEAR_LIMITS.maxStorageKeyLength) throw new ExecutionError('storage key too long');
    return concatBytes(this.ctx.contract, key);
  }

  /** Charges `log_base + log_byte * bytes` and appends, within `max_total_log_length` (UTF-8 bytes). */
  #log(message: string): void {
    const bytes = Buffer.byteLength(message, 'utf8');
    this.#charge(C.logBase + C.logByte * bytes, 'other', 'log');
    if (this.#logBytes + bytes > NEAR_LIMITS.maxTotalLogLength)
      throw totalLogLengthExceeded(this.#logBytes + bytes);
    this.#logBytes += bytes;
    this.logs.push(message);
  }

  /** The `env` import object. Each function first charges `wasm_base`. */
  imports(): Record<string, WebAssembly.ImportValue> {
    const fns: Record<string, (...args: never[]) => unknown> = {
      read_register: (id: bigint, ptr: bigint) => {
        const data = this.#registers.get(id);
        if (!data) throw new ExecutionError(`invalid register id ${id}`);
        this.#charge(C.readRegisterBase + C.readRegisterByte * data.length, 'memory', 'read_register');
        this.#writeMemory(ptr, data);
      },
      register_len: (id: bigint): bigint => {
        const data = this.#registers.get(id);
        return data === undefined ? U64_MAX : BigInt(data.length);
      },
      write_register: (id: bigint, len: bigint, ptr: bigint) =>
        this.#writeRegister(id, this.#readMemory(ptr, len)),
      current_account_id: (id: bigint) => this.#writeRegister(id, encoder.encode(this.ctx.currentAccountId)),
      signer_account_id: (id: bigint) => this.#writeRegister(id, encoder.encode(this.ctx.signerAccountId)),
      predecessor_account_id: (id: bigint) =>
        this.#writeRegister(id, encoder.encode(this.ctx.predecessorAccountId)),
      input: (id: bigint) => this.#writeRegister(id, this.ctx.input),
      block_index: (): bigint => this.ctx.block.height,
      block_height: (): bigint => this.ctx.block.height,
      // NEAR block timestamps are nanoseconds; the core BlockContext carries seconds.
      block_timestamp: (): bigint => this.ctx.block.timestamp * 1_000_000_000n,
      epoch_height: (): bigint => 1n,
      storage_usage: (): bigint => storageUsage(this.ctx.state, this.ctx.contract),
      attached_deposit: (ptr: bigint) => this.#writeMemory(ptr, u128le(this.ctx.deposit)),
      prepaid_gas: (): bigint => BigInt(this.ctx.gas.meter.limit),
      used_gas: (): bigint => {
        this.ctx.gas.sync();
        return BigInt(this.ctx.gas.meter.used);
      },
      random_seed: (id: bigint) => this.#writeRegister(id, sha256(u128le(this.ctx.block.height))),
      sha256: (len: bigint, ptr: bigint, id: bigint) => {
        const data = this.#readMemory(ptr, len);
        this.#charge(C.sha256Base + C.sha256Byte * data.length, 'crypto', 'sha256');
        this.#writeRegister(id, sha256(data));
      },
      keccak256: (len: bigint, ptr: bigint, id: bigint) => {
        const data = this.#readMemory(ptr, len);
        this.#charge(C.keccak256Base + C.keccak256Byte * data.length, 'crypto', 'keccak256');
        this.#writeRegister(id, keccak_256(data));
      },
      keccak512: (len: bigint, ptr: bigint, id: bigint) => {
        const data = this.#readMemory(ptr, len);
        this.#charge(C.keccak256Base + C.keccak256Byte * data.length, 'crypto', 'keccak512');
        this.#writeRegister(id, keccak_512(data));
      },
      value_return: (len: bigint, ptr: bigint) => {
        this.returnData = this.#readMemory(ptr, len);
      },
      panic: () => {
        throw new GuestAbort('explicit guest panic');
      },
      panic_utf8: (len: bigint, ptr: bigint) => {
        throw new GuestAbort(readUtf8(this.#strings(), len, ptr));
      },
      log_utf8: (len: bigint, ptr: bigint) => {
        this.#checkLogCount();
        this.#log(readUtf8(this.#strings(), len, ptr));
      },
      log_utf16: (len: bigint, ptr: bigint) => {
        this.#checkLogCount();
        this.#log(readUtf16(this.#strings(), len, ptr));
      },
      // AssemblyScript's abort(msg, file, line, col): UTF-16 strings with their byte length at ptr-4.
      // nearcore `abort`: lengths read (and paid) first, each string checked against the log limit
      // before it is read, the message logged as `ABORT: …`.
      abort: (msgPtr: number, filePtr: number, line: number, col: number) => {
        const msgAt = msgPtr >>> 0;
        const fileAt = filePtr >>> 0;
        if (msgAt < 4 || fileAt < 4)
          throw new ExecutionError('guest passed invalid UTF-16: abort pointer below 4');
        this.#checkLogCount();
        const msgLen = this.#readU32(msgAt - 4);
        const fileLen = this.#readU32(fileAt - 4);
        const msg = readUtf16(this.#strings(), BigInt(msgLen), BigInt(msgAt));
        const file = readUtf16(this.#strings(), BigInt(fileLen), BigInt(fileAt));
        const message = `${msg}, filename: "${file}" line: ${line >>> 0} col: ${col >>> 0}`;
        this.#log(`ABORT: ${message}`);
        throw new GuestAbort(message);
      },
      storage_write: (
        keyLen: bigint,
        keyPtr: bigint,
        valueLen: bigint,
        valuePtr: bigint,
        id: bigint,
      ): bigint => {
        const key = this.#readMemory(keyPtr, keyLen);
        const value = this.#readMemory(valuePtr, valueLen);
        if (value.length > NEAR_LIMITS.maxStorageValueLength)
          throw new ExecutionError('storage value too long');
        this.#charge(
          C.storageWriteBase + C.storageWriteKeyByte * key.length + C.storageWriteValueByte * value.length,
          'storage',
          'storage_write',
        );
        this.#chargeTrieNodes(TRIE.writeTouched, 0);
        const full = this.#storageKey(key);
        const old = this.ctx.state.get(NEAR_STORAGE, full);
        this.ctx.state.set(NEAR_STORAGE, full, value);
        const delta =
          old === undefined ? key.length + value.length + NUM_EXTRA_BYTES_RECORD : value.length - old.length;
        addStorageUsage(this.ctx.state, this.ctx.contract, delta);
        if (old === undefined) return 0n;
        this.#charge(C.storageWriteEvictedByte * old.length, 'storage', 'storage_write evicted');
        this.#writeRegister(id, old);
        return 1n;
      },
      storage_read: (keyLen: bigint, keyPtr: bigint, id: bigint): bigint => {
        const key = this.#readMemory(keyPtr, keyLen);
        this.#charge(C.storageReadBase + C.storageReadKeyByte * key.length, 'storage', 'storage_read');
        this.#chargeTrieNodes(TRIE.readTouched, TRIE.readCached);
        const value = this.ctx.state.get(NEAR_STORAGE, this.#storageKey(key));
        if (value === undefined) return 0n;
        this.#charge(C.storageReadValueByte * value.length, 'storage', 'storage_read value');
        this.#writeRegister(id, value);
        return 1n;
      },
      storage_remove: (keyLen: bigint, keyPtr: bigint, id: bigint): bigint => {
        const key = this.#readMemory(keyPtr, keyLen);
        this.#charge(C.storageRemoveBase + C.storageRemoveKeyByte * key.length, 'storage', 'storage_remove');
        this.#chargeTrieNodes(TRIE.writeTouched, 0);
        const full = this.#storageKey(key);
        const old = this.ctx.state.get(NEAR_STORAGE, full);
        if (old === undefined) return 0n;
        this.ctx.state.delete(NEAR_STORAGE, full);
        addStorageUsage(
          this.ctx.state,
          this.ctx.contract,
          -(key.length + old.length + NUM_EXTRA_BYTES_RECORD),
        );
        this.#charge(C.storageRemoveRetValueByte * old.length, 'storage', 'storage_remove value');
        this.#writeRegister(id, old);
        return 1n;
      },
      storage_has_key: (keyLen: bigint, keyPtr: bigint): bigint => {
        const key = this.#readMemory(keyPtr, keyLen);
        this.#charge(C.storageHasKeyBase + C.storageHasKeyByte * key.length, 'storage', 'storage_has_key');
        this.#chargeTrieNodes(TRIE.readTouched, TRIE.readCached);
        return this.ctx.state.has(NEAR_STORAGE, this.#storageKey(key)) ? 1n : 0n;
      },
      // Pre-instrumentation contracts metered themselves by calling gas(opcodes).
      gas: (opcodes: number) => this.#charge(C.regularOp * opcodes, 'compute', 'gas()'),
    };
    const env: Record<string, WebAssembly.ImportValue> = {};
    for (const [name, fn] of Object.entries(fns)) {
      env[name] = (...args: never[]) => {
        this.#charge(C.base, 'other', name);
        return fn(...args);
      };
    }
    for (const [name, feature] of Object.entries(UNSUPPORTED_NEAR_IMPORTS)) {
      env[name] = () => {
        throw unsupported(feature, `NEAR host function ${name} is not implemented by polyvm (${feature})`, {
          hostFunction: name,
        });
      };
    }
    return env;
  }

  /** `wasm_touching_trie_node` / `wasm_read_cached_trie_node` for one storage access (see NEAR_TRIE_NODES). */
  #chargeTrieNodes(touched: number, cached: number): void {
    this.#charge(C.touchingTrieNode * touched + C.readCachedTrieNode * cached, 'storage', 'trie nodes');
  }

  /** nearcore `memory.get_u32`: a 4-byte read, paid as one. */
  #readU32(ptr: number): number {
    this.#charge(C.readMemoryBase + C.readMemoryByte * 4, 'memory', 'read_memory');
    return this.#mem.u32(ptr);
  }
}

/**
 * NEAR host functions that exist on chain but need machinery polyvm does not model, each with the
 * feature id its `UnsupportedError` names (README, "Unsupported features"). They link, so real
 * contracts deploy, and fail when called.
 */
export const UNSUPPORTED_NEAR_IMPORTS: Readonly<Record<string, string>> = {
  signer_account_pk: 'near:accounts',
  account_balance: 'near:accounts',
  account_locked_balance: 'near:accounts',
  ripemd160: 'near:crypto',
  ecrecover: 'near:crypto',
  ed25519_verify: 'near:crypto',
  alt_bn128_g1_multiexp: 'near:crypto',
  alt_bn128_g1_sum: 'near:crypto',
  alt_bn128_pairing_check: 'near:crypto',
  bls12381_p1_sum: 'near:crypto',
  promise_create: 'near:promises',
  promise_then: 'near:promises',
  promise_and: 'near:promises',
  promise_batch_create: 'near:promises',
  promise_batch_then: 'near:promises',
  promise_batch_action_create_account: 'near:promises',
  promise_batch_action_deploy_contract: 'near:promises',
  promise_batch_action_function_call: 'near:promises',
  promise_batch_action_function_call_weight: 'near:promises',
  promise_batch_action_transfer: 'near:promises',
  promise_batch_action_stake: 'near:promises',
  promise_batch_action_add_key_with_full_access: 'near:promises',
  promise_batch_action_add_key_with_function_call: 'near:promises',
  promise_batch_action_delete_key: 'near:promises',
  promise_batch_action_delete_account: 'near:promises',
  promise_results_count: 'near:promises',
  promise_result: 'near:promises',
  promise_return: 'near:promises',
  promise_yield_create: 'near:promises',
  promise_yield_resume: 'near:promises',
  storage_iter_prefix: 'near:iterators',
  storage_iter_range: 'near:iterators',
  storage_iter_next: 'near:iterators',
  validator_stake: 'near:validators',
  validator_total_stake: 'near:validators',
};

function toNumber(v: bigint): number {
  if (v < 0n || v > BigInt(Number.MAX_SAFE_INTEGER))
    throw new ExecutionError(`memory offset ${v} out of range`);
  return Number(v);
}

function u128le(v: bigint): Uint8Array {
  const out = new Uint8Array(16);
  let x = BigInt.asUintN(128, v);
  for (let i = 0; i < 16; i++, x >>= 8n) out[i] = Number(x & 0xffn);
  return out;
}
