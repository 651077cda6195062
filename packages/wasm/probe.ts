import { readFileSync } from 'node:fs';
import { JournaledState } from '@polyvm/core';
import { NearRuntime } from './src/near/runtime.ts';
import { accountIdToAddress } from './src/near/account.ts';
const dir = '/work/shared/fixtures/wasm/contracts';
const enc = (s: string) => new TextEncoder().encode(s);
const alice = accountIdToAddress('alice.near');
const c = accountIdToAddress('contract.near');
const calls: Record<string, [string, string, bigint?][]> = JSON.parse(process.argv[2]!);
for (const [f, list] of Object.entries(calls)) {
  const rt = new NearRuntime(); const st = new JournaledState();
  rt.deploy(st, { sender: alice, address: c, code: new Uint8Array(readFileSync(`${dir}/${f}`)), gasLimit: 300_000_000_000_000n });
  for (const [m, a, v] of list) {
    const r = rt.execute(st, { sender: alice, to: c, input: enc(a), value: BigInt(v ?? 0), gasLimit: 300_000_000_000_000n, nonce: 0n, payload: { method: m } });
    console.log(f, m, a, r.status, r.gasUsed, r.error?.name, r.error?.message?.slice(0, 120), new TextDecoder().decode(r.returnData).slice(0, 80), r.logs.slice(0,2));
  }
}
