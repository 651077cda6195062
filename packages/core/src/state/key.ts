import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
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

/** `namespace:hexkey`. The colon cannot appear in a namespace, so the encoding is unambiguous. */
export function stateKey(namespace: string, key: Uint8Array): string {
  assertNamespace(namespace);
  assertBytes(key, 'key');
  return `${namespace}:${bytesToHex(key)}`;
}

export function parseStateKey(composite: string): { namespace: string; key: Uint8Array } {
  const colon = typeof composite === 'string' ? composite.indexOf(':') : -1;
  const hex = colon < 0 ? '' : composite.slice(colon + 1);
  if (colon < 0 || hex.length % 2 !== 0 || !/^[0-9a-f]*$/.test(hex)) {
    throw new InvalidArgumentError(`not a state key (namespace:hexkey): ${describe(composite)}`);
  }
  return { namespace: composite.slice(0, colon), key: hexToBytes(hex) };
}
