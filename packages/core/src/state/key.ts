import { hexToBytes } from '@noble/hashes/utils.js';
import { assertBytes, describe } from '../bytes.js';
import { InvalidArgumentError } from '../errors.js';

/** Namespaces are short lower-case paths such as `evm/storage` or `move/resource`. */
const NAMESPACE = /^[a-z0-9][a-z0-9_./-]{0,63}$/;

/** Namespaces already checked: storage opcodes hit the same few on every access, skip the regex for them. */
const checked = new Set<string>();

export function assertNamespace(namespace: unknown): asserts namespace is string {
  if (checked.has(namespace as string)) return;
  if (typeof namespace !== 'string' || !NAMESPACE.test(namespace)) {
    throw new InvalidArgumentError(
      `namespace must match ${NAMESPACE} (e.g. "evm/storage"), got ${describe(namespace)}`,
    );
  }
  if (checked.size < 1024) checked.add(namespace);
}

/**
 * `namespace:hexkey`. The colon cannot appear in a namespace, so the encoding is unambiguous.
 *
 * Written as ASCII into one buffer and decoded in a single call, so the result is one flat string.
 * Concatenating hex pairs (and the namespace) instead builds a rope of ~60 pieces per key, which a Map
 * keeps as is: ~1.4 KB of heap per stored key, and every lookup flattens its rope before hashing.
 */
export function stateKey(namespace: string, key: Uint8Array): string {
  assertNamespace(namespace);
  assertBytes(key, 'key');
  const length = namespace.length + 1 + 2 * key.length;
  if (scratch.length < length) scratch = new Uint8Array(2 * length);
  let p = 0;
  for (let i = 0; i < namespace.length; i++) scratch[p++] = namespace.charCodeAt(i);
  scratch[p++] = COLON;
  for (let i = 0; i < key.length; i++) {
    const byte = key[i]!;
    scratch[p++] = HEX_DIGITS[byte >> 4]!;
    scratch[p++] = HEX_DIGITS[byte & 0x0f]!;
  }
  return ascii.decode(scratch.subarray(0, length));
}

const COLON = 0x3a;
const HEX_DIGITS = new TextEncoder().encode('0123456789abcdef');
let scratch = new Uint8Array(256);
/** Only ASCII is ever decoded (namespaces are checked), where this label and ASCII agree. */
const ascii = new TextDecoder('latin1');

export function parseStateKey(composite: string): { namespace: string; key: Uint8Array } {
  const colon = typeof composite === 'string' ? composite.indexOf(':') : -1;
  const hex = colon < 0 ? '' : composite.slice(colon + 1);
  if (colon < 0 || hex.length % 2 !== 0 || !/^[0-9a-f]*$/.test(hex)) {
    throw new InvalidArgumentError(`not a state key (namespace:hexkey): ${describe(composite)}`);
  }
  return { namespace: composite.slice(0, colon), key: hexToBytes(hex) };
}
