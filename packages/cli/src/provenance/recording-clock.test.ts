import { describe, expect, it } from 'vitest';
import { recordingClock } from './recording-clock.js';

describe('recordingClock', () => {
  it('turns start/end readings into per-run times and drops the warm-up runs', () => {
    const ticks = [0, 5, 10, 12, 20, 23, 30, 34];
    let i = 0;
    const clock = recordingClock(() => ticks[i++]!);
    for (let k = 0; k < ticks.length; k++) clock.now();
    expect(clock.samples(1)).toEqual([2, 3, 4]);
  });
});
