/**
 * Number formatting shared by the Markdown and HTML reports. Hand-written instead of `Intl` so the
 * output is the same on every host, whatever its locale or ICU build.
 */

/** `1234567` → `1,234,567`; non-integers are rounded first. */
export function formatInteger(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.round(Math.abs(n)));
  return sign + digits.replace(/\B(?=(\d{3})+$)/g, ',');
}

/** Three significant digits below 100, grouped integers above: `0.125`, `12.5`, `1,250`. */
export function formatQuantity(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs >= 100 || Number.isInteger(n)) return formatInteger(n);
  return String(Number(n.toPrecision(3)));
}

/** A duration in the unit that keeps 3–4 significant digits: `850 ns`, `12.3 µs`, `4.56 ms`, `1.20 s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const ns = Math.round(ms * 1e6);
  if (ns < 1000) return `${ns} ns`;
  const units: Array<[number, string]> = [
    [1e-3, 'µs'],
    [1, 'ms'],
    [1000, 's'],
  ];
  for (const [scale, unit] of units) {
    const v = ms / scale;
    // The unit whose rounded value stays below 1000, so 999.96 µs reads "1.00 ms", not "1000 µs".
    const text = v.toFixed(v >= 99.95 ? 0 : v >= 9.995 ? 1 : 2);
    if (Number(text) < 1000 || unit === 's') return `${text} ${unit}`;
  }
  return `${ms} ms`;
}

/** A ratio to the baseline: `1.00×`, `0.25×`, `12.3×`, `1,250×`; `–` when undefined. */
export function formatRatio(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return '–';
  if (ratio >= 100) return `${formatInteger(ratio)}×`;
  if (ratio >= 10) return `${ratio.toFixed(1)}×`;
  if (ratio >= 0.1) return `${ratio.toFixed(2)}×`;
  return `${ratio.toPrecision(2)}×`;
}

/** Bytes with a binary unit: `512 B`, `1.5 KiB`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${formatInteger(n)} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

/** A short axis label: `950`, `1.5k`, `10k`, `2M`, `100M`, `3G`. */
export function formatCompact(n: number): string {
  const abs = Math.abs(n);
  for (const [scale, suffix] of [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ] as const) {
    if (abs >= scale) return `${Number((n / scale).toPrecision(3))}${suffix}`;
  }
  return formatQuantity(n);
}
