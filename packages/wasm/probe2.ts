import { readFileSync } from 'node:fs';
import { JournaledState, addressFromNumber } from '@polyvm/core';
import { CosmWasmRuntime } from './src/cosmwasm/runtime.ts';
import { humanAddress } from './src/cosmwasm/host.ts';
const dir = '/work/shared/fixtures/wasm/contracts';
const enc = (s: unknown) => new TextEncoder().encode(JSON.stringify(s));
const a = addressFromNumber(1, 32), b = addressFromNumber(2, 32), c = addressFromNumber(0xc0, 32);
const G = 10n ** 15n;
function run(f: string, init: unknown, calls: [unknown, string?][]) {
  const rt = new CosmWasmRuntime(); const st = new JournaledState();
  const d = rt.deploy(st, { sender: a, address: c, code: new Uint8Array(readFileSync(`${dir}/${f}`)), input: enc(init), gasLimit: G });
  console.log(f, 'deploy', d.status, d.error?.name, d.error?.message, d.gasUsed);
  for (const [m, entry] of calls) {
    const root = st.stateRoot();
    const r = rt.execute(st, { sender: a, to: c, input: enc(m), value: 0n, gasLimit: G, nonce: 0n, payload: { entry: (entry ?? 'execute') as any } });
    console.log(' ', JSON.stringify(m).slice(0, 60), r.status, r.error?.name, r.error?.message?.slice(0, 140), new TextDecoder().decode(r.returnData).slice(0, 80), 'rootSame', Buffer.compare(root, st.stateRoot()) === 0);
  }
}
run('cosmwasm_cw20_base.wasm', { name: 'Token', symbol: 'TKN', decimals: 6, initial_balances: [{ address: humanAddress(a), amount: '1000' }] }, [
  [{ transfer: { recipient: humanAddress(b), amount: '10' } }],
  [{ send: { contract: humanAddress(b), amount: '5', msg: '' } }],
  [{ balance: { address: humanAddress(b) } }, 'query'],
]);
run('cosmwasm_cw1_whitelist.wasm', { admins: [humanAddress(a)], mutable: true }, [
  [{ execute: { msgs: [{ bank: { send: { to_address: humanAddress(b), amount: [{ denom: 'u', amount: '1' }] } } }] } }],
  [{ admin_list: {} }, 'query'],
]);
run('cosmwasm_hackatom.wasm', { verifier: humanAddress(a), beneficiary: humanAddress(b) }, [[{ release: { denom: 'earth' } }]]);
