import { concatBytes, ExecutionError, type JournaledState } from '@polyvm/core';
import { GuestMemory } from '../engine/memory.js';
import type { WasmGas } from '../engine/meter.js';
import { GuestAbort } from '../engine/outcome.js';
import { unsupported } from '../engine/unsupported.js';
import '../engine/webassembly.js';
import { COSMWASM_COSTS as C } from '../gas/cosmwasm.js';
import { bech32Decode, bech32Encode } from './bech32.js';
import { messageType } from './messages.js';

/** Contract storage: key = 32-byte contract address ++ key. */
export const COSMWASM_STORAGE = 'cosmwasm/storage';
/** The bech32 prefix of human addresses, as cosmwasm-vm's MockApi uses. */
export const ADDRESS_PREFIX = 'cosmwasm';

const utf8 = new TextDecoder('utf-8', { fatal: true });

const KI = 1024;
const MI = 1024 * KI;
/**
 * cosmwasm-vm `packages/vm/src/imports.rs`: the most each import reads from a Region, checked
 * before reading (RegionLengthTooBig).
 */
export const REGION_LIMITS = {
  dbKey: 64 * KI,
  dbValue: 128 * KI,
  canonicalAddress: 64,
  humanAddress: 256,
  queryChainRequest: 64 * KI,
  abort: 2 * MI,
} as const;
/**
 * Debug output polyvm keeps per transaction. On chain `debug` is a no-op (no debug handler), so
 * it must never fail or cost the host more than a bounded copy: past this budget nothing more is
 * read and one line says how much was dropped.
 */
export const DEBUG_LOG_BUDGET = MI;
const encoder = new TextEncoder();

export function humanAddress(canonical: Uint8Array): string {
  return bech32Encode(ADDRESS_PREFIX, canonical);
}

/** Canonical bytes of a human address, or an error message (cosmwasm-std's `addr_canonicalize`). */
export function canonicalAddress(human: string): Uint8Array | string {
  const decoded = bech32Decode(human);
  if (!decoded) return `Invalid address: ${human} is not valid bech32`;
  if (decoded.prefix !== ADDRESS_PREFIX) return `Wrong address prefix: expected ${ADDRESS_PREFIX}`;
  if (decoded.data.length !== 20 && decoded.data.length !== 32) return 'Invalid canonical address length';
  return decoded.data;
}

export interface CosmWasmContext {
  state: JournaledState;
  gas: WasmGas;
  contract: Uint8Array;
}

/**
 * CosmWasm's host ABI (cosmwasm-vm `packages/vm/src/imports.rs`): data crosses the boundary as
 * Regions — `{ offset: u32, capacity: u32, length: u32 }` structs in guest memory — and the host
 * asks the guest's own `allocate` export for memory when it returns data.
 */
export class CosmWasmHost {
  readonly ctx: CosmWasmContext;
  readonly logs: string[];
  #memory: GuestMemory | undefined;
  #allocate: ((size: number) => number) | undefined;
  #debugBudget = DEBUG_LOG_BUDGET;

  constructor(ctx: CosmWasmContext, logs: string[] = []) {
    this.ctx = ctx;
    this.logs = logs;
  }

  bind(exports: WebAssembly.Exports): void {
    const memory = exports.memory as WebAssembly.Memory | undefined;
    if (memory) this.#memory = new GuestMemory(memory);
    this.#allocate = exports.allocate as (size: number) => number;
  }

  get #mem(): GuestMemory {
    if (!this.#memory) throw new ExecutionError('contract exports no memory');
    return this.#memory;
  }

  /** The length a Region declares (checked against its capacity), without reading its data. */
  regionLength(ptr: number): number {
    if (ptr === 0) throw new ExecutionError('null Region pointer');
    const mem = this.#mem;
    const capacity = mem.u32(ptr + 4);
    const length = mem.u32(ptr + 8);
    if (length > capacity) throw new ExecutionError(`Region length ${length} exceeds capacity ${capacity}`);
    return length;
  }

