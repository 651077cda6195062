import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors.js';
import { PRICES_SCHEMA, parsePriceFile } from './prices.js';

const valid = {
  schema: PRICES_SCHEMA,
  asOf: '2026-12-07',
  currency: 'USD',
  source: 'test',
  chains: { ethereum: { tokenPrice: 3000, gasPrice: '1000000000', priorityFee: '0' } },
};

describe('parsePriceFile', () => {
  it('accepts a well-formed file', () => {
    expect(parsePriceFile(valid, 'p.json').chains.ethereum?.tokenPrice).toBe(3000);
  });

  it('names the file and the field that is wrong', () => {
    const bad = { ...valid, chains: { ethereum: { ...valid.chains.ethereum, gasPrice: 1e9 } } };
    expect(() => parsePriceFile(bad, 'p.json')).toThrow(InvalidArgumentError);
    expect(() => parsePriceFile(bad, 'p.json')).toThrow(/p\.json: chains\.ethereum\.gasPrice/);
    expect(() => parsePriceFile({ ...valid, asOf: 'today' }, 'p.json')).toThrow(/asOf/);
  });
});
