import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { memoryIO } from '../io.js';
import { defaultContext } from '../wiring.js';

const dir = mkdtempSync(join(tmpdir(), 'polyvm-json-artifact-'));
const put = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

describe('JSON artifacts (EVM ABI, solc output, Anchor IDL) that are not JSON', () => {
  put('bad.json', '{ not json');
  it.each([
    ['abi.yaml', 'evm: { asm: "STOP", abi: bad.json }', 'ABI file'],
    ['solc.yaml', 'evm: { solc: bad.json }', 'solc output'],
    ['idl.yaml', 'svm: { program: p.s, idl: bad.json }', 'Anchor IDL'],
  ])('%s: one line naming the file, exit 2, no stack', async (file, artifact, what) => {
    put('p.s', 'entrypoint:\n  mov64 r0, 0\n  exit\n');
    const scenario = put(file, `name: x\ncontracts:\n  c:\n    ${artifact}\nsteps:\n  - deploy: c\n`);
    const io = memoryIO();
    const code = await runCli(['run', scenario], defaultContext(), io);
    expect(code).toBe(2);
    expect(io.stderr()).toContain(`bad.json (${what}) is not JSON`);
    expect(io.stderr().trim().split('\n')).toHaveLength(1);
  });
});