  /** Reads the bytes a Region describes; more than `maxLength` is refused before reading. */
  readRegion(ptr: number, maxLength = Number.POSITIVE_INFINITY): Uint8Array {
    const length = this.regionLength(ptr);
    if (length > maxLength) {
      throw new ExecutionError(`Region length too big: ${length} > ${maxLength}`, {
        details: { length, limit: maxLength },
      });
    }
    return this.#mem.read(this.#mem.u32(ptr), length);
  }

  /** Writes into an existing Region (its capacity must suffice). */
  writeRegion(ptr: number, data: Uint8Array): void {
    const mem = this.#mem;
    const offset = mem.u32(ptr);
    const capacity = mem.u32(ptr + 4);
    if (data.length > capacity) throw new ExecutionError(`Region too small: ${data.length} > ${capacity}`);
    mem.write(offset, data);
    mem.setU32(ptr + 8, data.length);
  }

  /** Allocates a Region in the guest (through its `allocate`) holding `data`. */
  passToGuest(data: Uint8Array): number {
    if (!this.#allocate) throw new ExecutionError('contract exports no allocate');
    this.ctx.gas.sync();
    const ptr = this.#allocate(data.length);
    this.writeRegion(ptr, data);
    return ptr;
  }

  #key(key: Uint8Array): Uint8Array {
    return concatBytes(this.ctx.contract, key);
  }

