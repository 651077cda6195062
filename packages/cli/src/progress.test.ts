import { describe, expect, it } from 'vitest';
import { memoryIO } from './io.js';
import { createProgress } from './progress.js';

describe('createProgress', () => {
  it('prints one plain line per finished item when stderr is not a terminal', () => {
    const io = memoryIO({ tty: false });
    const progress = createProgress(io, 'measuring', 3);
    progress.begin('evm/counter');
    progress.end('1.2 ms');
    progress.begin('wasm/counter');
    progress.end();
    progress.finish();
    expect(io.stderr()).toBe('measuring 1/3 evm/counter 1.2 ms\nmeasuring 2/3 wasm/counter\n');
    expect(io.stderr()).not.toContain('\r');
  });

  it('redraws a single line in place on a terminal and ends with a newline', () => {
    const io = memoryIO({ tty: true, columns: 120 });
    const progress = createProgress(io, 'measuring', 2);
    progress.begin('evm/counter');
    progress.end();
    progress.begin('svm/counter');
    progress.end();
    progress.finish();
    const text = io.stderr();
    expect(text.split('\n')).toHaveLength(2);
    const frames = text.split('\r\u001b[2K').filter(Boolean);
    expect(frames[0]).toBe(`measuring ${'░'.repeat(24)} 0/2 `);
    expect(frames[1]).toBe(`measuring ${'░'.repeat(24)} 0/2 evm/counter`);
    expect(frames[2]).toBe(`measuring ${'█'.repeat(12)}${'░'.repeat(12)} 1/2 evm/counter`);
    expect(frames.at(-1)).toBe('measuring: 2/2 done\n');
  });

  it('never draws past the terminal width', () => {
    const io = memoryIO({ tty: true, columns: 30 });
    const progress = createProgress(io, 'measuring', 10);
    progress.begin('a-very-long-runtime-name/a-very-long-workload-name');
    for (const frame of io.stderr().split('\r\u001b[2K').filter(Boolean)) {
      expect(frame.length).toBeLessThanOrEqual(29);
    }
    expect(io.stderr()).toContain('…');
  });
});
