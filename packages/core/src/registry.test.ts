import { describe, expect, it } from 'vitest';
import { RegistryError } from './errors.js';
import { RuntimeRegistry } from './registry.js';
import type { Runtime, RuntimeFactory } from './runtime.js';

function factory(name: string, createdName = name): RuntimeFactory {
  return {
    info: { name, description: `${name} runtime`, version: '0.0.0' },
    create: () => ({ name: createdName }) as Runtime,
  };
}

describe('RuntimeRegistry', () => {
  it('registers, lists and creates runtimes by name', () => {
    const r = new RuntimeRegistry().register(factory('evm')).register(factory('svm'));
    expect(r.has('evm')).toBe(true);
    expect(r.list().map((i) => i.name)).toEqual(['evm', 'svm']);
    expect(r.create('svm').name).toBe('svm');
  });

  it('names the known runtimes when asked for an unknown one', () => {
    const r = new RuntimeRegistry().register(factory('evm'));
    expect(() => r.create('wasm')).toThrow(new RegistryError('unknown runtime "wasm" (known: evm)'));
  });

  it('rejects duplicates, bad names and factories that lie about their name', () => {
    const r = new RuntimeRegistry().register(factory('evm'));
    expect(() => r.register(factory('evm'))).toThrow(/already registered/);
    expect(() => r.register(factory('Bad Name'))).toThrow(/must match/);
    expect(() => r.register({} as RuntimeFactory)).toThrow(RegistryError);
    r.register(factory('move', 'sui'));
    expect(() => r.create('move')).toThrow(/created a runtime named "sui"/);
  });
});