  #text(ptr: number, maxLength: number): string {
    const bytes = this.readRegion(ptr, maxLength);
    try {
      return utf8.decode(bytes);
    } catch {
      throw new ExecutionError('guest passed invalid UTF-8');
    }
  }

  imports(): Record<string, WebAssembly.ImportValue> {
    const gas = this.ctx.gas;
    const state = this.ctx.state;
    const env: Record<string, WebAssembly.ImportValue> = {
      db_read: (keyPtr: number): number => {
        const key = this.readRegion(keyPtr, REGION_LIMITS.dbKey);
        const value = state.get(COSMWASM_STORAGE, this.#key(key));
        gas.charge(C.readFlat + C.readPerByte * (key.length + (value?.length ?? 0)), 'storage', 'db_read');
        return value === undefined ? 0 : this.passToGuest(value);
      },
      db_write: (keyPtr: number, valuePtr: number) => {
        const key = this.readRegion(keyPtr, REGION_LIMITS.dbKey);
        const value = this.readRegion(valuePtr, REGION_LIMITS.dbValue);
        gas.charge(C.writeFlat + C.writePerByte * (key.length + value.length), 'storage', 'db_write');
        state.set(COSMWASM_STORAGE, this.#key(key), value);
      },
      db_remove: (keyPtr: number) => {
        const key = this.readRegion(keyPtr, REGION_LIMITS.dbKey);
        gas.charge(C.delete, 'storage', 'db_remove');
        state.delete(COSMWASM_STORAGE, this.#key(key));
      },
      addr_validate: (sourcePtr: number): number => {
        gas.charge(C.addrValidate, 'crypto', 'addr_validate');
        const human = this.#text(sourcePtr, REGION_LIMITS.humanAddress);
        const canonical = canonicalAddress(human);
        if (typeof canonical === 'string') return this.passToGuest(encoder.encode(canonical));
        if (humanAddress(canonical) !== human)
          return this.passToGuest(encoder.encode('Address is not normalized'));
        return 0;
      },
      addr_canonicalize: (sourcePtr: number, destPtr: number): number => {
        gas.charge(C.addrCanonicalize, 'crypto', 'addr_canonicalize');
        const canonical = canonicalAddress(this.#text(sourcePtr, REGION_LIMITS.humanAddress));
        if (typeof canonical === 'string') return this.passToGuest(encoder.encode(canonical));
        this.writeRegion(destPtr, canonical);
        return 0;
      },
      addr_humanize: (sourcePtr: number, destPtr: number): number => {
        gas.charge(C.addrHumanize, 'crypto', 'addr_humanize');
        const canonical = this.readRegion(sourcePtr, REGION_LIMITS.canonicalAddress);
        if (canonical.length !== 20 && canonical.length !== 32) {
          return this.passToGuest(encoder.encode('Invalid canonical address length'));
        }
        this.writeRegion(destPtr, encoder.encode(humanAddress(canonical)));
        return 0;
      },
      debug: (sourcePtr: number) => {
        const length = this.regionLength(sourcePtr);
        if (length > this.#debugBudget) {
          if (this.#debugBudget >= 0) this.logs.push('[debug output past 1 MiB dropped]');
          this.#debugBudget = -1;
          return;
        }
        this.#debugBudget -= length;
        this.logs.push(new TextDecoder('utf-8').decode(this.readRegion(sourcePtr)));
      },
      abort: (sourcePtr: number) => {
        throw new GuestAbort(this.#text(sourcePtr, REGION_LIMITS.abort));
      },
      query_chain: (requestPtr: number): number => {
        const request = this.#text(requestPtr, REGION_LIMITS.queryChainRequest);
        return this.passToGuest(encoder.encode(JSON.stringify(queryChain(request))));
      },
    };
    for (const [name, feature] of Object.entries(UNSUPPORTED_COSMWASM_IMPORTS)) {
      env[name] = () => {
        throw unsupported(
          feature,
          `CosmWasm host function ${name} is not implemented by polyvm (${feature})`,
          {
            hostFunction: name,
          },
        );
      };
    }
    return env;
  }
}

/**
 * Host functions cosmwasm-vm offers that polyvm does not implement (iterators, crypto verification),
 * each with the feature id its `UnsupportedError` names (README, "Unsupported features").
 */
export const UNSUPPORTED_COSMWASM_IMPORTS: Readonly<Record<string, string>> = {
  db_scan: 'cosmwasm:iterator',
  db_next: 'cosmwasm:iterator',
  db_next_key: 'cosmwasm:iterator',
  db_next_value: 'cosmwasm:iterator',
  secp256k1_verify: 'cosmwasm:crypto',
  secp256k1_recover_pubkey: 'cosmwasm:crypto',
  secp256r1_verify: 'cosmwasm:crypto',
  secp256r1_recover_pubkey: 'cosmwasm:crypto',
  ed25519_verify: 'cosmwasm:crypto',
  ed25519_batch_verify: 'cosmwasm:crypto',
  bls12_381_aggregate_g1: 'cosmwasm:crypto',
  bls12_381_aggregate_g2: 'cosmwasm:crypto',
  bls12_381_pairing_equality: 'cosmwasm:crypto',
  bls12_381_hash_to_g1: 'cosmwasm:crypto',
  bls12_381_hash_to_g2: 'cosmwasm:crypto',
};

export const COSMWASM_HOST_FUNCTIONS: readonly string[] = [
  'db_read',
  'db_write',
  'db_remove',
  'addr_validate',
  'addr_canonicalize',
  'addr_humanize',
  'debug',
  'abort',
  'query_chain',
];

/**
 * A chain without a bank module: every balance is zero and so is every supply (`BankQuery::Supply`,
 * capability `cosmwasm_1_1`). Other queries (staking, distribution, other contracts, stargate/gRPC,
 * IBC) need modules polyvm does not model: an UnsupportedError rather than an answer the chain would
 * not give.
 */
function queryChain(request: string): unknown {
  let parsed: {
    bank?: { all_balances?: unknown; balance?: { denom?: string }; supply?: { denom?: string } };
  };
  try {
    parsed = JSON.parse(request);
    if (parsed === null || typeof parsed !== 'object') throw new TypeError('not an object');
  } catch {
    return { error: { invalid_request: { error: 'request is not JSON', request: '' } } };
  }
  const ok = (value: unknown) => ({ ok: { ok: Buffer.from(JSON.stringify(value)).toString('base64') } });
  const coin = (denom: string | undefined) => ({ amount: { denom: denom ?? '', amount: '0' } });
  if (parsed.bank?.all_balances !== undefined) return ok({ amount: [] });
  if (parsed.bank?.balance !== undefined) return ok(coin(parsed.bank.balance.denom));
  if (parsed.bank?.supply !== undefined) return ok(coin(parsed.bank.supply.denom));
  const kind = messageType(parsed);
  throw unsupported('cosmwasm:queries', `query ${kind} needs a module polyvm does not model`, {
    query: kind,
  });
}
