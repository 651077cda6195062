import { describe, expect, it } from 'vitest';
import { ChangeTracker } from './change-tracker.js';
import { JournaledState } from './journaled-state.js';

describe('ChangeTracker', () => {
  it('lists keys stored, removed and restored by a revert, in the tracked namespaces only', () => {
    const state = new JournaledState();
    state.set('kept', Uint8Array.of(1), Uint8Array.of(1));
    const tracker = state.trackChanges(['kept']);
    state.checkpoint();
    state.set('kept', Uint8Array.of(2), Uint8Array.of(2));
    state.set('other', Uint8Array.of(3), Uint8Array.of(3));
    state.delete('kept', Uint8Array.of(1));
    expect([...tracker.take()!].sort()).toEqual(['kept:01', 'kept:02']);
    state.revert();
    expect([...tracker.take()!].sort()).toEqual(['kept:01', 'kept:02']);
    expect(tracker.take()!.size).toBe(0);
  });

  it('gives up listing past 2^16 keys and asks for a rebuild', () => {
    const tracker = new ChangeTracker();
    for (let i = 0; i <= 1 << 16; i++) tracker.changed('ns', `ns:${i.toString(16).padStart(8, '0')}`);
    expect(tracker.take()).toBeUndefined();
    tracker.changed('ns', 'ns:00');
    expect([...tracker.take()!]).toEqual(['ns:00']);
  });
});
