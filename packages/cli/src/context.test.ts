import { RegistryError } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { createContext } from './context.js';
import { FAKE_GROUP } from './testing/fake-context.js';
import { FAKE_SPECS, fakeRuntimeFactory, fakeWorkloads } from './testing/fake-vm.js';

const base = { version: '1.0.0', runtimes: [fakeRuntimeFactory('alpha')], specs: FAKE_SPECS };

describe('createContext', () => {
  it('registers runtimes, groups and the workload catalog', () => {
    const ctx = createContext({ ...base, groups: [FAKE_GROUP], implementations: fakeWorkloads('alpha') });
    expect(ctx.registry.list().map((i) => i.name)).toEqual(['alpha']);
    expect(ctx.catalog.implementations).toHaveLength(2);
    expect(ctx.groups).toEqual([FAKE_GROUP]);
    expect(ctx.packages).toEqual({});
  });

  it('refuses a group that would shadow a built-in command', () => {
    expect(() => createContext({ ...base, groups: [{ ...FAKE_GROUP, name: 'compare' }] })).toThrow(
      new RegistryError('command group "compare" would shadow the built-in command'),
    );
  });

  it('refuses duplicate groups and duplicate runtimes', () => {
    expect(() => createContext({ ...base, groups: [FAKE_GROUP, FAKE_GROUP] })).toThrow('registered twice');
    expect(() =>
      createContext({ ...base, runtimes: [fakeRuntimeFactory('a'), fakeRuntimeFactory('a')] }),
    ).toThrow('runtime "a" is already registered');
  });

  it('refuses a default runtime that is not registered', () => {
    expect(() => createContext({ ...base, defaultRuntimes: ['alpha', 'beta'] })).toThrow(
      new RegistryError('default runtime "beta" is not registered'),
    );
    expect(createContext({ ...base, defaultRuntimes: ['alpha'] }).defaultRuntimes).toEqual(['alpha']);
  });

  it('refuses workloads for a runtime that is not registered', () => {
    expect(() => createContext({ ...base, implementations: fakeWorkloads('beta') })).toThrow(
      'workload beta/counter is for an unregistered runtime',
    );
  });
});
