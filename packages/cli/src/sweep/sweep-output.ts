import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { toCsv } from '../cost/csv.js';
import { escapeXml } from '../report/escape.js';
import { table } from '../report/html.js';
import { markdownTable } from '../report/markdown.js';
import { renderLineChart } from './line-chart.js';
import { fitLines, type LineFit, METRICS, pointsOf, type SweepReport } from './sweep-report.js';

const NA = 'n/a';

/** `2.01 (all sizes 1.55, R² 0.966)`: the asymptotic exponent first, then the fit over every size. */
function exponentText(line: LineFit | undefined): string {
  if (!line?.upper || !line.fit) return NA;
  return `${line.upper.exponent.toFixed(2)} (all sizes ${line.fit.exponent.toFixed(2)}, R² ${line.fit.r2.toFixed(3)})`;
}

/** One row per (runtime, n): the measured values and raw samples. */
export function sweepCsv(report: SweepReport): string {
  const headers = [
    'workload',
    'parameter',
    'n',
    'runtime',
    'ok',
    'gas (receipt)',
    'execution gas',
    'gas unit',
    'instructions',
    'median ms',
    'MAD ms',
    'samples ms',
    'error',
  ];
  const rows = report.points.map((p) => [
    report.workload,
    report.parameter.name,
    p.n,
    p.runtime,
    p.ok ? 'yes' : 'no',
    p.gasUsed,
    p.executionGas,
    p.gasUnit,
    p.instructions,
    p.time?.medianMs ?? NA,
    p.time?.madMs ?? NA,
    p.samplesMs?.join(' ') ?? NA,
    p.error ?? '',
  ]);
  return toCsv(headers, rows);
}

/** Growth exponents per runtime: gas, time, instructions, and whether gas exceeds the declared complexity. */
export function exponentTable(
  report: SweepReport,
  fits: readonly LineFit[],
): { headers: string[]; rows: string[][] } {
  const find = (runtime: string, metric: string) =>
    fits.find((f) => f.runtime === runtime && f.metric === metric);
  const declared = report.parameter.complexity;
  return {
    headers: ['runtime', 'gas exponent', 'time exponent', 'instructions exponent', `declared: n^${declared}`],
    rows: report.runtimes.map((rt) => [
      rt,
      exponentText(find(rt, 'gas')),
      exponentText(find(rt, 'time')),
      exponentText(find(rt, 'instructions')),
      find(rt, 'gas')?.exceedsDeclared ? `⚠ gas grows faster than n^${declared}` : 'within',
    ]),
  };
}

const EXPLANATION = (report: SweepReport) =>
  `Each line is one runtime; n is ${report.parameter.name}. Gas is the VM's execution gas only, in its native unit: the intrinsic gas some receipts include (EVM 21,000 + calldata) is subtracted, and no fees are counted; time is the median wall time of one run in this process (whiskers ± MAD), leaving out deploy and warm-up; instructions are VM instructions executed, leaving out work inside host functions and precompiles. The exponent is the slope of a least-squares line through log y against log n over the larger half of the sizes (fixed costs flatten the low end; the fit over all sizes is shown beside it); a gas exponent above the declared n^${report.parameter.complexity} (${report.parameter.complexityNote}) plus ${0.25} is flagged.`;

export function sweepMarkdown(report: SweepReport): string {
  const fits = fitLines(report);
  const { headers, rows } = exponentTable(report, fits);
  return [
    `# polyvm sweep: ${report.workload} over ${report.parameter.name}`,
    '',
    EXPLANATION(report),
    '',
    markdownTable(headers, rows),
    '',
  ].join('\n');
}

