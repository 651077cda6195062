import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { memoryIO } from '../io.js';
import { defaultContext } from '../wiring.js';

const dir = mkdtempSync(join(tmpdir(), 'polyvm-addresses-'));
const put = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

// Returns its address argument, so the test sees what `address:@name` encoded.
put(
  'echo.masm',
  `module 0xb0b::echo
public entry fun echo(a: address): address {
  MoveLoc a
  Ret
}
`,
);

const scenario = (addresses: string) => `name: fixed
callers: [alice, admin]
${addresses}
contracts:
  echo: { move: { module: echo.masm, addressWidth: 16 } }
steps:
  - deploy: echo
  - call: echo
    move: { function: echo, args: ["address:@admin"] }
    expect: { return: { move: "0x000000000000000000000000000000ad" } }
`;

async function run(file: string) {
  const io = memoryIO();
  const code = await runCli(['run', file], defaultContext(), io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('scenario addresses: fixed per-VM addresses for named accounts', () => {
  it('a Move argument address:@name is the fixed address when the scenario gives one', async () => {
    const fixed = await run(put('fixed.yaml', scenario('addresses:\n  admin: { move: "0xad" }')));
    expect(fixed.out).toContain('move 2/2 steps as expected');
    expect(fixed.code).toBe(0);
    // Without it the address is derived from the name, so the same expectation fails.
    const derived = await run(put('derived.yaml', scenario('')));
    expect(derived.out).toContain('FAILED return');
    expect(derived.code).toBe(1);
  });

  it('an address for a VM without fixed addresses is a schema error naming the field', async () => {
    const bad = await run(put('bad.yaml', scenario('addresses:\n  admin: { near: "0xad" }')));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/bad\.yaml:4: \$\.addresses\.admin/);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
  });
});
