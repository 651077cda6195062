import { type BenchmarkReport, CHAIN_PROFILES, type RunResult, type WorkloadSpec } from '@polyvm/core';
import { escapeXml } from '../report/escape.js';
import { table } from '../report/html.js';
import { markdownTable } from '../report/markdown.js';
import { COST_COLUMN_GROUPS, COST_COLUMNS, costHeaders, costRows, NOT_APPLICABLE } from './cost-columns.js';
import { toCsv } from './csv.js';
import type { CostRow } from './pair-cost.js';
import { describePrices, type LoadedPrices } from './prices.js';

/** What the two kinds of figure measure and what they leave out, said once in every report. */
export const COST_EXPLANATION = [
  'Execution only: the gas the VM meters while running the contract (the figure the charts above compare), in the runtime’s native unit. It leaves out everything a chain charges around the execution.',
  'Whole transaction: execution converted to the chain’s fee unit, plus the intrinsic/base gas every transaction pays (Ethereum 21,000 + calldata; NEAR receipt and function-call action fees; Aptos min_transaction_gas_units + per-byte; Cosmos SDK ante tx-size and signature gas; Solana has none: its base fee is 5,000 lamports per signature). The fee applies the price file; the state deposit is what new state locks or costs beside gas (Solana rent-exempt minimum, NEAR storage staking, Aptos storage fee); Ethereum and Cosmos charge state growth only as gas, shown as "of which state growth".',
  'Share of tx limit and tx per block use each chain’s per-transaction and per-block limits; n/a means the chain has no such default limit (Cosmos SDK block.max_gas = -1, Aptos block limit unconfirmed), never zero.',
  'Left out: congestion pricing (the price file holds one fixed gas price), refunds of unused prepaid gas, the exact serialized size of a signed transaction (estimated as input + 200 bytes), and VM work the runtimes do not meter (e.g. NEAR contract loading where the runtime omits it).',
];

function byWorkload(rows: readonly CostRow[], workload: string): CostRow[] {
  return rows.filter((r) => r.workload === workload);
}

/** Every constant of every chain profile with its source, date and whether it was confirmed. */
function profileRows(): string[][] {
  return CHAIN_PROFILES.flatMap((profile) =>
    Object.entries(profile.constants).map(([name, c]) => [
      profile.id,
      name,
      String(c.value),
      c.source,
      c.asOf,
      c.unconfirmed ? `unconfirmed: ${c.unconfirmed}` : 'confirmed at source',
    ]),
  );
}
const PROFILE_HEADERS = ['chain', 'constant', 'value', 'source', 'read on', 'status'];

export function costMarkdown(
  workloads: readonly WorkloadSpec[],
  rows: readonly CostRow[],
  prices: LoadedPrices,
): string {
  const currency = prices.prices.currency;
  const numeric = [false, ...COST_COLUMNS.map((c) => c.numeric)];
  const sections = [
    '## Whole-transaction cost',
    '',
    ...COST_EXPLANATION.flatMap((p) => [p, '']),
    `Prices: ${describePrices(prices)}`,
    '',
  ];
  for (const spec of workloads) {
    sections.push(
      `### ${spec.name}`,
      '',
      markdownTable(costHeaders(), costRows(byWorkload(rows, spec.name), currency), numeric),
      '',
    );
  }
  sections.push('### Chain cost profiles', '', markdownTable(PROFILE_HEADERS, profileRows()), '');
  return sections.join('\n');
}

/** The stdout version: one table of every pair and the prices used. */
export function costSummary(rows: readonly CostRow[], prices: LoadedPrices): string {
  const currency = prices.prices.currency;
  const body = costRows(rows, currency).map((cells, i) => [rows[i]!.workload, ...cells]);
  return [
    '## Whole-transaction cost (execution only vs whole transaction; see compare.md for what each leaves out)',
    '',
    markdownTable(['workload', ...costHeaders()], body, [
      false,
      false,
      ...COST_COLUMNS.map((c) => c.numeric),
    ]),
    '',
    `Prices: ${describePrices(prices)}`,
    '',
  ].join('\n');
}

export function costHtml(
  workloads: readonly WorkloadSpec[],
  rows: readonly CostRow[],
  prices: LoadedPrices,
): string {
  const currency = prices.prices.currency;
  const parts = [
    '<h2 id="whole-transaction">Whole-transaction cost</h2>',
    ...COST_EXPLANATION.map((p) => `<p class="note">${escapeXml(p)}</p>`),
    `<p><strong>Prices:</strong> ${escapeXml(describePrices(prices))}</p>`,
  ];
  for (const spec of workloads) {
    parts.push(
      `<h3>${escapeXml(spec.name)}</h3>`,
      ...COST_COLUMN_GROUPS.map(
        (columns) =>
          `<div class="wide">${table(costHeaders(columns), costRows(byWorkload(rows, spec.name), currency, columns), (_r, c) => (columns[c - 1]?.numeric ? 'num' : ''))}</div>`,
      ),
    );
  }
  parts.push(
    '<details><summary>Chain cost profiles: every constant with its source</summary>',
    `<div class="wide">${table(PROFILE_HEADERS, profileRows(), () => '')}</div>`,
    '</details>',
  );
  return parts.join('\n');
}

type Timed = RunResult & { samplesMs?: number[] };

const EXECUTION_HEADERS = [
  'workload',
  'runtime',
  'agrees',
  'native gas (execution only)',
  'gas unit',
  'normalized cost',
  'instructions',
  'median ms',
  'MAD ms',
  'min ms',
  'max ms',
  'samples',
  'raw samples ms',
];

/** `compare.csv`: one row per pair, execution-only figures then the whole-transaction ones. */
export function compareCsv(report: BenchmarkReport, rows: readonly CostRow[]): string {
  const headers = [...EXECUTION_HEADERS, ...COST_COLUMNS.map((c) => c.header)];
  const body = report.results.map((result) => {
    const r = result as Timed;
    const agrees = report.differential.find((d) => d.workload === r.workload)?.agree[r.runtime];
    const t = r.time;
    const cost = rows.find((c) => c.workload === r.workload && c.runtime === r.runtime)?.cost;
    return [
      r.workload,
      r.runtime,
      agrees === undefined ? NOT_APPLICABLE : agrees ? 'yes' : 'no',
      r.gasUsed,
      r.gasUnit,
      r.normalizedCost,
      r.instructions,
      t?.medianMs ?? NOT_APPLICABLE,
      t?.madMs ?? NOT_APPLICABLE,
      t?.minMs ?? NOT_APPLICABLE,
      t?.maxMs ?? NOT_APPLICABLE,
      t?.samples ?? NOT_APPLICABLE,
      r.samplesMs ? r.samplesMs.join(' ') : NOT_APPLICABLE,
      ...COST_COLUMNS.map((c) => (cost ? c.raw(cost) : NOT_APPLICABLE)),
    ];
  });
  return toCsv(headers, body);
}