export function sweepHtml(report: SweepReport): string {
  const fits = fitLines(report);
  const { headers, rows } = exponentTable(report, fits);
  const charts = METRICS.map((metric) =>
    renderLineChart({
      title: `${metric.label} vs ${report.parameter.name}`,
      xLabel: `n (${report.parameter.name})`,
      yLabel: metric.key === 'gas' ? 'execution gas (native unit)' : metric.label,
      series: report.runtimes.map((runtime) => {
        const fit = fits.find((f) => f.runtime === runtime && f.metric === metric.key);
        return {
          name: runtime,
          note:
            fit?.upper && fit.fit
              ? `slope ${fit.upper.exponent.toFixed(2)} (all sizes ${fit.fit.exponent.toFixed(2)})${fit.exceedsDeclared ? ' ⚠ faster than declared' : ''}`
              : 'no fit',
          points: pointsOf(report, runtime).flatMap((p) => {
            const y = metric.value(p);
            if (y === undefined) return [];
            return [metric.key === 'time' && p.time ? { x: p.n, y, error: p.time.madMs } : { x: p.n, y }];
          }),
        };
      }),
    }),
  );
  const runs = report.runs.map((r) => [
    r.startedAt,
    r.finishedAt,
    r.git.commit === null ? 'unknown' : `${r.git.commit}${r.git.dirty ? ' (dirty)' : ''}`,
    r.loadBefore.loadAverage.map((v) => v.toFixed(2)).join(' / '),
    r.loadAfter.loadAverage.map((v) => v.toFixed(2)).join(' / '),
    r.shard ? `${r.shard.index}/${r.shard.count}` : 'all',
  ]);
  const failed = report.points.filter((p) => !p.ok);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>polyvm sweep: ${escapeXml(report.workload)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1rem 2rem; color: #222; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.85rem; }
th, td { border: 1px solid #ccc; padding: 0.2rem 0.4rem; }
th { background: #f3f3f3; }
td.num { text-align: right; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 1rem; }
figure { margin: 0; }
figure svg { width: 100%; height: auto; }
.note { color: #555; font-size: 0.9rem; }
</style>
</head>
<body>
<h1>polyvm sweep: ${escapeXml(report.workload)} over ${escapeXml(report.parameter.name)}</h1>
<p class="note">${escapeXml(EXPLANATION(report))}</p>
<h2>Growth exponents</h2>
${table(headers, rows, (_r, c) => (c > 0 && c < 4 ? 'num' : ''))}
<div class="charts">
${charts.map((svg) => `<figure>\n${svg}\n</figure>`).join('\n')}
</div>
${report.skipped.length > 0 ? `<h2>Sizes left out</h2><ul>${report.skipped.map((p) => `<li>${escapeXml(`${p.runtime} n=${p.n}: ${p.reason}`)}</li>`).join('')}</ul>` : ''}
${failed.length > 0 ? `<h2>Points that did not run</h2><ul>${failed.map((p) => `<li>${escapeXml(`${p.runtime} n=${p.n}: ${p.error ?? p.status}`)}</li>`).join('')}</ul>` : ''}
<h2>Reproducibility</h2>
${table(['started', 'finished', 'git commit', 'load before', 'load after', 'shard'], runs, () => '')}
<p class="note">Settings: ${report.settings.warmup} warm-up, ${report.settings.samples} samples per point. Packages: ${escapeXml(
    Object.entries(report.packages)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
  )}. Raw samples are in sweep.json and sweep.csv.</p>
</body>
</html>
`;
}

/** Writes `<base>.json` always; CSV, Markdown and HTML only for a whole sweep (a shard is merged first). */
export async function writeSweep(out: string, base: string, report: SweepReport): Promise<string[]> {
  const dir = resolve(out);
  await mkdir(dir, { recursive: true });
  const files = [join(dir, `${base}.json`)];
  await writeFile(files[0]!, `${JSON.stringify(report, null, 2)}\n`);
  if (report.shard === null) {
    const outputs: Array<[string, string]> = [
      [`${base}.csv`, sweepCsv(report)],
      [`${base}.md`, sweepMarkdown(report)],
      [`${base}.html`, sweepHtml(report)],
    ];
    for (const [name, text] of outputs) {
      await writeFile(join(dir, name), text);
      files.push(join(dir, name));
    }
  }
  return files;
}
