import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { costHtml } from '../cost/cost-report.js';
import { measureCosts } from '../cost/pair-cost.js';
import { loadPrices } from '../cost/prices.js';
import { memoryIO } from '../io.js';
import { provenanceRows, startProvenance } from '../provenance/provenance.js';
import { countColouredPixels, decodePng } from '../testing/png.js';
import { sampleReport } from '../testing/sample-report.js';
import { defaultContext } from '../wiring.js';
import { renderHtml, table } from './html.js';
import { renderBarChart } from './svg-chart.js';

/**
 * The HTML reports in a real browser (Debian's chromium via playwright-core): they render, every
 * chart has axis labels and a legend, nothing is wider than a 1280 px viewport, and a screenshot of
 * each chart shows coloured marks (an empty chart is caught). CI installs chromium
 * (`apt-get install -y chromium`); without it this suite is skipped, loudly.
 */
const CHROMIUM = process.env.POLYVM_CHROMIUM ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) {
  console.warn(
    `\n*** SKIPPING browser checks of the HTML reports: ${CHROMIUM} not found (apt-get install -y chromium, or set POLYVM_CHROMIUM) ***\n`,
  );
}

const VIEWPORT = { width: 1280, height: 900 };
/** Coloured pixels a chart with data has at least (one bar of 13 × 20 px is 260). */
const MIN_INK = 200;
const SHOTS = process.env.POLYVM_SCREENSHOTS ?? join(tmpdir(), 'polyvm-screenshots');

let browser: Browser;
let dir: string;

async function open(html: string, name: string): Promise<Page> {
  const path = join(SHOTS, `${name}.html`);
  await writeFile(path, html);
  const page = await browser.newPage({ viewport: VIEWPORT });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`file://${path}`);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  expect(errors).toEqual([]);
  return page;
}

/** Checks every chart on the page and returns the coloured-pixel count of each. */
async function checkCharts(page: Page, name: string): Promise<number[]> {
  const charts = page.locator('svg[role="img"]');
  const count = await charts.count();
  // Legend swatches are coloured too: hide them so the count measures the plotted data only.
  await page.addStyleTag({ content: '.legend { visibility: hidden; }' });
  expect(count).toBeGreaterThan(0);
  const ink: number[] = [];
  for (let i = 0; i < count; i++) {
    const chart = charts.nth(i);
    const labels = await chart.locator('.x-label, .y-label').allTextContents();
    expect(
      labels.filter((t) => t.trim() !== '').length,
      `chart ${i} of ${name} has axis labels`,
    ).toBeGreaterThan(0);
    expect(await chart.locator('.x-label').count(), `chart ${i} of ${name} has an x-axis label`).toBe(1);
    expect(await chart.locator('.legend').count(), `chart ${i} of ${name} has a legend`).toBeGreaterThan(0);
    expect((await chart.locator('.legend').allTextContents()).every((t) => t.trim() !== '')).toBe(true);
    const png = await chart.screenshot({ path: join(SHOTS, `${name}-chart-${i}.png`) });
    ink.push(countColouredPixels(decodePng(png)));
  }
  return ink;
}

async function checkFitsViewport(page: Page): Promise<void> {
  // A string, evaluated in the page: the test's TypeScript has no DOM library.
  const widths = (await page.evaluate(`({
    page: document.documentElement.scrollWidth,
    tables: [...document.querySelectorAll('table')].map((t) => Math.ceil(t.getBoundingClientRect().right)),
    bodyRight: Math.floor(document.body.getBoundingClientRect().right),
    scrolled: [...document.querySelectorAll('.wide')].filter((w) => w.scrollWidth > w.clientWidth).length,
    figures: [...document.querySelectorAll('figure svg')].map((s) => s.getBoundingClientRect().width),
  })`)) as { page: number; tables: number[]; bodyRight: number; scrolled: number; figures: number[] };

  expect(widths.page, 'no horizontal scrolling at 1280 px').toBeLessThanOrEqual(VIEWPORT.width);
  for (const right of widths.tables)
    expect(right, 'table inside the page margins').toBeLessThanOrEqual(widths.bodyRight);
  expect(widths.scrolled, 'no table needs a horizontal scroll bar').toBe(0);
  return expect(Math.min(...widths.figures)).toBeGreaterThan(0);
}

describe.skipIf(!HAVE_CHROMIUM)('HTML reports in headless chromium', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'polyvm-html-'));
    await mkdir(SHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('compare.html: charts labelled and drawn, tables within 1280 px, cost section present', async () => {
    const ctx = defaultContext();
    const prices = await loadPrices();
    const report = sampleReport();
    const costs = await measureCosts(
      ctx,
      ctx.catalog.specs,
      ['evm', 'wasm', 'move', 'svm', 'cosmwasm'],
      prices.prices,
    );
    const provenance = startProvenance(prices).finish();
    const html = renderHtml(report, [], {
      provenance: table(['', ''], provenanceRows(provenance), () => ''),
      sections: costHtml(ctx.catalog.specs, costs, prices),
    });
    const page = await open(html, 'compare');
    const ink = await checkCharts(page, 'compare');
    for (const [i, n] of ink.entries()) expect(n, `chart ${i} is not empty`).toBeGreaterThan(MIN_INK);
    await checkFitsViewport(page);
    expect(await page.locator('#whole-transaction').count()).toBe(1);
    expect(await page.getByText('n/a').count()).toBeGreaterThan(0);
    // The agreement table appears once.
    expect(await page.locator('h2', { hasText: 'Differential check' }).count()).toBe(1);
    await page.close();
  }, 60_000);

  it('sweep.html: three log-log charts with labelled axes, legends and drawn lines', async () => {
    const io = memoryIO();
    const out = join(dir, 'sweep');
    const code = await runCli(
      ['sweep', 'memory-sort', '--param', 'n=8,32,128,256', '--warmup', '0', '--samples', '2', '--out', out],
      defaultContext(),
      io,
    );
    expect(code, io.stderr()).toBe(0);
    const page = await open(await readFile(join(out, 'sweep-memory-sort.html'), 'utf8'), 'sweep');
    const ink = await checkCharts(page, 'sweep');
    expect(ink).toHaveLength(3);
    for (const n of ink) expect(n).toBeGreaterThan(MIN_INK);
    await checkFitsViewport(page);
    await page.close();
  }, 120_000);

  it('the screenshot check catches an empty chart', async () => {
    const empty = renderBarChart({
      title: 'nothing measured',
      axisLabel: 'gas',
      categories: ['a', 'b'],
      series: ['evm', 'wasm'],
      values: [
        [undefined, undefined],
        [undefined, undefined],
      ],
      format: String,
    });
    const page = await open(`<!doctype html><html><body><figure>${empty}</figure></body></html>`, 'empty');
    const [ink] = await checkCharts(page, 'empty');
    expect(ink).toBeLessThan(MIN_INK);
    await page.close();
  }, 30_000);
});
