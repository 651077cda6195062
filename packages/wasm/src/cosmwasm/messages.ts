import { unsupported } from '../engine/unsupported.js';

/**
 * The type of a `CosmosMsg` as `<module>.<variant>`, e.g. `bank.send`, `wasm.execute`
 * (cosmwasm-std serializes enums externally tagged in snake case: `{"bank":{"send":{…}}}`).
 */
export function messageType(msg: unknown): string {
  if (msg === null || typeof msg !== 'object') return String(msg);
  const [module, body] = Object.entries(msg)[0] ?? ['unknown', undefined];
  if (body === null || typeof body !== 'object') return module;
  const variant = Object.keys(body)[0];
  return variant === undefined ? module : `${module}.${variant}`;
}

/**
 * A `Response` whose `messages` (SubMsgs) are not empty asks the chain to dispatch them, and the
 * whole transaction fails when one of them fails. polyvm dispatches none, so instead of dropping
 * them it fails the transaction (state reverted) with an UnsupportedError naming the types.
 */
export function refuseMessages(response: unknown): void {
  const messages = (response as { messages?: unknown } | null)?.messages;
  if (!Array.isArray(messages) || messages.length === 0) return;
  const types = messages.map((sub) => messageType((sub as { msg?: unknown } | null)?.msg));
  throw unsupported(
    'cosmwasm:messages',
    `the contract's Response dispatches ${types.join(', ')}; polyvm does not dispatch CosmosMsg messages`,
    { messages: types },
  );
}
