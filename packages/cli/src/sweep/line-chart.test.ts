import { describe, expect, it } from 'vitest';
import { renderLineChart } from './line-chart.js';

describe('renderLineChart', () => {
  const svg = renderLineChart({
    title: 'gas vs n',
    xLabel: 'n (slots)',
    yLabel: 'gas',
    series: [
      {
        name: 'evm',
        note: 'slope 1.00',
        points: [
          { x: 10, y: 100 },
          { x: 100, y: 1000, error: 50 },
        ],
      },
      { name: 'wasm', points: [{ x: 10, y: 5 }] },
    ],
  });

  it('labels both axes as log scales and names every series in the legend', () => {
    expect(svg).toContain('n (slots) (log scale)');
    expect(svg).toContain('gas (log scale)');
    expect(svg.match(/class="legend"/g)).toHaveLength(2);
    expect(svg).toContain('evm — slope 1.00');
  });

  it('draws a line only for series with two points, a marker per point and whiskers for errors', () => {
    expect(svg.match(/class="series-line"/g)).toHaveLength(1);
    expect(svg.match(/<circle/g)).toHaveLength(3);
    expect(svg.match(/class="error-bar"/g)).toHaveLength(1);
  });
});
