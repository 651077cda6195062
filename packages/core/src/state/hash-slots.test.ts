import { describe, expect, it } from 'vitest';
import { HashSlots } from './hash-slots.js';

describe('HashSlots', () => {
  it('keeps each slot’s bytes apart across chunk boundaries', () => {
    const slots = new HashSlots();
    const ids = Array.from({ length: 5000 }, () => slots.allocate());
    for (const id of ids) slots.write(id, new Uint8Array(32).fill(id & 0xff));
    for (const id of ids) expect(slots.view(id)).toEqual(new Uint8Array(32).fill(id & 0xff));
  });

  it('hands released slots out again before growing', () => {
    const slots = new HashSlots();
    const a = slots.allocate();
    const b = slots.allocate();
    slots.release(a);
    expect(slots.allocate()).toBe(a);
    expect(slots.allocate()).toBe(b + 1);
  });
});
