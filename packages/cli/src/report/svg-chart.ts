import { escapeXml } from './escape.js';

/**
 * A grouped horizontal bar chart as inline SVG, written by hand so the HTML report needs no script
 * and no external asset. Categories (workloads) are groups of bars, one bar per series (runtime).
 */
export interface BarChart {
  title: string;
  /** What the axis measures, e.g. "median time per run". */
  axisLabel: string;
  categories: readonly string[];
  series: readonly string[];
  /** `values[category][series]`; undefined draws "n/a" instead of a bar. */
  values: ReadonlyArray<ReadonlyArray<number | undefined>>;
  /** Formats a bar's value label and tooltip. */
  format(value: number): string;
  /** Formats the axis ticks; `format` when absent. */
  formatTick?(value: number): string;
  /** `errors[category][series]`: a ± spread (e.g. MAD) drawn as a whisker around the bar's end. */
  errors?: ReadonlyArray<ReadonlyArray<number | undefined>>;
}

export type Scale = 'linear' | 'log';

/** Values spanning at least this factor (two orders of magnitude) get a log axis. */
export const LOG_SCALE_SPAN = 100;

// Colour-blind-safe categorical palette (Okabe & Ito, "Color Universal Design", 2008).
export const PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#D55E00',
  '#CC79A7',
  '#56B4E9',
  '#F0E442',
  '#000000',
];

const WIDTH = 760;
const LEFT = 130;
const RIGHT = 100;
const TOP = 56;
const BOTTOM = 44;
const BAR = 13;
const BAR_GAP = 2;
const GROUP_GAP = 12;
const PLOT = WIDTH - LEFT - RIGHT;

export function chooseScale(values: readonly number[]): Scale {
  const positive = values.filter((v) => v > 0);
  if (positive.length < 2) return 'linear';
  return Math.max(...positive) / Math.min(...positive) >= LOG_SCALE_SPAN ? 'log' : 'linear';
}

interface Axis {
  scale: Scale;
  /** Pixel offset of a value from the plot's left edge; undefined when it cannot be drawn. */
  x(value: number): number | undefined;
  ticks: number[];
}

/** 1, 2 or 5 times a power of ten: the step that gives about `count` ticks up to `max`. */
export function niceStep(max: number, count = 5): number {
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const mantissa = raw / power;
  return (mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 5 ? 5 : 10) * power;
}

function makeAxis(values: readonly number[]): Axis {
  const positive = values.filter((v) => v > 0);
  if (positive.length === 0) return { scale: 'linear', x: (v) => (v === 0 ? 0 : undefined), ticks: [0] };
  const scale = chooseScale(positive);
  if (scale === 'log') {
    // Start at least half a decade below the smallest value, so its bar stays visible.
    const lo = Math.floor(Math.log10(Math.min(...positive)) - 0.5);
    const hi = Math.max(Math.ceil(Math.log10(Math.max(...positive))), lo + 1);
    const ticks: number[] = [];
    for (let p = lo; p <= hi; p++) ticks.push(10 ** p);
    return { scale, x: (v) => (v > 0 ? ((Math.log10(v) - lo) / (hi - lo)) * PLOT : undefined), ticks };
  }
  const step = niceStep(Math.max(...positive));
  const top = Math.ceil(Math.max(...positive) / step) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= top + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  return { scale, x: (v) => (v >= 0 ? (v / top) * PLOT : undefined), ticks };
}

/** Rounds SVG coordinates to 0.1 px, which keeps the markup short. */
export const round = (n: number) => Math.round(n * 10) / 10;

/** What the grouped layout needs from a chart: the legend, the axis, and how to draw one bar. */
interface Frame {
  title: string;
  legend: readonly string[];
  categories: readonly string[];
  series: readonly string[];
  ticks: ReadonlyArray<{ x: number; label: string }>;
  axisLabel: string;
  /** SVG elements for the bar of `series[s]` in `categories[c]`, whose top edge is at `y`. */
  bar(c: number, s: number, y: number): string[];
}

const colour = (i: number) => PALETTE[i % PALETTE.length]!;

