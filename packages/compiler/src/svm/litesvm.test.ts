import { JournaledState } from '@polyvm/core';
import { fromBase58, minimumBalance, toBase58 } from '@polyvm/svm-lite';
import {
  AccountRole,
  address,
  appendTransactionMessageInstruction,
  createTransactionMessage,
  generateKeyPairSigner,
  type KeyPairSigner,
  lamports,
  pipe,
  setTransactionMessageFeePayerSigner,
  signTransactionMessageWithSigners,
} from '@solana/kit';
import { FailedTransactionMetadata, LiteSVM } from 'litesvm';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../compile.js';
import { constructorOf } from '../ir/contract.js';
import { findCallable } from '../target/calls.js';
import type { JsValue } from '../target/target.js';
import { stateSize } from './layout.js';
import { buildSvm, instructionData, STATE_ACCOUNT, SvmDeployment } from './target.js';

/**
 * The compiled program on the real agave VM (litesvm, native) and on svm-lite: after every instruction
 * the outcome, compute units, log lines, return data and state-account data must be identical.
 */
const PROGRAM_ID = 'Sevm111111111111111111111111111111111111111';

const SOURCE = `
pragma solidity ^0.8.20;
contract Vault {
    uint64 public total;
    uint32 public deposits;
    bool public open;
    error Closed();
    constructor(uint64 seed) { total = seed; open = true; }
    function deposit(uint64 amount) external returns (uint64) {
        if (!open) revert Closed();
        require(amount > 0, "zero deposit");
        total += amount;
        deposits += 1;
        return total;
    }
    function withdraw(uint64 amount) external { total -= amount; }
    function close() external { open = false; }
    function triangle(uint16 n) external pure returns (uint64 s, bool even) {
        for (uint16 i = 0; i < n; i++) { if (i % 2 == 1) continue; s += uint64(i) * i; }
        even = s % 2 == 0;
    }
    function ratio(uint64 a, uint64 b) external pure returns (uint64) { return a / b; }
}`;

const SEQUENCE: Array<[string, JsValue[]]> = [
  ['constructor', [7n]],
  ['constructor', [8n]],
  ['deposit', [5n]],
  ['deposit', [0n]],
  ['deposit', [2n ** 64n - 5n]],
  ['withdraw', [100n]],
  ['withdraw', [2n]],
  ['triangle', [40n]],
  ['ratio', [9n, 0n]],
  ['ratio', [9n, 2n]],
  ['total', []],
  ['close', []],
  ['deposit', [1n]],
  ['deposits', []],
];

interface Outcome {
  success: boolean;
  computeUnits: number;
  logs: string[];
  returnData: number[];
  stateData: number[];
}

function stateAccountData(account: ReturnType<LiteSVM['getAccount']>): number[] {
  return account.exists ? [...account.data] : [];
}

describe('compiled sBPF program: svm-lite agrees with litesvm (agave)', () => {
  let payer: KeyPairSigner;
  beforeAll(async () => {
    payer = await generateKeyPairSigner();
  });

  it(`Vault: ${SEQUENCE.length} instructions give identical outcome, CU, logs, return data and account data`, async () => {
    const contract = compile(SOURCE, { contract: 'Vault' }).ir;
    const build = buildSvm(contract);
    expect(build.program.unsupported.size).toBe(0);

    const lite = new LiteSVM();
    lite.airdrop(payer.address, lamports(10_000_000_000n));
    const programAddress = address(PROGRAM_ID);
    lite.addProgram(programAddress, build.code);
    const stateAddress = address(toBase58(STATE_ACCOUNT));
    const size = stateSize(contract);
    lite.setAccount({
      address: stateAddress,
      data: new Uint8Array(size),
      executable: false,
      lamports: lamports(minimumBalance(size)),
      programAddress,
      space: BigInt(size),
    });
    const ours = new SvmDeployment(contract, build, new JournaledState(), fromBase58(PROGRAM_ID));

    const seen: string[] = [];
    for (const [name, args] of SEQUENCE) {
      const fn = name === 'constructor' ? constructorOf(contract) : findCallable(contract, name);
      const data = instructionData(fn, args);
      lite.expireBlockhash();
      const instruction = {
        programAddress,
        accounts: [{ address: stateAddress, role: AccountRole.WRITABLE }],
        data,
      } as unknown as Parameters<typeof appendTransactionMessageInstruction>[0];
      const tx = await pipe(
        createTransactionMessage({ version: 0 }),
        (t) => setTransactionMessageFeePayerSigner(payer, t),
        (t) => lite.setTransactionMessageLifetimeUsingLatestBlockhash(t),
        (t) => appendTransactionMessageInstruction(instruction, t),
        (t) =>
          signTransactionMessageWithSigners(t as Parameters<typeof signTransactionMessageWithSigners>[0]),
      );
      const sent = lite.sendTransaction(tx);
      const failed = sent instanceof FailedTransactionMetadata;
      const meta = failed ? sent.meta() : sent;
      const reference: Outcome = {
        success: !failed,
        computeUnits: Number(meta.computeUnitsConsumed()),
        logs: meta.logs(),
        returnData: [...meta.returnData().data()],
        stateData: stateAccountData(lite.getAccount(stateAddress)),
      };
      const run = ours.invoke(fn, args);
      const actual: Outcome = {
        success: run.result.status === 'success',
        computeUnits: run.result.gas ?? -1,
        logs: [...run.logs],
        returnData: [...run.returnData],
        stateData: [...ours.stateData()],
      };
      expect({ call: name, ...actual }).toEqual({ call: name, ...reference });
      seen.push(`${name} ${reference.success ? 'ok' : 'fail'} ${reference.computeUnits} CU`);
    }
    console.log(`svm vs litesvm: ${seen.join(', ')}`);
    // Not vacuous: both outcomes occur, and the failures log their reason.
    expect(seen.filter((s) => s.includes(' fail ')).length).toBeGreaterThanOrEqual(5);
    expect(seen.filter((s) => s.includes(' ok ')).length).toBeGreaterThanOrEqual(5);
  });
});
