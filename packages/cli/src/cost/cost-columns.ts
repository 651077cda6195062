import type { WholeTransactionCost } from '@polyvm/core';
import { formatBytes, formatInteger, formatQuantity } from '../report/format.js';
import type { CostRow } from './pair-cost.js';

/** Printed wherever a figure does not apply to a chain (no limit, no deposit, no intrinsic gas). */
export const NOT_APPLICABLE = 'n/a';

/** Three significant digits for small token amounts: `0.0000474`, `2.04`, `1,250`. */
export function formatAmount(n: number): string {
  if (n === 0) return '0';
  return Math.abs(n) >= 100 ? formatInteger(n) : String(Number(n.toPrecision(3)));
}

const gas = (n: number | null | undefined) =>
  n === null || n === undefined ? NOT_APPLICABLE : formatQuantity(n);
const percent = (share: number | null) =>
  share === null ? NOT_APPLICABLE : `${Number((share * 100).toPrecision(3))}%`;

/**
 * One column of the whole-transaction table. `cell` is for people (units, n/a), `raw` for CSV
 * (plain numbers, n/a); both read the same field so the two cannot drift apart.
 */
export interface CostColumn {
  header: string;
  numeric: boolean;
  cell(c: WholeTransactionCost, currency: string): string;
  raw(c: WholeTransactionCost): string | number;
}

const orNa = (v: number | null | undefined): string | number =>
  v === null || v === undefined ? NOT_APPLICABLE : v;

export const COST_COLUMNS: readonly CostColumn[] = [
  { header: 'chain', numeric: false, cell: (c) => c.chainTitle, raw: (c) => c.chain },
  { header: 'fee unit', numeric: false, cell: (c) => c.feeUnit, raw: (c) => c.feeUnit },
  {
    header: 'execution only',
    numeric: true,
    cell: (c) => gas(c.execution.total),
    raw: (c) => c.execution.total,
  },
  {
    header: 'intrinsic / base',
    numeric: true,
    cell: (c) => gas(c.intrinsic?.total),
    raw: (c) => orNa(c.intrinsic?.total),
  },
  { header: 'whole transaction', numeric: true, cell: (c) => gas(c.totalGas), raw: (c) => c.totalGas },
  {
    header: 'of which state growth',
    numeric: true,
    cell: (c) => gas(c.stateGrowthGas),
    raw: (c) => orNa(c.stateGrowthGas),
  },
  {
    header: 'new entries / bytes',
    numeric: true,
    cell: (c) => `${formatInteger(c.newEntries)} / ${formatBytes(c.newStateBytes)}`,
    raw: (c) => c.newStateBytes,
  },
  {
    header: 'fee (token)',
    numeric: true,
    cell: (c) => `${formatAmount(c.fee.token)} ${c.tokenSymbol}`,
    raw: (c) => c.fee.token,
  },
  {
    header: 'fee (currency)',
    numeric: true,
    cell: (c, currency) =>
      c.fee.currency === null ? NOT_APPLICABLE : `${formatAmount(c.fee.currency)} ${currency}`,
    raw: (c) => orNa(c.fee.currency),
  },
  {
    header: 'state deposit',
    numeric: true,
    cell: (c, currency) =>
      c.storage === null
        ? NOT_APPLICABLE
        : `${formatAmount(c.storage.token)} ${c.tokenSymbol}${c.storage.currency === null ? '' : ` (${formatAmount(c.storage.currency)} ${currency})`}${c.storage.includedInFee ? ', part of the fee' : ''}${c.storage.refundable ? ', refundable' : ''}`,
    raw: (c) => orNa(c.storage?.token),
  },
  {
    header: 'share of tx limit',
    numeric: true,
    cell: (c) => percent(c.limitShare),
    raw: (c) => orNa(c.limitShare),
  },
  {
    header: 'tx per block',
    numeric: true,
    cell: (c) => (c.transactionsPerBlock === null ? NOT_APPLICABLE : formatInteger(c.transactionsPerBlock)),
    raw: (c) => orNa(c.transactionsPerBlock),
  },
];

/**
 * The rows of the whole-transaction table for one workload over `columns`: runtime first, then
 * the cells, or the reason there is no cost in the first cell.
 */
export function costRows(
  rows: readonly CostRow[],
  currency: string,
  columns: readonly CostColumn[] = COST_COLUMNS,
): string[][] {
  return rows.map((row) =>
    row.cost
      ? [row.runtime, ...columns.map((col) => col.cell(row.cost!, currency))]
      : [row.runtime, row.note ?? NOT_APPLICABLE, ...columns.slice(1).map(() => NOT_APPLICABLE)],
  );
}

export const costHeaders = (columns: readonly CostColumn[] = COST_COLUMNS) => [
  'runtime',
  ...columns.map((c) => c.header),
];

/** Gas figures, then money and limits: two tables narrow enough for a 1280 px page. */
export const COST_COLUMN_GROUPS: ReadonlyArray<readonly CostColumn[]> = [
  COST_COLUMNS.slice(0, 7),
  [COST_COLUMNS[0]!, ...COST_COLUMNS.slice(7)],
];
