import { describe, expect, it } from 'vitest';
import { sampleReport } from '../testing/sample-report.js';
import { markdownTable, renderMarkdown, renderSummary } from './markdown.js';

describe('markdownTable', () => {
  it('aligns numeric columns right and escapes pipes', () => {
    expect(markdownTable(['a', 'n'], [['x|y', '1']], [false, true])).toBe(
      '| a | n |\n|---|---:|\n| x\\|y | 1 |',
    );
  });
});

describe('renderSummary', () => {
  const summary = renderSummary(sampleReport());

  it('puts the agreement table first and names the disagreement', () => {
    expect(summary).toContain('| workload | expected | x | y |');
    expect(summary).toContain('| counter | counter=1 | ok | ok |');
    expect(summary).toContain('| square | x=49 | ok | WRONG |');
    expect(summary).toContain('**1 disagreement:**\n\n- y/square: returned x=56, expected x=49');
  });

  it('gives each runtime its value and ratio to the baseline, leaving failed pairs empty', () => {
    expect(summary).toContain('| counter | 14,371 | 57,483 (4.00×) |');
    expect(summary).toContain('| counter | 11.0 µs | 110 µs (10.0×) |');
    expect(summary).toContain('| square | 2.00 ms | – |');
    expect(summary).toContain('| counter | 9 | 1,234,567 (137,174×) |');
  });
});

describe('renderMarkdown', () => {
  const md = renderMarkdown(sampleReport());

  it('starts with the environment header', () => {
    expect(md).toContain('| Test CPU @ 1 GHz | 2 | v20.0.0 | linux-x64 |');
    expect(md).toContain('Packages: polyvm 1.2.3.');
    expect(md).toContain('2 warm-up runs and 3 timed samples per pair');
    expect(md).toContain('baseline runtime: **x**');
  });

  it('has one detailed table per workload with every measured column', () => {
    expect(md).toContain('## counter: Counter\n\nAdds 1 to slot 0 and returns it.');
    const y = md.split('\n').find((l) => l.startsWith('| y | ok | 1,200 y-gas'));
    expect(y).toBe(
      '| y | ok | 1,200 y-gas | 57,483 | 4.00× | 110 µs ± 10.0 µs | 9.1% | 100 µs – 120 µs | 9,091 | 10.0× | storage 92%, compute 8% | 1,234,567 | 137,174× | 2 | 1 | 2.0 KiB / 8 B | 1.5 KiB | n/a |',
    );
    expect(md).toContain('| y | WRONG | 12 y-gas | 4 | – | – | – | – | – | – | – | 4 | – |');
    expect(md).toContain('Sources: x: x asm; y: y asm.');
  });
});
