import { bytesToHex } from '@noble/hashes/utils.js';
import { equalBytes, JournaledState } from '@polyvm/core';
import { COMPUTE_BUDGET_PROGRAM_ID, fromBase58, minimumBalance, toBase58 } from '@polyvm/svm-lite';
import {
  AccountRole,
  address,
  appendTransactionMessageInstructions,
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
import { compileCorpus, loadCorpus } from '../../test/corpus-harness.js';
import { compile } from '../compile.js';
import { constructorOf, type IrContract } from '../ir/contract.js';
import { findCallable } from '../target/calls.js';
import type { JsValue } from '../target/target.js';
import { stateSize } from './layout.js';
import { buildSvm, instructionData, STATE_ACCOUNT, SvmDeployment } from './target.js';
import { WIDE_SOURCE, wideSequence } from './wide-cases.js';

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
    event Deposited(uint64 indexed amount, uint64 total, bool first);
    constructor(uint64 seed) { total = seed; open = true; }
    function deposit(uint64 amount) external returns (uint64) {
        if (!open) revert Closed();
        require(amount > 0, "zero deposit");
        total += amount;
        deposits += 1;
        emit Deposited(amount, total, deposits == 1);
        return total;
    }
    function withdraw(uint64 amount) external { total -= amount; }
    function close() external { open = false; }
    function triangle(uint16 n) external pure returns (uint64 s, bool even) {
        for (uint16 i = 0; i < n; i++) { if (i % 2 == 1) continue; s += uint64(i) * i; }
        even = s % 2 == 0;
    }
    function ratio(uint64 a, uint64 b) external pure returns (uint64) { return a / b; }
    function signed(int32 a, int32 b) external pure returns (int32, int32, int64) { return (a / b, a % b, -int64(a) >> 3); }
    function power(uint32 b, uint8 e) external pure returns (uint32) { return b ** e; }
    function fib(uint64 n) public pure returns (uint64) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
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
  ['signed', [-7n, 2n]],
  ['signed', [-(2n ** 31n), -1n]],
  ['power', [3n, 20n]],
  ['power', [3n, 21n]],
  ['fib', [15n]],
  ['fib', [70n]],
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

/**
 * Replays `sequence` (constructor first) on litesvm and on svm-lite, comparing after every instruction.
 * Returns one `name ok|fail CU` line per instruction.
 */
async function replay(
  payer: KeyPairSigner,
  contract: IrContract,
  sequence: ReadonlyArray<readonly [string, readonly JsValue[], (string | number)?]>,
): Promise<string[]> {
  const build = buildSvm(contract);
  const lite = new LiteSVM();
  lite.airdrop(payer.address, lamports(10_000_000_000n));
  const programAddress = address(PROGRAM_ID);
  const COMPUTE_BUDGET_ADDRESS = address(toBase58(COMPUTE_BUDGET_PROGRAM_ID));
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
  // The same authority (the payer) and the same Clock on both sides.
  const clock = lite.getClock();
  // A corpus call's `from` signs with its own generated key (the same pubkey on both sides).
  const signers = new Map<string | number | undefined, KeyPairSigner>([[undefined, payer]]);
  const signerOf = async (from: string | number | undefined): Promise<KeyPairSigner> => {
    let signer = signers.get(from);
    if (signer === undefined) {
      signer = await generateKeyPairSigner();
      lite.airdrop(signer.address, lamports(10_000_000_000n));
      signers.set(from, signer);
    }
    return signer;
  };
  const seen: string[] = [];
  for (const [name, args, from] of sequence) {
    const signer = await signerOf(from);
    const context = {
      sender: BigInt(`0x${bytesToHex(fromBase58(signer.address))}`),
      blockNumber: clock.slot,
      timestamp: clock.unixTimestamp,
    };
    const fn = name === 'constructor' ? constructorOf(contract) : findCallable(contract, name);
    // Ours first: it sizes the call (a ComputeBudget instruction when it needs more than 200k CU),
    // and agave gets exactly the instructions ours sent.
    const run = ours.invoke(fn, args, context);
    const computeBudget = (run.transaction.payload?.instructions ?? []).filter((ix) =>
      equalBytes(ix.programId, COMPUTE_BUDGET_PROGRAM_ID),
    );
    lite.expireBlockhash();
    const instructions = [
      ...computeBudget.map((ix) => ({ programAddress: COMPUTE_BUDGET_ADDRESS, accounts: [], data: ix.data })),
      {
        programAddress,
        accounts: [
          { address: stateAddress, role: AccountRole.WRITABLE },
          { address: signer.address, role: AccountRole.READONLY_SIGNER, signer },
        ],
        data: instructionData(fn, args),
      },
    ] as unknown as Parameters<typeof appendTransactionMessageInstructions>[0];
    const tx = await pipe(
      createTransactionMessage({ version: 0 }),
      (t) => setTransactionMessageFeePayerSigner(signer, t),
      (t) => lite.setTransactionMessageLifetimeUsingLatestBlockhash(t),
      (t) => appendTransactionMessageInstructions(instructions, t),
      (t) => signTransactionMessageWithSigners(t as Parameters<typeof signTransactionMessageWithSigners>[0]),
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
    const actual: Outcome = {
      success: run.result.status === 'success',
      computeUnits: run.result.gas ?? -1,
      logs: [...run.logs],
      returnData: [...run.returnData],
      stateData: [...ours.stateData()],
    };
    const label = `${contract.name}.${name}(${args.join(',')})`;
    expect({ label, ...actual }).toEqual({ label, ...reference });
    seen.push(`${name} ${reference.success ? 'ok' : 'fail'} ${reference.computeUnits} CU`);
  }
  return seen;
}

describe('compiled sBPF programs: svm-lite agrees with litesvm (agave)', () => {
  let payer: KeyPairSigner;
  beforeAll(async () => {
    payer = await generateKeyPairSigner();
  });

  it(`Vault: ${SEQUENCE.length} instructions give identical outcome, CU, logs, return data and account data`, async () => {
    const contract = compile(SOURCE, { contract: 'Vault' }).ir;
    expect(buildSvm(contract).program.unsupported.size).toBe(0);
    const seen = await replay(payer, contract, SEQUENCE);
    console.log(`svm vs litesvm: ${seen.join(', ')}`);
    // Not vacuous: both outcomes occur, and the failures log their reason.
    expect(seen.filter((s) => s.includes(' fail ')).length).toBeGreaterThanOrEqual(5);
    expect(seen.filter((s) => s.includes(' ok ')).length).toBeGreaterThanOrEqual(5);
  });

  it('the 256-bit runtime library: every routine gives identical results and CU on agave', async () => {
    const contract = compile(WIDE_SOURCE, { contract: 'Wide' }).ir;
    const seen = await replay(payer, contract, [['constructor', []], ...wideSequence(12)]);
    console.log(`svm vs litesvm, runtime library: ${seen.length} instructions identical`);
    expect(seen.filter((s) => s.includes(' fail ')).length).toBeGreaterThan(5);
  });

  it('the corpus: every supported call prefix runs identically on litesvm', async () => {
    const { cases, sources } = loadCorpus();
    const compilation = compileCorpus(sources);
    let contracts = 0;
    let instructions = 0;
    for (const c of cases) {
      const contract = compilation.artifact(c.file, c.contract).ir;
      const { unsupported } = buildSvm(contract).program;
      if (unsupported.has(constructorOf(contract).id)) continue;
      const sequence: Array<readonly [string, readonly JsValue[], (string | number)?]> = [
        ['constructor', c.deploy],
      ];
      for (const call of c.calls) {
        if (unsupported.has(findCallable(contract, call.fn).id)) break;
        sequence.push([call.fn, call.args ?? [], call.from]);
      }
      instructions += (await replay(payer, contract, sequence)).length;
      contracts++;
    }
    console.log(
      `svm vs litesvm on the corpus: ${contracts} contracts, ${instructions} instructions identical`,
    );
    expect(instructions).toBeGreaterThan(100);
  });
});
