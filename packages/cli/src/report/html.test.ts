import { describe, expect, it } from 'vitest';
import { sampleReport } from '../testing/sample-report.js';
import { renderHtml } from './html.js';

describe('renderHtml', () => {
  const html = renderHtml(sampleReport());

  it('is one self-contained page: no script, no external asset', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('has the environment, the agreement table and the four charts', () => {
    expect(html).toContain('<td>CPU</td><td class="num">Test CPU @ 1 GHz</td>');
    expect(html).toContain('<td>polyvm</td><td class="num">1.2.3</td>');
    expect(html).toContain(
      '<tr><td>square</td><td>x=49</td><td class="ok">ok</td><td class="bad">WRONG</td></tr>',
    );
    expect(html).toContain('<li>y/square: returned x=56, expected x=49</li>');
    const titles = [...html.matchAll(/<svg [^>]*aria-label="([^"]+)"/g)].map((m) => m[1]);
    expect(titles).toEqual([
      'Normalized cost',
      'Median wall time per run',
      'Instructions executed',
      'Where the gas goes',
    ]);
  });

  it('draws no bar for a pair that was not measured', () => {
    expect(html).toContain('<title>y · counter: 57,483</title>');
    expect(html).not.toContain('y · square');
  });

  it('splits each measured bar by gas category', () => {
    // y/counter spends 1,100 of 1,200 on storage, 95 on compute and 5 on memory.
    expect(html).toContain('<title>y · counter: storage 92%</title>');
    expect(html).toContain('<title>y · counter: compute 8%</title>');
    expect(html).toContain('<title>y · counter: memory &lt;1%</title>');
    // x/counter has no breakdown at all, and y/square was not measured.
    expect(html.match(/n\/a \(x\)/g)).toHaveLength(2);
    expect(html).toContain('n/a (y)');
  });

  it('uses a log axis for instructions spanning 9 to 1.2 million', () => {
    const instructions = html.slice(html.indexOf('aria-label="Instructions executed"'));
    expect(instructions).toContain('VM instructions (log scale)');
  });

  it('has a per-workload table with the same columns as the Markdown report', () => {
    expect(html).toContain('<h3>counter: Counter</h3>');
    expect(html).toContain('<td class="num">1,234,567</td>');
    expect(html).toContain('<th>median ± MAD</th>');
  });
});
