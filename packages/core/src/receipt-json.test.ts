import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from './errors.js';
import { makeReceipt } from './receipt.js';
import { receiptToJson } from './receipt-json.js';

describe('receiptToJson', () => {
  it('prints bytes as hex, the error as code and message, and keeps extra fields', () => {
    const receipt = makeReceipt({
      status: 'revert',
      gasUsed: 21_000,
      returnData: Uint8Array.of(0xbe, 0xef),
      events: [{ emitter: Uint8Array.of(1), topics: [Uint8Array.of(2)], data: Uint8Array.of(3) }],
      stateDiff: [{ namespace: 'ns', key: Uint8Array.of(4), before: undefined, after: Uint8Array.of(5) }],
      error: new InvalidArgumentError('no'),
    });
    expect(JSON.parse(JSON.stringify(receiptToJson(receipt, { reason: 'x' })))).toMatchObject({
      status: 'revert',
      gasUsed: 21_000,
      returnData: '0xbeef',
      error: { code: 'INVALID_ARGUMENT', message: 'no' },
      events: [{ emitter: '0x01', topics: ['0x02'], data: '0x03' }],
      stateDiff: [{ namespace: 'ns', key: '0x04', before: null, after: '0x05' }],
      reason: 'x',
    });
  });
});
