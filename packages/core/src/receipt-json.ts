import { toHex } from './bytes.js';
import type { Receipt } from './receipt.js';

/**
 * A receipt as plain JSON for `--json` output: bytes as 0x-hex, the error as its code and message.
 * Every runtime's `run`/`call` command prints this shape, plus fields of its own under `extra`.
 */
export function receiptToJson(receipt: Receipt, extra: Readonly<Record<string, unknown>> = {}) {
  return {
    status: receipt.status,
    gasUsed: receipt.gasUsed,
    gasRefunded: receipt.gasRefunded,
    gasBreakdown: receipt.gasBreakdown,
    returnData: toHex(receipt.returnData),
    ...(receipt.error ? { error: { code: receipt.error.code, message: receipt.error.message } } : {}),
    events: receipt.events.map((e) => ({
      emitter: toHex(e.emitter),
      topics: e.topics.map(toHex),
      data: toHex(e.data),
    })),
    logs: receipt.logs,
    stateDiff: receipt.stateDiff.map((c) => ({
      namespace: c.namespace,
      key: toHex(c.key),
      before: c.before ? toHex(c.before) : null,
      after: c.after ? toHex(c.after) : null,
    })),
    instructions: receipt.metrics.instructions,
    ...(receipt.createdAddress ? { createdAddress: toHex(receipt.createdAddress) } : {}),
    ...extra,
  };
}
