import { describe, expect, it } from 'vitest';
import { forkAtLeast, isFork } from './fork.js';

describe('fork', () => {
  it('knows Cancun and Prague only', () => {
    expect(isFork('Cancun')).toBe(true);
    expect(isFork('Prague')).toBe(true);
    expect(isFork('Shanghai')).toBe(false);
  });
  it('orders forks', () => {
    expect(forkAtLeast('Prague', 'Cancun')).toBe(true);
    expect(forkAtLeast('Prague', 'Prague')).toBe(true);
    expect(forkAtLeast('Cancun', 'Prague')).toBe(false);
  });
});
