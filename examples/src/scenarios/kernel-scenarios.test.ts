import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORKLOADS } from '../spec.js';
import { kernelScenarioFiles } from './kernel-scenarios.js';

const dir = join(import.meta.dirname, '../../scenarios/kernels');

describe('kernel scenario files', () => {
  it('one per built-in workload, each as the sources render it (run `pnpm kernels` when stale)', () => {
    const files = kernelScenarioFiles();
    const yaml = Object.keys(files).filter((f) => f.endsWith('.yaml'));
    expect(yaml.sort()).toEqual(WORKLOADS.map((w) => `${w.name}.yaml`).sort());
    expect(readdirSync(dir).sort()).toEqual(Object.keys(files).sort());
    for (const [file, text] of Object.entries(files))
      expect(readFileSync(join(dir, file), 'utf8'), file).toBe(text);
  });
});
