import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { InvalidArgumentError } from '@polyvm/core';
import { prepareOutputDir } from '../output-dir.js';
import { loadScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/types.js';

const FILE = 'session.json';

/**
 * Session mode keeps its state as a scenario: `<dir>/session.json` lists the contracts deployed and
 * the steps run so far, and every command replays it before its own step. The VMs are
 * deterministic, so replaying gives the same state a stored snapshot would, with no state format
 * to version; the cost grows with the session's length, which suits quick manual work.
 */
export interface SessionDir {
  dir: string;
  scenario: Scenario;
}

export function openSession(dir: string | undefined, usage: string): SessionDir {
  const folder = dir === undefined ? mkdtempSync(join(tmpdir(), 'polyvm-session-')) : resolve(dir);
  const file = join(folder, FILE);
  if (dir !== undefined) prepareOutputDir(dir, usage, '--state');
  let scenario: Scenario;
  try {
    scenario = loadScenario(file);
  } catch (err) {
    if (!(err instanceof InvalidArgumentError) || !/no such file/.test(err.message)) throw err;
    scenario = { name: 'session', callers: [], contracts: {}, steps: [], file };
  }
  return { dir: folder, scenario };
}

export function saveSession(session: SessionDir): void {
  const { file: _file, ...stored } = session.scenario;
  writeFileSync(join(session.dir, FILE), `${JSON.stringify(stored, null, 2)}\n`);
}
