import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inputOffsets } from '@polyvm/svm-lite';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { memoryIO } from '../io.js';
import { defaultContext } from '../wiring.js';

const ctx = defaultContext();
const dir = mkdtempSync(join(tmpdir(), 'polyvm-scenario-'));
const put = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

async function run(...argv: string[]) {
  const io = memoryIO();
  const code = await runCli(['run', ...argv], ctx, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

// EVM: slot 0 += 1 and return it; with calldata byte 0 = 0xff, revert with Error("no") instead.
const COUNTER_ASM = [
  'PUSH0 CALLDATALOAD PUSH 248 SHR PUSH 0xff EQ PUSH @fail JUMPI',
  'PUSH0 SLOAD PUSH 1 ADD DUP1 PUSH0 SSTORE',
  'DUP1 PUSH0 MSTORE PUSH 32 PUSH0 PUSH 0x77 PUSH 32 PUSH0 LOG2', // an event with topics [0x77, n]… in order
  'PUSH 32 PUSH0 RETURN',
  'fail: JUMPDEST',
  'PUSH 0x08c379a0 PUSH 224 SHL PUSH0 MSTORE PUSH 32 PUSH 4 MSTORE PUSH 2 PUSH 36 MSTORE',
  'PUSH 0x6e6f PUSH 240 SHL PUSH 68 MSTORE PUSH 100 PUSH0 REVERT',
].join('\n');

// NEAR: `bump` writes key "n" and logs; `get` returns the JSON 7; `fail` panics with "no".
const NEAR_WAT = `(module
  (import "env" "storage_write" (func $sw (param i64 i64 i64 i64 i64) (result i64)))
  (import "env" "value_return" (func $ret (param i64 i64)))
  (import "env" "panic_utf8" (func $panic (param i64 i64)))
  (import "env" "log_utf8" (func $log (param i64 i64)))
  (memory (export "memory") 1)
  (data (i32.const 0) "n1no7bumped")
  (func (export "bump") (drop (call $sw (i64.const 1) (i64.const 0) (i64.const 1) (i64.const 1) (i64.const 0)))
    (call $log (i64.const 6) (i64.const 5)))
  (func (export "get") (call $ret (i64.const 1) (i64.const 4)))
  (func (export "fail") (call $panic (i64.const 2) (i64.const 2))))`;

// Move: add(a, b) and an abort with code 7 when a == 0.
const MOVE_MASM = `module 0x42::calc
public fun add(a: u64, b: u64): u64 {
  CopyLoc a
  LdU64 0
  Eq
  BrFalse Ok
  LdU64 7
  Abort
Ok:
  MoveLoc a
  MoveLoc b
  Add
  Ret
}
`;

// sBPF: the u64 in the first account += 1; an empty instruction fails with custom error 1.
const data = inputOffsets([8]).accounts[0]!.data;
const SVM_S = `entrypoint:
  ldxdw r2, [r1+${data}]
  add64 r2, 1
  stxdw [r1+${data}], r2
  mov64 r0, 0
  exit
`;

put('counter.masm', MOVE_MASM);
put('counter.s', SVM_S);
put('counter.wat', NEAR_WAT);

const SCENARIO = `name: counter
description: one state across steps on every VM
tier: kernel
callers: [alice, bob]
contracts:
  counter:
    evm: { asm: "${COUNTER_ASM.replaceAll('\n', ' ')}" }
    near: { wasm: counter.wat }
    move: { module: counter.masm }
    svm:
      program: counter.s
      accounts: { state: { size: 8 } }
steps:
  - deploy: counter
  - name: first
    call: counter
    evm: { function: "bump()", returns: [uint256] }
    near: { method: bump }
    move: { function: add, args: ["u64:2", "u64:3"] }
    svm: { data: "0x01 u16:2 @alice @state", accounts: ["w:state", "@alice"] }
    expect:
      events: { evm: 1, near: 1, move: 0, svm: 0 }
      return: { evm: [1], move: "0x0500000000000000" }
      accounts: { state: "0:0x01" }
  - name: second
    call: counter
    caller: bob
    evm: { function: "bump()", returns: [uint256] }
    near: { method: get }
    move: { function: add, args: ["u64:40", "u64:2"] }
    svm: { accounts: ["w:state"] }
    expect:
      return: { evm: [2], near: 7, move: "0x2a00000000000000" }
      storage: { "0": 2 }
      accounts: { state: "0x0200000000000000" }
`;

describe('polyvm run <scenario>', () => {
  it('a CosmWasm artifact declares the chain capabilities its requires_* exports need', async () => {
    put(
      'needs-iterator.wat',
      `(module (memory (export "memory") 1)
        (func (export "allocate") (param i32) (result i32) (i32.const 0))
        (func (export "deallocate") (param i32))
        (func (export "interface_version_8"))
        (func (export "requires_iterator")))`,
    );
    const scenario = (artifact: string) =>
      put(
        'needs-iterator.yaml',
        `name: caps\ncontracts:\n  c:\n    cosmwasm: ${artifact}\nsteps:\n  - deploy: c\n`,
      );
    const refused = await run(scenario('{ wasm: needs-iterator.wat }'));
    expect(refused.out).toContain('requires capability iterator that this runtime does not offer');
    expect(refused.code).toBe(1);
    const declared = await run(scenario('{ wasm: needs-iterator.wat, capabilities: [iterator] }'));
    expect(declared.out).toContain('cosmwasm 1/1 steps as expected');
    expect(declared.code).toBe(0);
  });

  it('runs every VM on persistent state and checks the expectations', async () => {
    const { code, out, err } = await run(put('counter.yaml', SCENARIO));
    expect(err).toBe('');
    expect(out).toContain('[evm] 2 first: success');
    expect(out).toContain('[evm] 3 second: success');
    expect(out).toContain('return ["2"]');
    expect(out).toContain('change storage 0x');
    expect(out).toMatch(/\[near\] 2 first: success.*\n {4}event {2}log bumped/);
    expect(out).toContain('[near] 3 second: success, gas');
    expect(out).toContain('[svm] 3 second: success');
    expect(out).toContain('change account state data 0x0200000000000000');
    expect(out).toContain('cosmwasm n/a (contract "counter" has no cosmwasm artifact)');
    expect(out).toContain('evm 3/3 steps as expected; near 3/3 steps as expected');
    expect(out).toContain('move 3/3 steps as expected; svm 3/3 steps as expected');
    expect(out).not.toContain('FAILED');
    expect(code).toBe(0);
  });

  it('decodes reverts and aborts, and exits 1 on a failed expectation', async () => {
    const failing = `name: failing
callers: [alice]
contracts:
  counter:
    evm: { asm: "${COUNTER_ASM.replaceAll('\n', ' ')}" }
    near: { wasm: counter.wat }
    move: { module: counter.masm }
steps:
  - deploy: counter
  - call: counter
    evm: { data: "0xff" }
    near: { method: fail }
    move: { function: add, args: ["u64:0", "u64:1"] }
    expect: { status: revert }
  - call: counter
    evm: { function: "bump()", returns: [uint256] }
    near: { method: get }
    move: { function: add, args: ["u64:1", "u64:1"] }
    expect: { return: { evm: [5], near: 8, move: "0x0300000000000000" } }
`;
    const { code, out } = await run(put('failing.yaml', failing));
    expect(out).toContain('[evm] 2 call counter: revert (Error("no"))');
    expect(out).toMatch(/\[move\] 2 call counter: revert \([^)]*7/);
    expect(out).toContain('FAILED return: expected [5], got ["1"]');
    expect(out).toContain('FAILED return: expected 8, got 7');
    expect(out).toContain('FAILED return: expected "0x0300000000000000", got "0x0200000000000000"');
    expect(code).toBe(1);
  });

  it('encodes sBPF instructions from an Anchor IDL, with a PDA account', async () => {
    put(
      'counter.idl.json',
      JSON.stringify({
        instructions: [
          {
            name: 'bump',
            args: [
              { name: 'by', type: 'u64' },
              { name: 'who', type: 'pubkey' },
            ],
          },
        ],
      }),
    );
    const text = `name: anchor
callers: [alice]
contracts:
  counter:
    svm:
      program: counter.s
      idl: counter.idl.json
      accounts: { state: { size: 8, seeds: ["counter", "@alice"] } }
steps:
  - deploy: counter
  - call: counter
    svm: { instruction: bump, args: { by: 1, who: "@alice" }, accounts: ["w:state"] }
    expect: { accounts: { state: "0x0100000000000000" } }
  - call: counter
    svm: { instruction: nope, accounts: ["w:state"] }
`;
    const { code, err } = await run(put('anchor.yaml', text), '--vms', 'svm');
    expect(err).toBe('polyvm: IDL has no instruction "nope" (has: bump)\n');
    expect(code).toBe(2);
    const ok = await run(
      put('anchor-ok.yaml', text.split('  - call: counter\n    svm: { instruction: nope')[0]!),
      '--vms',
      'svm',
    );
    expect(ok.out).toContain('svm 2/2 steps as expected');
    expect(ok.code).toBe(0);
  });

  it('reads JSON scenarios too', async () => {
    const json = {
      name: 'j',
      contracts: { c: { evm: { asm: 'PUSH 7 PUSH0 MSTORE PUSH 32 PUSH0 RETURN' } } },
      steps: [{ deploy: 'c' }, { call: 'c', evm: { returns: ['uint8'] }, expect: { return: { evm: [7] } } }],
    };
    const { code, out } = await run(put('j.json', JSON.stringify(json)), '--vms', 'evm');
    expect(out).toContain('[evm] 2 call c: success');
    expect(code).toBe(0);
  });

  it('prints JSON with --json and limits VMs with --vms', async () => {
    const { code, out } = await run(join(dir, 'counter.yaml'), '--vms', 'evm', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.runs).toHaveLength(1);
    expect(report.runs[0].steps[2]).toMatchObject({ status: 'success', returned: ['2'], failures: [] });
  });

  it.each([
    [
      'name: x\ncontracts: {}\nsteps:\n  - call: c\n    expect: { status: fine }\n',
      /x\.yaml:5: \$\.steps\[0\]\.expect\.status must be one of "success"/,
    ],
    ['name: x\ncontracts: {}\nsteps: []\n', /:3: \$\.steps needs at least 1 item/],
    [
      'name: x\ncontracts:\n  c:\n    evm: { asm: STOP, bogus: 1 }\nsteps:\n  - deploy: c\n',
      /:4: \$\.contracts\.c\.evm\.bogus unknown field/,
    ],
    [
      'name: x\ncontracts: {}\nsteps:\n  - deploy: nope\n',
      /names contract "nope", which is not under "contracts"/,
    ],
    ['name: [unclosed\n', /x\.yaml:\d+: Flow sequence/],
  ])('refuses a bad scenario with the field and line: %#', async (text, message) => {
    const { code, err } = await run(put('x.yaml', text));
    expect(err).toMatch(message);
    expect(err.split('\n')).toHaveLength(2);
    expect(code).toBe(2);
  });
});
