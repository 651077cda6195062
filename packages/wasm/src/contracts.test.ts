import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addressFromNumber, fixturesOrWarn, JournaledState, type Receipt } from '@polyvm/core';
import { afterAll, describe, expect, it } from 'vitest';
import { humanAddress } from './cosmwasm/host.js';
import { CosmWasmRuntime } from './cosmwasm/runtime.js';
import { unsupportedFeature } from './engine/unsupported.js';
import { accountIdToAddress } from './near/account.js';
import { NearRuntime } from './near/runtime.js';

/**
 * Every contract in `wasm/contracts` is deployed and driven through its main methods (init and a
 * typical call). A step may end in a typed UnsupportedError only for a feature the README lists as
 * unsupported; any other failure, or a contract that cannot be deployed, fails the test. A new
 * contract without a scenario is still deployed under its profile (by file-name prefix).
 */

const GAS = 300_000_000_000_000n;
const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

/** Feature ids of the README's "Unsupported features" table. */
function readmeUnsupported(): Set<string> {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Unsupported features')) ?? '';
  return new Set([...section.matchAll(/^\| `([^`]+)`/gm)].map((m) => m[1]!));
}

type Expect = 'success' | 'revert' | { unsupported: string };
interface Step {
  /** NEAR method, or CosmWasm entry point (`execute` when omitted, with `msg`). */
  call: string;
  args?: unknown;
  deposit?: bigint;
  expect: Expect;
  returns?: string;
}
interface Scenario {
  deploy?: Expect;
  /** CosmWasm: instantiate message; capabilities the runtime declares (default: the profile's). */
  init?: unknown;
  capabilities?: string[];
  steps: Step[];
}

const alice = accountIdToAddress('alice.near');
const contract = accountIdToAddress('contract.near');
const admin = addressFromNumber(1, 32);
const bob = addressFromNumber(2, 32);
const ITERATOR_AND_STAKING = ['cosmwasm_1_1', 'cosmwasm_1_2', 'iterator', 'staking'];
const bankSend = {
  bank: { send: { to_address: humanAddress(bob), amount: [{ denom: 'ucosm', amount: '1' }] } },
};
const cw20Init = {
  name: 'Token',
  symbol: 'TKN',
  decimals: 6,
  initial_balances: [{ address: humanAddress(admin), amount: '1000' }],
};

/** Both status-message examples (plain and near-sdk collections) share their interface. */
const STATUS_STEPS: Step[] = [
  { call: 'set_status', args: '{"message":"hi"}', expect: 'success' },
  { call: 'get_status', args: '{"account_id":"alice.near"}', expect: 'success', returns: '"hi"' },
];

/** Scenarios keyed by file name; a file may also appear under `name#variant`. */
const SCENARIOS: Record<string, Scenario> = {
  'near_status_message.wasm': { steps: STATUS_STEPS },
  'near_status_message_collections.wasm': { steps: STATUS_STEPS },
  'near_test_contract.wasm': {
    steps: [
      { call: 'new', args: '{}', expect: 'success' },
      { call: 'test_panic_macro', args: '{}', expect: 'revert' },
    ],
  },
  'near_versioned.wasm': {
    steps: [
      { call: 'deposit', args: '{}', deposit: 1000n, expect: 'success' },
      { call: 'get_deposit', args: '{"account_id":"alice.near"}', expect: 'success', returns: '1000' },
    ],
  },
  'near_mission_control.wasm': {
    steps: [
      { call: 'add_agent', args: '{}', expect: 'success' },
      { call: 'simulate', args: '{"account_id":"alice.near"}', expect: 'success', returns: 'true' },
    ],
  },
  'near_lockable_fungible_token.wasm': {
    steps: [
      { call: 'new', args: '{"owner_id":"alice.near","total_supply":"1000"}', expect: 'success' },
      { call: 'transfer', args: '{"new_owner_id":"bob.near","amount":"10"}', expect: 'success' },
      { call: 'get_total_balance', args: '{"owner_id":"bob.near"}', expect: 'success', returns: '"10"' },
    ],
  },
  'near_cross_contract_high_level.wasm': {
    steps: [
      { call: 'factorial', args: '{"n":1}', expect: 'success', returns: '1' },
      { call: 'factorial', args: '{"n":5}', expect: { unsupported: 'near:promises' } },
    ],
  },
  'near_cross_contract_low_level.wasm': {
    steps: [
      { call: 'factorial', args: '{"n":1}', expect: 'success', returns: '1' },
      { call: 'factorial', args: '{"n":5}', expect: { unsupported: 'near:promises' } },
    ],
  },
  'near_callback_results.wasm': {
    steps: [
      {
        call: 'call_all',
        args: '{"fail_b":false,"c_value":1,"d_value":2}',
        expect: { unsupported: 'near:promises' },
      },
    ],
  },
  'near_factory_contract_high_level.wasm': {
    steps: [
      {
        call: 'deploy_status_message',
        args: '{"account_id":"s.contract.near","amount":"1"}',
        expect: { unsupported: 'near:accounts' },
      },
      {
        call: 'simple_call',
        args: '{"account_id":"s.contract.near","message":"hi"}',
        expect: { unsupported: 'near:promises' },
      },
    ],
  },
  'near_factory_contract_low_level.wasm': {
    steps: [
      {
        call: 'deploy_status_message',
        args: '{"account_id":"s.contract.near","amount":"1"}',
        expect: { unsupported: 'near:promises' },
      },
    ],
  },
  'cosmwasm_empty.wasm': { deploy: { unsupported: 'cosmwasm:iterator' }, steps: [] },
  'cosmwasm_empty.wasm#with-iterator': { capabilities: ITERATOR_AND_STAKING, steps: [] },
  'cosmwasm_floaty_2.0.wasm': { deploy: { unsupported: 'cosmwasm:iterator' }, steps: [] },
  'cosmwasm_floaty_2.0.wasm#with-iterator': {
    capabilities: ITERATOR_AND_STAKING,
    steps: [{ call: 'query', args: { instructions: {} }, expect: 'success' }],
  },
  'cosmwasm_hackatom.wasm': {
    init: { verifier: humanAddress(admin), beneficiary: humanAddress(bob) },
    steps: [
      {
        call: 'query',
        args: { verifier: {} },
        expect: 'success',
        returns: JSON.stringify({ verifier: humanAddress(admin) }),
      },
      // release sends the contract's balance to the beneficiary with a BankMsg::Send.
      {
        call: 'execute',
        args: { release: { denom: 'earth' } },
        expect: { unsupported: 'cosmwasm:messages' },
      },
    ],
  },
  'cosmwasm_cw20_base.wasm': { init: cw20Init, deploy: { unsupported: 'cosmwasm:iterator' }, steps: [] },
  'cosmwasm_cw20_base.wasm#with-iterator': {
    init: cw20Init,
    capabilities: ITERATOR_AND_STAKING,
    steps: [
      {
        call: 'execute',
        args: { transfer: { recipient: humanAddress(bob), amount: '10' } },
        expect: 'success',
      },
      // send = transfer + a WasmMsg::Execute to the receiving contract.
      {
        call: 'execute',
        args: { send: { contract: humanAddress(bob), amount: '5', msg: '' } },
        expect: { unsupported: 'cosmwasm:messages' },
      },
      {
        call: 'query',
        args: { balance: { address: humanAddress(bob) } },
        expect: 'success',
        returns: '{"balance":"10"}',
      },
    ],
  },
  'cosmwasm_cw1_whitelist.wasm': {
    init: { admins: [humanAddress(admin)], mutable: true },
    deploy: { unsupported: 'cosmwasm:staking' },
    steps: [],
  },
  'cosmwasm_cw1_whitelist.wasm#with-iterator': {
    init: { admins: [humanAddress(admin)], mutable: true },
    capabilities: ITERATOR_AND_STAKING,
    steps: [
      {
        call: 'execute',
        args: { execute: { msgs: [bankSend] } },
        expect: { unsupported: 'cosmwasm:messages' },
      },
      {
        call: 'query',
        args: { can_execute: { sender: humanAddress(admin), msg: bankSend } },
        expect: 'success',
      },
    ],
  },
};

function outcome(r: Receipt): string {
  const feature = unsupportedFeature(r.error);
  return feature ? `unsupported ${feature}` : r.status;
}

function expectOutcome(r: Receipt, want: Expect, documented: Set<string>, label: string): void {
  const feature = unsupportedFeature(r.error);
  if (feature !== undefined)
    expect(documented, `${label}: ${feature} is not in the README`).toContain(feature);
  const wanted = typeof want === 'string' ? want : `unsupported ${want.unsupported}`;
  expect(outcome(r), `${label}: ${r.error?.message ?? ''}`).toBe(wanted);
}

interface Driver {
  deploy(): Receipt;
  step(s: Step): Receipt;
  root(): Uint8Array;
}

function nearDriver(code: Uint8Array): Driver {
  const rt = new NearRuntime();
  const state = new JournaledState();
  return {
    deploy: () => rt.deploy(state, { sender: alice, address: contract, code, gasLimit: GAS }),
    step: (s) =>
      rt.execute(state, {
        sender: alice,
        to: contract,
        input: enc(String(s.args ?? '')),
        value: s.deposit ?? 0n,
        gasLimit: GAS,
        nonce: 0n,
        payload: { method: s.call },
      }),
    root: () => state.stateRoot(),
  };
}

function cosmwasmDriver(code: Uint8Array, scenario: Scenario): Driver {
  const rt = new CosmWasmRuntime(scenario.capabilities ? { capabilities: scenario.capabilities } : {});
  const state = new JournaledState();
  const to = addressFromNumber(0xc0, 32);
  return {
    deploy: () =>
      rt.deploy(state, {
        sender: admin,
        address: to,
        code,
        input: enc(JSON.stringify(scenario.init ?? {})),
        gasLimit: GAS,
      }),
    step: (s) => {
      const tx = {
        sender: admin,
        to,
        input: enc(JSON.stringify(s.args ?? {})),
        value: 0n,
        gasLimit: GAS,
        nonce: 0n,
        payload: { entry: s.call as 'execute' | 'query' },
      };
      return s.call === 'query' ? rt.call(state, tx) : rt.execute(state, tx);
    },
    root: () => state.stateRoot(),
  };
}

const dir = fixturesOrWarn('wasm/contracts', 'fixture contract scenarios');
const files = dir
  ? readdirSync(dir)
      .filter((f) => f.endsWith('.wasm'))
      .sort()
  : [];
const cases = files.flatMap((f) => [f, ...Object.keys(SCENARIOS).filter((k) => k.startsWith(`${f}#`))]);
const summary: string[] = [];

describe.skipIf(!dir)(
  `fixture contracts: ${files.length} files in wasm/contracts, ${cases.length} scenarios`,
  () => {
    const documented = readmeUnsupported();

    it('the README lists unsupported features', () => {
      expect(documented.size).toBeGreaterThan(3);
    });

    for (const name of cases) {
      it(name, () => {
        const file = name.split('#')[0]!;
        const code = new Uint8Array(readFileSync(join(dir!, file)));
        const scenario = SCENARIOS[name] ?? { steps: [] };
        const driver = file.startsWith('cosmwasm') ? cosmwasmDriver(code, scenario) : nearDriver(code);
        const deployed = driver.deploy();
        expectOutcome(deployed, scenario.deploy ?? 'success', documented, `${name} deploy`);
        const ran: string[] = [`deploy ${outcome(deployed)}`];
        for (const step of scenario.steps) {
          const root = driver.root();
          const r = driver.step(step);
          expectOutcome(r, step.expect, documented, `${name} ${step.call}`);
          if (r.status !== 'success') expect(driver.root(), `${name} ${step.call} left state`).toEqual(root);
          if (step.returns !== undefined) expect(dec(r.returnData)).toBe(step.returns);
          ran.push(`${step.call} ${outcome(r)}`);
        }
        summary.push(`${name.padEnd(48)} ${ran.join(', ')}`);
      });
    }

    afterAll(() => {
      if (summary.length) console.log(`${summary.length} contract scenarios:\n${summary.sort().join('\n')}`);
    });
  },
);
