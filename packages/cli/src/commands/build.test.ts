import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { memoryIO } from '../io.js';
import { fakeContext } from '../testing/fake-context.js';

const dir = mkdtempSync(join(tmpdir(), 'polyvm-build-'));
const HEADER = '// SPDX-License-Identifier: MIT\npragma solidity ^0.8.20;\n';

function source(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, HEADER + body);
  return path;
}

async function cli(...argv: string[]) {
  const io = memoryIO();
  const code = await runCli(argv, fakeContext(), io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('polyvm build / call', () => {
  const counter = source(
    'counter.sol',
    'contract Counter { uint64 public n; function inc(uint64 by) external returns (uint64) { n += by; return n; } }\n',
  );

  it('builds both EVM flavours and reports every code size in --json', async () => {
    const { code, out } = await cli('build', counter, '--targets', 'evm,move', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out) as {
      contract: string;
      targets: { target: string; codeSize: number | null }[];
    };
    expect(report.contract).toBe('Counter');
    const sizes = Object.fromEntries(report.targets.map((t) => [t.target, t.codeSize]));
    expect(sizes['evm-solc']).toBeGreaterThan(0);
    expect(sizes.evm).toBeGreaterThan(0);
    expect(sizes).toHaveProperty('move');
  });

  it('--profile keeps one WebAssembly profile; an unknown one is a usage error', async () => {
    const cosm = await cli('build', counter, '--targets', 'wasm', '--profile', 'cosmwasm', '--json');
    expect(cosm.code).toBe(0);
    const targets = (JSON.parse(cosm.out) as { targets: { target: string }[] }).targets.map((t) => t.target);
    expect(targets).toEqual(['cosmwasm']);
    const near = await cli('call', counter, 'inc', '2', '--targets', 'wasm', '--profile', 'near');
    expect(near.code).toBe(0);
    expect(near.out).toMatch(/^wasm +success returns \["2"\]/m);
    expect(near.out).not.toMatch(/^cosmwasm/m);
    const bad = await cli('build', counter, '--profile', 'eth');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/unknown profile eth \(known: near, cosmwasm\)/);
  });

  it('--emit names what each target emits when none emits the format, and rejects unknown formats', async () => {
    const none = await cli('build', counter, '--targets', 'evm', '--emit', 'wat');
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/no target emits wat \(evm-solc: none, evm: none\)/);
    const bad = await cli('build', counter, '--emit', 'hex');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--emit must be wat or asm, got hex/);
  });

  it('exits 1 with file:line:col: unsupported: <construct> outside the subset', async () => {
    const bad = source(
      'bad.sol',
      'contract Bad {\n  function f() external {\n    assembly { sstore(0, 1) }\n  }\n}\n',
    );
    const { code, err } = await cli('build', bad);
    expect(code).toBe(1);
    expect(err.trim()).toBe('bad.sol:5:5: unsupported: inline assembly');
  });

  it('calls a function on every target with the same result', async () => {
    const { code, out } = await cli('call', counter, 'inc', '41', '--targets', 'evm');
    expect(code).toBe(0);
    expect(out).toMatch(/^ir +success returns \["41"\]$/m);
    expect(out).toMatch(/^evm-solc +success returns \["41"\] gas \d+$/m);
    expect(out).toMatch(/^evm +success returns \["41"\] gas \d+$/m);
  });

  it('runs the same call on the wasm, move and svm back ends where the contract fits', async () => {
    const { code, out } = await cli('call', counter, 'inc', '41');
    expect(code).toBe(0);
    for (const target of ['wasm', 'move', 'svm']) {
      expect(out).toMatch(new RegExp(`^${target} +success returns \\["41"\\] gas \\d+$`, 'm'));
    }
  });

  it('names the construct a partial back end cannot express, and still builds the others', async () => {
    const named = source(
      'named.sol',
      'contract Named { uint256 public n; function set(uint256 v) external { n = v; } function h(string memory t) external pure returns (bytes32) { return keccak256(abi.encode(t)); } }\n',
    );
    const built = await cli('build', named, '--targets', 'evm,svm', '--json');
    expect(built.code).toBe(0);
    const report = JSON.parse(built.out) as { targets: { target: string; unsupported?: string }[] };
    const svm = report.targets.find((t) => t.target === 'svm');
    expect(svm?.unsupported).toMatch(/unsupported on svm: /);
    expect(report.targets.find((t) => t.target === 'evm')?.unsupported).toBeUndefined();
    const called = await cli('call', named, 'h', 'abc', '--targets', 'evm,svm');
    expect(called.code).toBe(0);
    expect(called.out).toMatch(/^svm +n\/a \(.*unsupported on svm: .*\)$/m);
  });
});