function renderFrame(frame: Frame): string {
  const groupHeight = frame.series.length * (BAR + BAR_GAP) - BAR_GAP;
  const plotHeight = frame.categories.length * (groupHeight + GROUP_GAP);
  const height = TOP + plotHeight + BOTTOM;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${escapeXml(frame.title)}" font-family="system-ui, sans-serif" font-size="12">`,
    `<title>${escapeXml(frame.title)}</title>`,
    `<text x="${LEFT}" y="18" font-size="15" font-weight="600">${escapeXml(frame.title)}</text>`,
  ];
  frame.legend.forEach((name, i) => {
    const x = LEFT + i * 110;
    parts.push(
      `<g class="legend"><rect x="${x}" y="30" width="12" height="12" fill="${colour(i)}"/>`,
      `<text x="${x + 16}" y="40">${escapeXml(name)}</text></g>`,
    );
  });
  for (const tick of frame.ticks) {
    const x = round(LEFT + tick.x);
    parts.push(
      `<line x1="${x}" y1="${TOP - 4}" x2="${x}" y2="${TOP + plotHeight}" stroke="#ddd"/>`,
      `<text x="${x}" y="${TOP + plotHeight + 16}" text-anchor="middle" fill="#555">${escapeXml(tick.label)}</text>`,
    );
  }
  parts.push(
    `<text class="x-label" x="${LEFT + PLOT / 2}" y="${height - 8}" text-anchor="middle" fill="#333">${escapeXml(frame.axisLabel)}</text>`,
  );
  frame.categories.forEach((category, c) => {
    const groupTop = TOP + c * (groupHeight + GROUP_GAP);
    parts.push(
      `<text class="y-label" x="${LEFT - 8}" y="${round(groupTop + groupHeight / 2 + 4)}" text-anchor="end">${escapeXml(category)}</text>`,
    );
    frame.series.forEach((_, s) => {
      parts.push(...frame.bar(c, s, groupTop + s * (BAR + BAR_GAP)));
    });
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** A horizontal whisker from value − error to value + error, with end caps, across the bar's middle. */
function errorBar(axis: Axis, value: number, error: number, y: number): string[] {
  const lo = axis.x(Math.max(value - error, 0)) ?? 0;
  const hi = axis.x(value + error);
  if (hi === undefined) return [];
  const mid = y + BAR / 2;
  const x1 = round(LEFT + lo);
  const x2 = round(LEFT + hi);
  return [
    `<line class="error-bar" x1="${x1}" y1="${mid}" x2="${x2}" y2="${mid}" stroke="#000" stroke-width="1.2"/>`,
    `<line x1="${x1}" y1="${mid - 4}" x2="${x1}" y2="${mid + 4}" stroke="#000"/>`,
    `<line x1="${x2}" y1="${mid - 4}" x2="${x2}" y2="${mid + 4}" stroke="#000"/>`,
  ];
}

export function renderBarChart(chart: BarChart): string {
  const upper = chart.values.flatMap((row, c) =>
    row.map((v, s) => (v === undefined ? undefined : v + (chart.errors?.[c]?.[s] ?? 0))),
  );
  const axis = makeAxis([...chart.values.flat(), ...upper].filter((v): v is number => v !== undefined));
  const formatTick = chart.formatTick ?? chart.format;
  return renderFrame({
    title: chart.title,
    legend: chart.series,
    categories: chart.categories,
    series: chart.series,
    ticks: axis.ticks.map((t) => ({ x: axis.x(t) ?? 0, label: formatTick(t) })),
    axisLabel: chart.axisLabel + (axis.scale === 'log' ? ' (log scale)' : ''),
    bar(c, s, y) {
      const value = chart.values[c]?.[s];
      const width = value === undefined ? undefined : axis.x(value);
      if (value === undefined || width === undefined) {
        return [`<text x="${LEFT + 4}" y="${y + BAR - 3}" fill="#999">n/a</text>`];
      }
      const error = chart.errors?.[c]?.[s];
      const label = chart.format(value) + (error === undefined ? '' : ` ± ${chart.format(error)}`);
      const drawn = round(Math.max(width, 1));
      const whisker = error === undefined ? [] : errorBar(axis, value, error, y);
      const labelX = Math.max(drawn, whisker.length > 0 ? (axis.x(value + error!) ?? drawn) : drawn);
      return [
        `<rect x="${LEFT}" y="${y}" width="${drawn}" height="${BAR}" fill="${colour(s)}"><title>${escapeXml(`${chart.series[s]} · ${chart.categories[c]}: ${label}`)}</title></rect>`,
        ...whisker,
        `<text x="${round(LEFT + labelX + 4)}" y="${y + BAR - 3}" fill="#333">${escapeXml(label)}</text>`,
      ];
    },
  });
}

/**
 * A 100% stacked variant: each bar is split into its parts' shares (e.g. gas by category), so
 * VMs whose totals differ by orders of magnitude can still be compared on where the cost goes.
 */
export interface ShareChart {
  title: string;
  categories: readonly string[];
  series: readonly string[];
  /** The names of the stacked parts, one legend colour each. */
  parts: readonly string[];
  /** `amounts[category][series][part]`; undefined or all zero draws "n/a". */
  amounts: ReadonlyArray<ReadonlyArray<readonly number[] | undefined>>;
}

export function renderShareChart(chart: ShareChart): string {
  return renderFrame({
    title: chart.title,
    legend: chart.parts,
    categories: chart.categories,
    series: chart.series,
    ticks: [0, 25, 50, 75, 100].map((p) => ({ x: (p / 100) * PLOT, label: `${p}%` })),
    axisLabel: 'share of native gas',
    bar(c, s, y) {
      const amounts = chart.amounts[c]?.[s];
      const total = amounts?.reduce((a, b) => a + b, 0) ?? 0;
      const name = escapeXml(chart.series[s] ?? '');
      if (!amounts || total <= 0)
        return [`<text x="${LEFT + 4}" y="${y + BAR - 3}" fill="#999">n/a (${name})</text>`];
      const out: string[] = [];
      let x = 0;
      amounts.forEach((amount, p) => {
        if (amount <= 0) return;
        const width = (amount / total) * PLOT;
        const percent = (amount / total) * 100;
        const share = `${chart.parts[p]} ${percent < 1 ? '<1' : Math.round(percent)}%`;
        out.push(
          `<rect x="${round(LEFT + x)}" y="${y}" width="${round(width)}" height="${BAR}" fill="${colour(p)}"><title>${escapeXml(`${chart.series[s]} · ${chart.categories[c]}: ${share}`)}</title></rect>`,
        );
        x += width;
      });
      out.push(`<text x="${LEFT + PLOT + 4}" y="${y + BAR - 3}" fill="#333">${name}</text>`);
      return out;
    },
  });
}
