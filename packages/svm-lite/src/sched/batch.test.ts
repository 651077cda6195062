import { addressFromNumber, concatBytes, JournaledState, type Transaction } from '@polyvm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assemble } from '../asm/assembler.js';
import { writeElf } from '../elf/writer.js';
import { writeAccount } from '../host/account.js';
import { SYSTEM_PROGRAM_ID } from '../host/pubkey.js';
import { inputOffsets } from '../host/serialize.js';
import { SystemInstruction } from '../host/system-program.js';
import { SvmRuntime, type SvmTxPayload } from '../runtime.js';
import { executeParallel, executeSequential } from './batch.js';
import { accountLocks, conflicts, scheduleWaves } from './locks.js';
import { WorkerPool } from './pool.js';

const PROGRAM = addressFromNumber(0x9000, 32);
const payer = (i: number): Uint8Array => addressFromNumber(0x1000 + i, 32);
const counter = (i: number): Uint8Array => addressFromNumber(0x2000 + i, 32);
const at = inputOffsets([8]);
const INCREMENT = `
entrypoint:
  ldxdw r2, [r1+${at.accounts[0]!.data}]
  add64 r2, 1
  stxdw [r1+${at.accounts[0]!.data}], r2
  mov64 r0, 0
  exit`;

function u64(value: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, value, true);
  return out;
}

function genesis(runtime: SvmRuntime): JournaledState {
  const state = new JournaledState();
  runtime.deploy(state, {
    sender: payer(0),
    code: writeElf(assemble(INCREMENT)),
    address: PROGRAM,
    gasLimit: 0n,
  });
  for (let i = 0; i < 16; i++) {
    writeAccount(state, payer(i), {
      lamports: 1_000_000_000n,
      owner: SYSTEM_PROGRAM_ID,
      executable: false,
      rentEpoch: 0n,
      data: new Uint8Array(0),
    });
  }
  for (let i = 0; i < 3; i++) {
    writeAccount(state, counter(i), {
      lamports: 1_000_000n,
      owner: PROGRAM,
      executable: false,
      rentEpoch: 0n,
      data: new Uint8Array(8),
    });
  }
  return state;
}

/** A deterministic mix: transfers between payers and increments of three shared counters. */
function batch(size: number): Array<Transaction<SvmTxPayload>> {
  let seed = 12345;
  const next = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const txs: Array<Transaction<SvmTxPayload>> = [];
  for (let i = 0; i < size; i++) {
    const from = payer(next(16));
    const base = { sender: from, input: new Uint8Array(0), value: 0n, gasLimit: 200_000n, nonce: 0n };
    if (next(3) === 0) {
      const target = counter(next(3));
      txs.push({
        ...base,
        to: PROGRAM,
        payload: { accounts: [{ pubkey: target, isSigner: false, isWritable: true }] },
      });
    } else {
      const to = payer(next(16));
      const data = concatBytes(
        u64(BigInt(SystemInstruction.Transfer)).subarray(0, 4),
        u64(BigInt(1 + next(1000))),
      );
      txs.push({
        ...base,
        payload: {
          instructions: [
            {
              programId: SYSTEM_PROGRAM_ID,
              accounts: [
                { pubkey: from, isSigner: true, isWritable: true },
                { pubkey: to, isSigner: false, isWritable: true },
              ],
              data,
            },
          ],
        },
      });
    }
  }
  return txs;
}

describe('Sealevel-style scheduling', () => {
  it('read locks share, write locks exclude', () => {
    const a = { writable: new Set(['x']), readonly: new Set(['p']) };
    const b = { writable: new Set(['y']), readonly: new Set(['p']) };
    const c = { writable: new Set(['p']), readonly: new Set<string>() };
    expect(conflicts(a, b)).toBe(false);
    expect(conflicts(a, c)).toBe(true);
    expect(scheduleWaves([a, b, c, a])).toEqual([[0, 1], [2], [3]]);
  });

  it('puts conflicting transactions in later waves, in batch order', () => {
    const txs = batch(64);
    const locks = txs.map(accountLocks);
    const waves = scheduleWaves(locks);
    expect(waves.flat().sort((x, y) => x - y)).toEqual(txs.map((_, i) => i));
    for (const wave of waves) {
      for (const i of wave)
        for (const j of wave) if (i < j) expect(conflicts(locks[i]!, locks[j]!)).toBe(false);
    }
    expect(waves.length).toBeLessThan(txs.length);
  });

  describe('parallel execution on worker threads', () => {
    let pool: WorkerPool;
    beforeAll(() => {
      pool = new WorkerPool(2);
    });
    afterAll(async () => {
      await pool.close();
    });

    it('gives the same receipts and state root as sequential execution', async () => {
      const runtime = new SvmRuntime();
      const sequentialState = genesis(runtime);
      const parallelState = sequentialState.fork();
      const txs = batch(120);
      const sequential = executeSequential(runtime, sequentialState, txs);
      const parallel = await executeParallel(pool, parallelState, txs);
      const summary = (r: (typeof sequential)[number]) => ({
        status: r.status,
        gasUsed: r.gasUsed,
        gasBreakdown: r.gasBreakdown,
        logs: r.logs,
        returnData: [...r.returnData],
        instructions: r.metrics.instructions,
      });
      expect(parallel.receipts.map(summary)).toEqual(sequential.map(summary));
      expect(parallelState.stateRoot()).toEqual(sequentialState.stateRoot());
      expect(sequential.every((r) => r.status === 'success')).toBe(true);
      console.log(
        `scheduler: ${txs.length} transactions in ${parallel.waves.length} waves, state roots equal`,
      );
    });
  });
});
