import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError, makeReceipt } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { loadScenario } from './load.js';
import { readValue } from './result-reader.js';
import type { StepOutcome } from './session.js';

const dir = mkdtempSync(join(tmpdir(), 'polyvm-workload-scenario-'));
const put = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

const base = `name: w
contracts:
  c: { evm: { asm: "STOP" } }
`;

describe('workload scenarios: the loader checks workload, measure and result together', () => {
  it.each([
    [
      'measure without workload',
      `${base}steps:\n  - deploy: c\n  - call: c\n    measure: true\n`,
      /"measure" and "result" need "workload"/,
    ],
    [
      'workload without result',
      `workload: counter\n${base}steps:\n  - deploy: c\n  - call: c\n    measure: true\n`,
      /needs "result"/,
    ],
    [
      'measure not on the last step',
      `workload: counter\nresult: { counter: { evm: "return:word[0]" } }\n${base}steps:\n  - call: c\n    measure: true\n  - deploy: c\n`,
      /measures exactly one call, its last step/,
    ],
    [
      'a reader the schema does not know',
      `workload: counter\nresult: { counter: { evm: "memory:0" } }\n${base}steps:\n  - deploy: c\n  - call: c\n    measure: true\n`,
      /\$\.result\.counter\.evm/,
    ],
  ])('%s is a usage error', (_what, text, message) => {
    const file = put('w.yaml', text);
    expect(() => loadScenario(file)).toThrow(InvalidArgumentError);
    expect(() => loadScenario(file)).toThrow(message);
  });
});

describe('result readers', () => {
  const returned = Uint8Array.from([...new Array<number>(31).fill(0), 7, 5, 0, 0, 0, 0, 0, 0, 0]);
  const outcome = {
    receipt: makeReceipt({ status: 'success', gasUsed: 1, returnData: returned, logs: ['h=abcd', 's=12'] }),
    returned: null,
    events: [],
    changes: [],
    stored: (key: string) => (key === 'c' ? Uint8Array.of(3, 0, 0, 0, 0, 0, 0, 0) : undefined),
  } satisfies StepOutcome;

  it('decode words, little-endian u64s, hex, attributes and storage', () => {
    expect(readValue('return:word[0]', outcome, 'x')).toBe('7');
    expect(readValue('return:u64[4]', outcome, 'x')).toBe('5');
    expect(readValue('return:hex[31:]', outcome, 'x')).toBe('0x070500000000000000');
    expect(readValue('attribute:s', outcome, 'x')).toBe('12');
    expect(readValue('attribute-hex:h', outcome, 'x')).toBe('0xabcd');
    expect(readValue('attribute:missing', outcome, 'x')).toBe('missing');
    expect(readValue('storage:c', outcome, 'x')).toBe('3');
  });

  it('a reader that does not apply, or data too short, is a typed error naming the value', () => {
    expect(() => readValue('account:a:0', outcome, 'x on svm')).toThrow(/x on svm: reader "account:a:0"/);
    expect(() => readValue('return:word[1]', outcome, 'x')).toThrow(/needs 64 bytes, has 40/);
  });
});
