import { escapeXml } from '../report/escape.js';
import { formatCompact } from '../report/format.js';
import { PALETTE, round } from '../report/svg-chart.js';

/** A log–log line chart: one line per series over x, markers at the points, optional ± whiskers. */
export interface LineChart {
  title: string;
  xLabel: string;
  yLabel: string;
  series: ReadonlyArray<{
    name: string;
    /** Shown in the legend after the name, e.g. "slope 1.02". */
    note?: string;
    points: ReadonlyArray<{ x: number; y: number; error?: number }>;
  }>;
}

const WIDTH = 640;
const HEIGHT = 400;
const LEFT = 70;
const RIGHT = 20;
const TOP = 40;
const BOTTOM = 50;
const LEGEND_ROW = 18;

/** Decades covering [min, max], at least one. */
function decades(values: readonly number[]): { lo: number; hi: number } {
  const positive = values.filter((v) => v > 0);
  if (positive.length === 0) return { lo: 0, hi: 1 };
  const lo = Math.floor(Math.log10(Math.min(...positive)));
  const hi = Math.max(Math.ceil(Math.log10(Math.max(...positive))), lo + 1);
  return { lo, hi };
}

export function renderLineChart(chart: LineChart): string {
  const all = chart.series.flatMap((s) => s.points);
  const xd = decades(all.map((p) => p.x));
  const yd = decades(
    all.flatMap((p) => [p.y, p.y + (p.error ?? 0), Math.max(p.y - (p.error ?? 0), p.y / 10)]),
  );
  const legendHeight = chart.series.length * LEGEND_ROW;
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const height = HEIGHT + legendHeight + 10;
  const x = (v: number) => round(LEFT + ((Math.log10(v) - xd.lo) / (xd.hi - xd.lo)) * plotW);
  const y = (v: number) => round(TOP + plotH - ((Math.log10(v) - yd.lo) / (yd.hi - yd.lo)) * plotH);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${escapeXml(chart.title)}" font-family="system-ui, sans-serif" font-size="12">`,
    `<title>${escapeXml(chart.title)}</title>`,
    `<text x="${LEFT}" y="20" font-size="15" font-weight="600">${escapeXml(chart.title)}</text>`,
    `<rect x="${LEFT}" y="${TOP}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`,
  ];
  for (let p = xd.lo; p <= xd.hi; p++) {
    const px = x(10 ** p);
    parts.push(
      `<line x1="${px}" y1="${TOP}" x2="${px}" y2="${TOP + plotH}" stroke="#eee"/>`,
      `<text x="${px}" y="${TOP + plotH + 16}" text-anchor="middle" fill="#555">${formatCompact(10 ** p)}</text>`,
    );
  }
  for (let p = yd.lo; p <= yd.hi; p++) {
    const py = y(10 ** p);
    parts.push(
      `<line x1="${LEFT}" y1="${py}" x2="${LEFT + plotW}" y2="${py}" stroke="#eee"/>`,
      `<text x="${LEFT - 6}" y="${py + 4}" text-anchor="end" fill="#555">${formatCompact(10 ** p)}</text>`,
    );
  }
  parts.push(
    `<text class="x-label" x="${LEFT + plotW / 2}" y="${TOP + plotH + 36}" text-anchor="middle">${escapeXml(chart.xLabel)} (log scale)</text>`,
    `<text class="y-label" transform="translate(16 ${TOP + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(chart.yLabel)} (log scale)</text>`,
  );
  chart.series.forEach((series, i) => {
    const colour = PALETTE[i % PALETTE.length]!;
    const pts = series.points.filter((p) => p.x > 0 && p.y > 0);
    if (pts.length > 1) {
      parts.push(
        `<polyline class="series-line" fill="none" stroke="${colour}" stroke-width="2" points="${pts.map((p) => `${x(p.x)},${y(p.y)}`).join(' ')}"/>`,
      );
    }
    for (const p of pts) {
      parts.push(
        `<circle cx="${x(p.x)}" cy="${y(p.y)}" r="3.5" fill="${colour}"><title>${escapeXml(`${series.name} · n=${p.x}: ${p.y}`)}</title></circle>`,
      );
      if (p.error !== undefined && p.error > 0) {
        const lo = y(Math.max(p.y - p.error, p.y / 10));
        const hi = y(p.y + p.error);
        parts.push(
          `<line class="error-bar" x1="${x(p.x)}" y1="${lo}" x2="${x(p.x)}" y2="${hi}" stroke="${colour}"/>`,
        );
      }
    }
    const ly = HEIGHT + i * LEGEND_ROW;
    parts.push(
      `<g class="legend"><rect x="${LEFT}" y="${ly - 10}" width="12" height="12" fill="${colour}"/>`,
      `<text x="${LEFT + 18}" y="${ly}">${escapeXml(series.note ? `${series.name} — ${series.note}` : series.name)}</text></g>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}
