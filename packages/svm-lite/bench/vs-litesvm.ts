/**
 * The same sBPF transactions through this runtime and through litesvm (agave, native, JIT), in one
 * process, interleaved by mitata: ALU, internal-call and `sol_sha256` loops, each sized to fit the
 * 1.4M CU transaction maximum. Both sides must report identical compute units; the summary prints
 * the ratio. After mitata, `ROUNDS` rounds alternate one transaction on each side and the medians
 * are printed: on a shared machine, load then hits both sides alike. Run with `pnpm bench:litesvm`.
 */
import { JournaledState } from '@polyvm/core';
import {
  address,
  appendTransactionMessageInstructions,
  createTransactionMessage,
  generateKeyPairSigner,
  getAddressEncoder,
  lamports,
  pipe,
  setTransactionMessageFeePayerSigner,
  signTransactionMessageWithSigners,
} from '@solana/kit';
import { FailedTransactionMetadata, LiteSVM } from 'litesvm';
import { bench, do_not_optimize, run, summary } from 'mitata';
import { assemble } from '../src/asm/assembler.js';
import { aluLoopSource, fibonacciSource, sha256LoopSource } from '../src/asm/sample-programs.js';
import { writeElf } from '../src/elf/writer.js';
import { walletAccount, writeAccount } from '../src/host/account.js';
import { COMPUTE_BUDGET_PROGRAM_ID } from '../src/host/compute-budget.js';
import { fromBase58 } from '../src/host/pubkey.js';
import { SvmRuntime } from '../src/runtime.js';

const PROGRAMS: Record<string, string> = {
  'ALU loop (1.2M CU)': aluLoopSource(200_000, { returnZero: true }),
  'call loop: fib(20)': fibonacciSource(20, { returnZero: true }),
  'sol_sha256 loop (5,000 × 32 bytes)': sha256LoopSource(5000),
};

const LIMIT = 1_400_000;
const ROUNDS = Number(process.env.ROUNDS ?? 400);
const interleaved: Array<{ name: string; cu: number; lite: () => unknown; ours: () => unknown }> = [];
const limitData = Uint8Array.of(2, LIMIT & 0xff, (LIMIT >> 8) & 0xff, (LIMIT >> 16) & 0xff, 0);
const payer = await generateKeyPairSigner();
const payerKey = Uint8Array.from(getAddressEncoder().encode(payer.address));

for (const [name, source] of Object.entries(PROGRAMS)) {
  const code = writeElf(assemble(source));
  const programId = address('Prog111111111111111111111111111111111111111');

  // litesvm: no signature check and no transaction history, so one signed transaction can be resent.
  const svm = new LiteSVM().withSigverify(false).withTransactionHistory(0n);
  svm.airdrop(payer.address, lamports(10_000_000_000n));
  svm.addProgram(programId, code);
  const signed = await pipe(
    createTransactionMessage({ version: 0 }),
    (t) => setTransactionMessageFeePayerSigner(payer, t),
    (t) => svm.setTransactionMessageLifetimeUsingLatestBlockhash(t),
    (t) =>
      appendTransactionMessageInstructions(
        [
          { programAddress: address('ComputeBudget111111111111111111111111111111'), data: limitData },
          { programAddress: programId, data: new Uint8Array(0) },
        ] as never,
        t,
      ),
    (t) => signTransactionMessageWithSigners(t as never),
  );
  const sendLite = () => {
    const result = svm.sendTransaction(signed);
    if (result instanceof FailedTransactionMetadata) throw new Error(`litesvm failed: ${result.toString()}`);
    return result;
  };

  const runtime = new SvmRuntime();
  const state = new JournaledState();
  runtime.deploy(state, { sender: payerKey, code, address: fromBase58(programId), gasLimit: 0n });
  writeAccount(state, payerKey, walletAccount(10n ** 15n));
  const tx = {
    sender: payerKey,
    input: new Uint8Array(0),
    value: 0n,
    gasLimit: BigInt(LIMIT),
    nonce: 0n,
    payload: {
      instructions: [
        { programId: COMPUTE_BUDGET_PROGRAM_ID, accounts: [], data: limitData },
        { programId: fromBase58(programId), accounts: [], data: new Uint8Array(0) },
      ],
    },
  };
  const sendOurs = () => runtime.call(state, tx);

  const ours = sendOurs();
  const reference = Number(sendLite().computeUnitsConsumed());
  if (ours.status !== 'success' || ours.gasUsed !== reference)
    throw new Error(`${name}: ${ours.status} ${ours.gasUsed} CU here, ${reference} CU in litesvm`);
  console.log(`${name}: ${reference} CU on both sides`);

  interleaved.push({ name, cu: reference, lite: sendLite, ours: sendOurs });
  summary(() => {
    bench(`${name} — litesvm`, () => do_not_optimize(sendLite()));
    bench(`${name} — polyvm`, () => do_not_optimize(sendOurs()));
  });
}

await run();

const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!;
/** Process CPU time in ms: unlike wall time, not inflated when the scheduler parks a long transaction. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
console.log(`\ninterleaved medians, ${ROUNDS} rounds (ms per transaction, wall clock and process CPU time):`);
for (const { name, cu, lite, ours } of interleaved) {
  const wall = { lite: [] as number[], ours: [] as number[] };
  const cpu = { lite: [] as number[], ours: [] as number[] };
  const measure = (side: 'lite' | 'ours', send: () => unknown) => {
    const [w, c] = [performance.now(), cpuMs()];
    do_not_optimize(send());
    wall[side].push(performance.now() - w);
    cpu[side].push(cpuMs() - c);
  };
  for (let i = 0; i < ROUNDS; i++) {
    measure('lite', lite);
    measure('ours', ours);
  }
  const row = (what: string, times: typeof wall) => {
    const [l, o] = [median(times.lite), median(times.ours)];
    return `${what} litesvm ${l.toFixed(3)} polyvm ${o.toFixed(3)} ratio ${(o / l).toFixed(2)}x`;
  };
  console.log(`${name} (${cu} CU): ${row('wall', wall)}; ${row('cpu', cpu)}`);
}
