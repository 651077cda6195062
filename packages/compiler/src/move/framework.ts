/**
 * The framework modules a generated module links against, published at `0x1`/`0x2` before the first
 * contract: move-lite's stdlib declarations (`signer`, `table`, `bcs`) and the declarations of the
 * chain natives move-lite implements that the stdlib text does not declare. Each declaration is the
 * framework's own native signature, made `public` where the framework wraps a private native.
 */
import { addressFromHex, InvalidArgumentError, type JournaledState } from '@polyvm/core';
import {
  assembleToBytes,
  MODULE_NAMESPACE,
  type MoveRuntime,
  moduleKey,
  STDLIB_SOURCES,
} from '@polyvm/move-lite';
import { addressHex, MOVE_ADDRESS_BYTES } from './module-gen.js';

/** Publishing costs little; the limit only has to be out of the way. */
const PUBLISH_GAS_LIMIT = 10_000_000_000n;

const DECLARATIONS: readonly { readonly address: bigint; readonly source: string }[] = [
  // aptos-framework `event.move` (move-lite's `write_to_event_store` native, keyed by type tag).
  {
    address: 1n,
    source: `module 0x1::event
native public fun write_to_event_store<T0: drop + store>(guid: vector<u8>, count: u64, msg: T0)
`,
  },
  // aptos-stdlib `aptos_hash.move`: `native public fun keccak256(bytes: vector<u8>): vector<u8>`.
  {
    address: 1n,
    source: `module 0x1::aptos_hash
native public fun keccak256(bytes: vector<u8>): vector<u8>
`,
  },
  // sui-framework `address.move`: `public native fun to_u256(a: address): u256`, `from_u256(n: u256): address`.
  {
    address: 2n,
    source: `module 0x2::address
native public fun to_u256(a: address): u256
native public fun from_u256(n: u256): address
`,
  },
  // sui-framework `tx_context.move`: `native fun native_epoch(): u64`, `native fun
  // native_epoch_timestamp_ms(): u64` (move-lite: epoch = block height, timestamp = block time × 1000).
  {
    address: 2n,
    source: `module 0x2::tx_context
native public fun native_epoch(): u64
native public fun native_epoch_timestamp_ms(): u64
`,
  },
];

const STDLIB_USED = ['signer', 'table', 'bcs', 'hash'] as const;

function address(value: bigint): Uint8Array {
  return addressFromHex(addressHex(value), MOVE_ADDRESS_BYTES);
}

/** Publishes the framework into `state` once (the `0x2::tx_context` declaration marks it done). */
export function ensureFramework(runtime: MoveRuntime, state: JournaledState): void {
  if (runtime.addressWidth !== MOVE_ADDRESS_BYTES)
    throw new InvalidArgumentError(`move target: needs ${MOVE_ADDRESS_BYTES}-byte addresses (Aptos/Sui)`);
  if (state.get(MODULE_NAMESPACE, moduleKey(address(2n), 'tx_context')) !== undefined) return;
  const modules = [
    ...STDLIB_USED.map((name) => ({ address: 1n, source: STDLIB_SOURCES[name]! })),
    ...DECLARATIONS,
  ];
  for (const { address: at, source } of modules) {
    const name = /^module 0x\w+::(\w+)/.exec(source)![1]!;
    if (state.get(MODULE_NAMESPACE, moduleKey(address(at), name)) !== undefined) continue;
    const code = assembleToBytes(source, { addressWidth: MOVE_ADDRESS_BYTES });
    const receipt = runtime.deploy(state, { sender: address(at), code, gasLimit: PUBLISH_GAS_LIMIT });
    if (receipt.status !== 'success') throw receipt.error ?? new Error(`publishing 0x${at}::${name} failed`);
  }
}
