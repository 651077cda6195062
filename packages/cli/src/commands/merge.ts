import { readFile } from 'node:fs/promises';
import { InvalidArgumentError } from '@polyvm/core';
import { parseArgs, stringFlag } from '../args.js';
import type { CliCommand } from '../command.js';
import { markdownTable } from '../report/markdown.js';
import { exponentTable, writeSweep } from '../sweep/sweep-output.js';
import { fitLines, mergeSweeps, parseSweep } from '../sweep/sweep-report.js';
import { UsageError } from '../usage-error.js';

const USAGE = 'merge <shard.json> <shard.json>... [--out reports/]';

async function readSweep(path: string) {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new InvalidArgumentError(`cannot read ${path}`, { cause });
  }
  try {
    return { report: parseSweep(JSON.parse(text), path), origin: path };
  } catch (cause) {
    if (cause instanceof InvalidArgumentError) throw cause;
    throw new InvalidArgumentError(`${path} is not valid JSON`, { cause });
  }
}

export const mergeCommand: CliCommand = {
  name: 'merge',
  summary: "Join the JSON of a sweep's shards (--shard i/n) into one sweep with charts and CSV",
  usage: USAGE,
  async run(argv, io) {
    const args = parseArgs(argv, { value: ['out'] }, USAGE);
    if (args.positionals.length === 0) throw new UsageError('missing <shard.json>', USAGE);
    const parts = [];
    for (const path of args.positionals) parts.push(await readSweep(path));
    const merged = mergeSweeps(parts);
    const files = await writeSweep(stringFlag(args, 'out', 'reports'), `sweep-${merged.workload}`, merged);
    const { headers, rows } = exponentTable(merged, fitLines(merged));
    io.out(markdownTable(headers, rows));
    io.err(`merged ${parts.length} file(s), ${merged.points.length} points; wrote ${files.join(', ')}`);
    return 0;
  },
};
