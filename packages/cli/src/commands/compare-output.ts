import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type BenchmarkReport, reportToJSON } from '@polyvm/core';
import { type ParsedArgs, stringFlag } from '../args.js';
import type { RuntimeSummary } from '../compare/runtime-summary.js';
import { compareCsv, costHtml, costMarkdown, costSummary } from '../cost/cost-report.js';
import type { CostRow } from '../cost/pair-cost.js';
import type { LoadedPrices } from '../cost/prices.js';
import { type Provenance, provenanceRows } from '../provenance/provenance.js';
import { renderHtml, table } from '../report/html.js';
import { markdownTable, renderMarkdown } from '../report/markdown.js';
import { UsageError } from '../usage-error.js';

export const FORMATS = ['md', 'csv'] as const;

/** `--prices file` and `--format md|csv` (what `compare` prints on stdout; every file is written anyway). */
export function pricesAndFormat(args: ParsedArgs, usage: string): { prices?: string; format: string } {
  const format = stringFlag(args, 'format', 'md');
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got "${format}"`, usage);
  }
  const prices = args.flags.get('prices');
  return typeof prices === 'string' ? { format, prices } : { format };
}

export interface CostExtras {
  costs: readonly CostRow[];
  prices: LoadedPrices;
  provenance: Provenance;
}

/**
 * Writes compare.{json,md,html,csv}. The JSON is the core report plus `provenance` and
 * `wholeTransaction`, so readers of the core schema still read it.
 */
export async function writeCompareFiles(
  out: string,
  report: BenchmarkReport,
  runtimes: readonly RuntimeSummary[],
  extras: CostExtras,
): Promise<{ dir: string; csv: string; costSummary: string }> {
  const dir = resolve(out);
  await mkdir(dir, { recursive: true });
  const full = {
    ...report,
    provenance: extras.provenance,
    wholeTransaction: { prices: extras.prices.prices, pricesFrom: extras.prices.origin, rows: extras.costs },
  };
  await writeFile(join(dir, 'compare.json'), reportToJSON(full));
  const provenance = provenanceRows(extras.provenance);
  const markdown = [
    renderMarkdown(report, runtimes),
    '## Reproducibility',
    '',
    markdownTable(['', ''], provenance),
    '',
    'Raw per-run samples are in compare.json (`results[].samplesMs`) and compare.csv.',
    '',
    costMarkdown(report.workloads, extras.costs, extras.prices),
  ].join('\n');
  await writeFile(join(dir, 'compare.md'), markdown);
  const html = renderHtml(report, runtimes, {
    provenance: `<h2>Reproducibility</h2>\n${table(['', ''], provenance, () => '')}\n<p class="note">Raw per-run samples are in compare.json and compare.csv.</p>`,
    sections: costHtml(report.workloads, extras.costs, extras.prices),
  });
  await writeFile(join(dir, 'compare.html'), html);
  const csv = compareCsv(report, extras.costs);
  await writeFile(join(dir, 'compare.csv'), csv);
  return { dir, csv, costSummary: costSummary(extras.costs, extras.prices) };
}
