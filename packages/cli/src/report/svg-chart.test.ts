import { describe, expect, it } from 'vitest';
import {
  type BarChart,
  chooseScale,
  LOG_SCALE_SPAN,
  niceStep,
  renderBarChart,
  renderShareChart,
} from './svg-chart.js';

const chart = (values: Array<Array<number | undefined>>): BarChart => ({
  title: 'Cost <per> run',
  axisLabel: 'units',
  categories: values.map((_, i) => `w${i}`),
  series: ['evm', 'svm'],
  values,
  format: (n) => String(n),
});

/** [width, title] of every bar, in drawing order. */
function bars(svg: string): Array<[number, string]> {
  return [
    ...svg.matchAll(
      /<rect x="130" y="[\d.]+" width="([\d.]+)" height="13" fill="[^"]+"><title>([^<]+)<\/title>/g,
    ),
  ].map((m) => [Number(m[1]), m[2]!]);
}

describe('chooseScale', () => {
  it('switches to log when values span two orders of magnitude', () => {
    expect(chooseScale([1, 99])).toBe('linear');
    expect(chooseScale([1, LOG_SCALE_SPAN])).toBe('log');
    expect(chooseScale([0, 5, 5000])).toBe('log');
    expect(chooseScale([7])).toBe('linear');
  });

  it('picks 1-2-5 tick steps', () => {
    expect(niceStep(100)).toBe(20);
    expect(niceStep(42)).toBe(10);
    expect(niceStep(7)).toBe(2);
    expect(niceStep(0.3)).toBeCloseTo(0.1);
  });
});

describe('renderBarChart', () => {
  it('draws bars proportional to the values on a linear axis', () => {
    const svg = renderBarChart(
      chart([
        [10, 20],
        [40, undefined],
      ]),
    );
    // 40 is the top tick (step 10), so 40 fills the 530 px plot and 10 a quarter of it.
    expect(bars(svg)).toEqual([
      [132.5, 'evm · w0: 10'],
      [265, 'svm · w0: 20'],
      [530, 'evm · w1: 40'],
    ]);
    expect(svg).toContain('>n/a</text>');
    expect(svg).toContain('>units</text>');
    expect(svg).not.toContain('log scale');
  });

  it('draws equal steps per power of ten on a log axis', () => {
    const svg = renderBarChart(
      chart([
        [10, 1000],
        [100, 10_000],
      ]),
    );
    expect(svg).toContain('>units (log scale)</text>');
    const widths = bars(svg).map(([w]) => w);
    // Axis from 1 (half a decade or more below the smallest value) to 10^4: a quarter per decade.
    expect(widths).toEqual([132.5, 397.5, 265, 530]);
    for (const tick of ['1', '10', '100', '1000', '10000']) expect(svg).toContain(`>${tick}</text>`);
  });

  it('labels ticks with formatTick and bars with format', () => {
    const svg = renderBarChart({
      ...chart([[10, 1000]]),
      formatTick: (n) => `t${n}`,
      format: (n) => `v${n}`,
    });
    expect(svg).toContain('>t1000</text>');
    expect(svg).toContain('>v1000</text>');
    expect(svg).toContain('<title>svm · w0: v1000</title>');
  });

  it('escapes text and is a standalone SVG element', () => {
    const svg = renderBarChart(chart([[1, 2]]));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).toContain('Cost &lt;per&gt; run');
    expect(svg).not.toContain('<per>');
  });

  it('sizes the drawing to the number of bars', () => {
    const small = renderBarChart(chart([[1, 2]]));
    const large = renderBarChart(
      chart([
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
    );
    const height = (svg: string) => Number(/height="(\d+)"/.exec(svg)![1]);
    expect(height(large) - height(small)).toBe(2 * (2 * 15 - 2 + 12));
  });
});

describe('renderShareChart', () => {
  const svg = renderShareChart({
    title: 'Where',
    categories: ['w0'],
    series: ['evm', 'svm'],
    parts: ['compute', 'storage', 'call'],
    amounts: [[[1, 3, 0], undefined]],
  });

  it('stacks the parts of a bar left to right in proportion, skipping empty parts', () => {
    const segments = [
      ...svg.matchAll(/<rect x="([\d.]+)" y="56" width="([\d.]+)"[^>]*><title>([^<]+)</g),
    ].map((m) => [Number(m[1]), Number(m[2]), m[3]]);
    expect(segments).toEqual([
      [130, 132.5, 'evm · w0: compute 25%'],
      [262.5, 397.5, 'evm · w0: storage 75%'],
    ]);
  });

  it('labels each bar with its series, marks missing ones, and draws a percent axis', () => {
    expect(svg).toContain('>evm</text>');
    expect(svg).toContain('>n/a (svm)</text>');
    for (const tick of ['0%', '25%', '50%', '75%', '100%']) expect(svg).toContain(`>${tick}</text>`);
    expect(svg).toContain('>share of native gas</text>');
    // The legend names the parts, not the series.
    expect(svg).toMatch(/<rect x="130" y="30" [^>]*\/>\n<text x="146" y="40">compute<\/text>/);
  });
});

describe('error bars', () => {
  it('draws a whisker per bar that has an error and labels value ± error', () => {
    const svg = renderBarChart({
      title: 't',
      axisLabel: 'time',
      categories: ['a'],
      series: ['x', 'y'],
      values: [[10, 20]],
      errors: [[2, undefined]],
      format: (n) => String(n),
    });
    expect(svg.match(/class="error-bar"/g)).toHaveLength(1);
    expect(svg).toContain('10 ± 2');
  });
});
