import { LiteSVM } from 'litesvm';
import { generateKeyPairSigner, lamports, address } from '@solana/kit';
import { sendInstructions } from './src/conformance/litesvm-harness.ts';
import { assemble } from './src/asm/assembler.ts';
import { writeElf } from './src/elf/writer.ts';
const CB = address('ComputeBudget111111111111111111111111111111');
const P = address('Prog111111111111111111111111111111111111111');
const F = address('Fai2111111111111111111111111111111111111111');
const u32 = (tag: number, v: number) => { const b = new Uint8Array(5); b[0]=tag; new DataView(b.buffer).setUint32(1, v, true); return b; };
const u64 = (tag: number, v: bigint) => { const b = new Uint8Array(9); b[0]=tag; new DataView(b.buffer).setBigUint64(1, v, true); return b; };
const cb = (data: Uint8Array) => ({ programAddress: CB, accounts: [], data });
const prog = { programAddress: P, accounts: [], data: new Uint8Array(0) };
const failp = { programAddress: F, accounts: [], data: new Uint8Array(0) };
const cases: Record<string, any[]> = {
  price: [cb(u64(3, 1000n)), prog],
  limit: [cb(u32(2, 1000)), prog],
  both: [cb(u32(2, 5000)), cb(u64(3, 3n)), prog],
  dup: [cb(u32(2, 5000)), cb(u32(2, 6000)), prog],
  heap64k: [cb(u32(1, 65536)), prog],
  heapbad: [cb(u32(1, 1000)), prog],
  heap256k: [cb(u32(1, 256*1024)), prog],
  onlycb: [cb(u32(2, 5000))],
  failprice: [cb(u64(3, 1_000_000n)), cb(u32(2, 300000)), failp],
  badcb: [cb(new Uint8Array([9])), prog],
  badcb2: [cb(new Uint8Array([2, 1])), prog],
  limitbig: [cb(u32(2, 2_000_000)), prog],
  lds0: [cb(u32(4, 0)), prog],
  lds: [cb(u32(4, 100)), prog],
  nocb3: [prog, prog, prog, prog, prog, prog, prog, prog],
  unused0: [cb(new Uint8Array([0, 1,0,0,0, 1,0,0,0])), prog],
  cbaccount: [{ programAddress: CB, accounts: [{address: P, role: 0}], data: u32(2, 5000)}, prog],
};
for (const [name, ixs] of Object.entries(cases)) {
  const svm = new LiteSVM();
  const payer = await generateKeyPairSigner();
  svm.airdrop(payer.address, lamports(10_000_000_000n));
  svm.addProgram(P, writeElf(assemble('mov64 r0, 0\nexit')));
  svm.addProgram(F, writeElf(assemble('mov64 r0, 0\nsyscall abort\nexit')));
  try {
    const r = await sendInstructions(svm, payer, ixs);
    console.log(name, JSON.stringify(r), 10_000_000_000n - (svm.getBalance(payer.address) ?? 0n));
  } catch (e) { console.log(name, 'threw', String(e)); }
}
