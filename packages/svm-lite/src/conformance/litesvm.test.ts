import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesOrWarn, JournaledState } from '@polyvm/core';
import {
  AccountRole,
  address,
  generateKeyPairSigner,
  getAddressEncoder,
  getProgramDerivedAddress,
  getU64Encoder,
  type KeyPairSigner,
  lamports,
} from '@solana/kit';
import { Clock, LiteSVM } from 'litesvm';
import { beforeAll, describe, expect, it } from 'vitest';
import { assemble } from '../asm/assembler.js';
import { sha256LoopSource } from '../asm/sample-programs.js';
import { writeElf } from '../elf/writer.js';
import { readAccount, walletAccount, writeAccount } from '../host/account.js';
import { fromBase58, toBase58 } from '../host/pubkey.js';
import { SvmRuntime } from '../runtime.js';
import { normalizeLogs, receiptErrorLabel, sendInstruction } from './litesvm-harness.js';

const dir = fixturesOrWarn('svm/programs', 'real Solana programs vs the litesvm reference');

/**
 * Differential conformance: the same program, accounts and instruction data run through litesvm
 * (agave's runtime, native) and through this runtime must give the same outcome, the same compute
 * units, the same log lines and the same account data.
 */
interface Scenario {
  name: string;
  program: string;
  /** Instruction data; a function receives the fee payer's key. */
  data: number[] | string | ((payer: Uint8Array) => Uint8Array);
  /** Where the program is deployed (programs that check their own id need the real one). */
  programId?: string;
  /** Read-only accounts the bank provides (sysvars). */
  bankAccounts?: string[];
  /** Accounts owned by the program, created before the transaction. */
  accounts?: Array<{ key: string; data: number[]; writable: boolean; lamports?: bigint }>;
  /** Pass the fee payer as a signer account. */
  payerSigns?: boolean;
  unixTimestamp?: bigint;
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

/** `StakeInstruction::Initialize(Authorized { staker, withdrawer }, Lockup::default())`, bincode. */
function stakeInitialize(authority: Uint8Array): Uint8Array {
  const data = new Uint8Array(4 + 32 + 32 + 8 + 8 + 32);
  data.set(authority, 4);
  data.set(authority, 36);
  return data;
}

const STAKE_ACCOUNT = 'StakeAcc11111111111111111111111111111111111';
const STAKE_ID = 'Stake11111111111111111111111111111111111111';
const RENT_SYSVAR = 'SysvarRent111111111111111111111111111111111';

const COUNTER = 'CounterAcc111111111111111111111111111111111';
const TOKEN_2022_ID = 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb';
const MINT = 'Mint111111111111111111111111111111111111111';
const SCENARIOS: Scenario[] = [
  { name: 'hello_world', program: 'hello_world.so', data: [] },
  { name: 'memo v4', program: 'spl_memo-4.0.0.so', data: 'hello memo' },
  {
    name: 'memo v4 signed by the payer',
    program: 'spl_memo-4.0.0.so',
    data: 'signed memo',
    payerSigns: true,
  },
  { name: 'memo v4 rejects invalid UTF-8', program: 'spl_memo-4.0.0.so', data: [0xff, 0xfe, 0x41] },
  { name: 'memo v1', program: 'spl_memo-1.0.0.so', data: 'hello memo' },
  { name: 'memo v1 rejects invalid UTF-8', program: 'spl_memo-1.0.0.so', data: [0xc3, 0x28] },
  { name: 'logging', program: 'spl_example_logging.so', data: [1, 2, 3] },
  { name: 'logging with an account', program: 'spl_example_logging.so', data: [9], payerSigns: true },
  { name: 'clock example at t=0', program: 'litesvm_clock_example.so', data: [], unixTimestamp: 0n },
  {
    name: 'clock example panics at t=1000',
    program: 'litesvm_clock_example.so',
    data: [],
    unixTimestamp: 1000n,
  },
  {
    name: 'counter increments',
    program: 'counter.so',
    data: [0],
    accounts: [{ key: COUNTER, data: [0, 0, 0, 0], writable: true }],
  },
  {
    name: 'counter from 41',
    program: 'counter.so',
    data: [0, 7],
    accounts: [{ key: COUNTER, data: [41, 0, 0, 0], writable: true }],
  },
  {
    name: 'counter rejects 8-byte state',
    program: 'counter.so',
    data: [0],
    accounts: [{ key: COUNTER, data: [0, 0, 0, 0, 0, 0, 0, 0], writable: true }],
  },
  {
    name: 'counter unknown instruction',
    program: 'counter.so',
    data: [1],
    accounts: [{ key: COUNTER, data: [5, 0, 0, 0], writable: true }],
  },
  {
    name: 'counter read-only account',
    program: 'counter.so',
    data: [0],
    accounts: [{ key: COUNTER, data: [0, 0, 0, 0], writable: false }],
  },
  ...['core_bpf_stake-5.0.0.so', 'core_bpf_stake-1.0.1.so'].map((program) => ({
    name: `stake ${program.slice(15, -3)}: Initialize reads the Rent sysvar account`,
    program,
    programId: STAKE_ID,
    data: stakeInitialize,
    accounts: [
      { key: STAKE_ACCOUNT, data: new Array<number>(200).fill(0), writable: true, lamports: 2_282_880n },
    ],
    bankAccounts: [RENT_SYSVAR],
  })),
  ...[
    { name: 'Token-2022 InitializeMint2 of a fresh 82-byte mint', initialized: 0 },
    { name: 'Token-2022 InitializeMint2 of an initialized mint fails', initialized: 1 },
  ].map(({ name, initialized }) => ({
    name,
    program: 'spl_token_2022-11.0.0.so',
    programId: TOKEN_2022_ID,
    // InitializeMint2 { decimals: 6, mint_authority: the payer, freeze_authority: None }.
    data: (payer: Uint8Array) => Uint8Array.from([20, 6, ...payer, 0]),
    accounts: [
      {
        key: MINT,
        data: Array.from({ length: 82 }, (_, i) => (i === 45 ? initialized : 0)),
        writable: true,
        lamports: 1_461_600n,
      },
    ],
  })),
  {
    name: 'stake Initialize of an account below rent exemption',
    program: 'core_bpf_stake-5.0.0.so',
    programId: STAKE_ID,
    data: stakeInitialize,
    accounts: [
      { key: STAKE_ACCOUNT, data: new Array<number>(200).fill(0), writable: true, lamports: 1_000_000n },
    ],
    bankAccounts: [RENT_SYSVAR],
  },
];

const PROGRAM_ID = 'Prog111111111111111111111111111111111111111';
const ACCOUNT_LAMPORTS = 1_000_000n;

interface Outcome {
  success: boolean;
  computeUnits: number;
  logs: string[];
  /** `InstructionError(i, …)` when the transaction failed. */
  error?: string;
  accountData: number[][];
  /** The reference's clock slot, so both sides see the same sysvars. */
  slot?: bigint;
}

function bytesOf(data: Scenario['data'], payer: Uint8Array): Uint8Array {
  if (typeof data === 'function') return data(payer);
  return typeof data === 'string' ? new TextEncoder().encode(data) : Uint8Array.from(data);
}

async function runLiteSvm(s: Scenario, payer: KeyPairSigner, programBytes: Uint8Array): Promise<Outcome> {
  const svm = new LiteSVM();
  svm.airdrop(payer.address, lamports(10_000_000_000n));
  const clock = svm.getClock();
  svm.setClock(
    new Clock(
      clock.slot,
      clock.epochStartTimestamp,
      clock.epoch,
      clock.leaderScheduleEpoch,
      s.unixTimestamp ?? 0n,
    ),
  );
  const programId = address(s.programId ?? PROGRAM_ID);
  svm.addProgram(programId, programBytes);
  for (const a of s.accounts ?? []) {
    svm.setAccount({
      address: address(a.key),
      data: Uint8Array.from(a.data),
      executable: false,
      lamports: lamports(a.lamports ?? ACCOUNT_LAMPORTS),
      programAddress: programId,
      space: BigInt(a.data.length),
    });
  }
  const metas = [
    ...(s.payerSigns ? [{ address: payer.address, role: AccountRole.WRITABLE_SIGNER, signer: payer }] : []),
    ...(s.accounts ?? []).map((a) => ({
      address: address(a.key),
      role: a.writable ? AccountRole.WRITABLE : AccountRole.READONLY,
    })),
    ...(s.bankAccounts ?? []).map((key) => ({ address: address(key), role: AccountRole.READONLY })),
  ];
  const payerKey = Uint8Array.from(getAddressEncoder().encode(payer.address));
  const data = bytesOf(s.data, payerKey);
  const outcome = await sendInstruction(svm, payer, programId, metas, data);
  const accountData = (s.accounts ?? []).map((a) => {
    const account = svm.getAccount(address(a.key));
    return account.exists ? [...account.data] : [];
  });
  return { ...outcome, accountData, slot: clock.slot };
}

function runPolyvm(s: Scenario, payerKey: Uint8Array, programBytes: Uint8Array, slot: bigint): Outcome {
  const runtime = new SvmRuntime();
  const state = new JournaledState();
  const programId = fromBase58(s.programId ?? PROGRAM_ID);
  const deployed = runtime.deploy(state, {
    sender: payerKey,
    code: programBytes,
    address: programId,
    gasLimit: 0n,
  });
  expect(deployed.status).toBe('success');
  writeAccount(state, payerKey, walletAccount(10_000_000_000n));
  for (const a of s.accounts ?? []) {
    writeAccount(state, fromBase58(a.key), {
      lamports: a.lamports ?? ACCOUNT_LAMPORTS,
      owner: programId,
      executable: false,
      rentEpoch: 0n,
      data: Uint8Array.from(a.data),
    });
  }
  const metas = [
    ...(s.payerSigns ? [{ pubkey: payerKey, isSigner: true, isWritable: true }] : []),
    ...(s.accounts ?? []).map((a) => ({
      pubkey: fromBase58(a.key),
      isSigner: false,
      isWritable: a.writable,
    })),
    ...(s.bankAccounts ?? []).map((key) => ({ pubkey: fromBase58(key), isSigner: false, isWritable: false })),
  ];
  const receipt = runtime.execute(
    state,
    {
      sender: payerKey,
      to: programId,
      input: bytesOf(s.data, payerKey),
      value: 0n,
      gasLimit: 200_000n,
      nonce: 0n,
      payload: { accounts: metas },
    },
    { block: { height: slot, timestamp: s.unixTimestamp ?? 0n, chainId: 1n } },
  );
  expect(sum(Object.values(receipt.gasBreakdown))).toBe(receipt.gasUsed);
  return {
    success: receipt.status === 'success',
    computeUnits: receipt.gasUsed,
    logs: receipt.logs,
    error: receiptErrorLabel(receipt.error),
    accountData: (s.accounts ?? []).map((a) => [...(readAccount(state, fromBase58(a.key))?.data ?? [])]),
  };
}

describe.skipIf(!dir)('real programs match litesvm (outcome, compute units, logs, account data)', () => {
  let payer: KeyPairSigner;
  let payerKey: Uint8Array;
  beforeAll(async () => {
    payer = await generateKeyPairSigner();
    payerKey = Uint8Array.from(getAddressEncoder().encode(payer.address));
  });

  let matched = 0;
  for (const scenario of SCENARIOS) {
    it(scenario.name, async () => {
      const programBytes = new Uint8Array(readFileSync(join(dir!, scenario.program)));
      const reference = await runLiteSvm(scenario, payer, programBytes);
      const ours = runPolyvm(scenario, payerKey, programBytes, reference.slot ?? 0n);
      expect({ ...ours, logs: normalizeLogs(ours.logs) }).toEqual({
        ...reference,
        slot: undefined,
        logs: normalizeLogs(reference.logs),
      });
      matched++;
    });
  }

  it('address lookup table: create through three Rust-ABI CPIs into the system program', async () => {
    const programBytes = new Uint8Array(readFileSync(join(dir!, 'address_lookup_table.so')));
    const programId = address('ALTProg1111111111111111111111111111111111111');
    const recentSlot = 0n;
    const [table, bump] = await getProgramDerivedAddress({
      programAddress: programId,
      seeds: [getAddressEncoder().encode(payer.address), getU64Encoder().encode(recentSlot)],
    });
    const data = new Uint8Array(13);
    new DataView(data.buffer).setBigUint64(4, recentSlot, true);
    data[12] = bump;

    const svm = new LiteSVM();
    svm.airdrop(payer.address, lamports(10_000_000_000n));
    svm.addProgram(programId, programBytes);
    const clock = svm.getClock();
    const metas = [
      { address: table, role: AccountRole.WRITABLE },
      { address: payer.address, role: AccountRole.READONLY_SIGNER, signer: payer },
      { address: payer.address, role: AccountRole.WRITABLE_SIGNER, signer: payer },
      { address: address('11111111111111111111111111111111'), role: AccountRole.READONLY },
    ];
    const reference = await sendInstruction(svm, payer, programId, metas, data);
    expect(reference.success).toBe(true);
    const referenceTable = svm.getAccount(table);

    const runtime = new SvmRuntime();
    const state = new JournaledState();
    const ours = fromBase58(programId);
    runtime.deploy(state, { sender: payerKey, code: programBytes, address: ours, gasLimit: 0n });
    writeAccount(state, payerKey, walletAccount(10_000_000_000n));
    const tableKey = fromBase58(table);
    const receipt = runtime.execute(
      state,
      {
        sender: payerKey,
        to: ours,
        input: data,
        value: 0n,
        gasLimit: 200_000n,
        nonce: 0n,
        payload: {
          accounts: [
            { pubkey: tableKey, isSigner: false, isWritable: true },
            { pubkey: payerKey, isSigner: true, isWritable: false },
            { pubkey: payerKey, isSigner: true, isWritable: true },
            { pubkey: new Uint8Array(32), isSigner: false, isWritable: false },
          ],
        },
      },
      { block: { height: clock.slot, timestamp: clock.unixTimestamp, chainId: 1n } },
    );
    expect(receipt.error?.message).toBeUndefined();
    expect(receipt.logs).toEqual(reference.logs);
    expect(receipt.gasUsed).toBe(reference.computeUnits);
    const created = readAccount(state, tableKey)!;
    expect(referenceTable.exists).toBe(true);
    if (!referenceTable.exists) return;
    expect([...created.data]).toEqual([...referenceTable.data]);
    expect(created.lamports).toBe(referenceTable.lamports);
    expect(toBase58(created.owner)).toBe(referenceTable.programAddress);
    matched++;
  });

  it('associated token account: Create through CPIs into the token program and the system program', async () => {
    const ataId = address('ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL');
    const tokenId = address('TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA');
    const ataBytes = new Uint8Array(readFileSync(join(dir!, 'spl_associated_token_account-1.1.1.so')));
    const mint = address('Mint111111111111111111111111111111111111111');
    const wallet = address('Wa11et1111111111111111111111111111111111111');
    const enc = getAddressEncoder();
    const [ata] = await getProgramDerivedAddress({
      programAddress: ataId,
      seeds: [enc.encode(wallet), enc.encode(tokenId), enc.encode(mint)],
    });
    // An initialized mint: no authorities, supply 0, 6 decimals.
    const mintData = new Uint8Array(82);
    mintData[44] = 6;
    mintData[45] = 1;

    const svm = new LiteSVM();
    svm.airdrop(payer.address, lamports(10_000_000_000n));
    svm.addProgram(ataId, ataBytes);
    svm.setAccount({
      address: mint,
      data: mintData,
      executable: false,
      lamports: lamports(1_461_600n),
      programAddress: tokenId,
      space: 82n,
    });
    const metas = [
      { address: payer.address, role: AccountRole.WRITABLE_SIGNER, signer: payer },
      { address: ata, role: AccountRole.WRITABLE },
      { address: wallet, role: AccountRole.READONLY },
      { address: mint, role: AccountRole.READONLY },
      { address: address('11111111111111111111111111111111'), role: AccountRole.READONLY },
      { address: tokenId, role: AccountRole.READONLY },
    ];
    const reference = await sendInstruction(svm, payer, ataId, metas, new Uint8Array(0));
    expect(reference.success).toBe(true);
    const referenceAta = svm.getAccount(ata);

    // The token program is litesvm's own build (loader v3): copy its program and ProgramData
    // accounts from the reference at test time, so both runtimes execute the same bytes.
    const tokenProgram = svm.getAccount(tokenId);
    expect(tokenProgram.exists).toBe(true);
    if (!tokenProgram.exists || !referenceAta.exists) return;
    const programDataKey = Uint8Array.from(tokenProgram.data.subarray(4, 36));
    const programData = svm.getAccount(address(toBase58(programDataKey)));
    if (!programData.exists) throw new Error('token ProgramData missing in litesvm');

    const runtime = new SvmRuntime();
    const state = new JournaledState();
    runtime.deploy(state, { sender: payerKey, code: ataBytes, address: fromBase58(ataId), gasLimit: 0n });
    const loaderV3 = fromBase58('BPFLoaderUpgradeab1e11111111111111111111111');
    writeAccount(state, fromBase58(tokenId), {
      lamports: tokenProgram.lamports,
      owner: loaderV3,
      executable: true,
      rentEpoch: 0n,
      data: Uint8Array.from(tokenProgram.data),
    });
    writeAccount(state, programDataKey, {
      lamports: programData.lamports,
      owner: loaderV3,
      executable: false,
      rentEpoch: 0n,
      data: Uint8Array.from(programData.data),
    });
    writeAccount(state, fromBase58(mint), {
      lamports: 1_461_600n,
      owner: fromBase58(tokenId),
      executable: false,
      rentEpoch: 0n,
      data: mintData,
    });
    writeAccount(state, payerKey, walletAccount(10_000_000_000n));
    const receipt = runtime.execute(
      state,
      {
        sender: payerKey,
        to: fromBase58(ataId),
        input: new Uint8Array(0),
        value: 0n,
        gasLimit: 200_000n,
        nonce: 0n,
        payload: {
          accounts: metas.map((m) => ({
            pubkey: fromBase58(m.address),
            isSigner: m.role === AccountRole.WRITABLE_SIGNER,
            isWritable: m.role === AccountRole.WRITABLE || m.role === AccountRole.WRITABLE_SIGNER,
          })),
        },
      },
      { block: { height: svm.getClock().slot, timestamp: svm.getClock().unixTimestamp, chainId: 1n } },
    );
    expect(receipt.error?.message).toBeUndefined();
    expect(receipt.logs).toEqual(reference.logs);
    expect(receipt.gasUsed).toBe(reference.computeUnits);
    const created = readAccount(state, fromBase58(ata))!;
    expect([...created.data]).toEqual([...referenceAta.data]);
    expect(created.lamports).toBe(referenceAta.lamports);
    expect(toBase58(created.owner)).toBe(referenceAta.programAddress);
    matched++;
  });

  it('reports how many scenarios matched the reference', () => {
    console.log(`litesvm differential: ${matched}/${SCENARIOS.length + 2} real-program scenarios identical`);
    expect(matched).toBe(SCENARIOS.length + 2);
  });
});

/**
 * Hand-written sBPF programs, linked by our ELF writer, run by litesvm and by this runtime: the
 * compute units and every log line must agree. Covers syscall costs, VM faults (which deplete the
 * meter in agave) and syscall errors (which do not).
 */
const OWN_PROGRAMS: Array<{ name: string; source: string }> = [
  { name: 'syscall tour', source: readFileSync(new URL('./syscall-tour.s', import.meta.url), 'utf8') },
  { name: 'access violation depletes the meter', source: 'mov64 r1, 0\nldxdw r0, [r1+0]\nexit' },
  { name: 'division by zero depletes the meter', source: 'mov64 r1, 0\nmov64 r0, 1\ndiv64 r0, r1\nexit' },
  { name: 'abort is a syscall error (no depletion)', source: 'mov64 r0, 0\nsyscall abort\nexit' },
  { name: 'running out of compute units', source: 'loop:\nja loop' },
  { name: 'a store into the gap above frame 0 (stack frame 1)', source: 'stxdw [r10+8], r1\nexit' },
  { name: 'a load just below the stack (stack frame -1)', source: 'ldxdw r0, [r10-8192]\nexit' },
  { name: 'a store past the 32 KiB heap', source: 'lddw r1, 0x300008000\nstxdw [r1+0], r0\nexit' },
  {
    name: 'a store into the read-only program region',
    source: 'lddw r1, 0x100000000\nstxdw [r1+0], r0\nexit',
  },
  { name: 'a load past the input region', source: 'lddw r1, 0x400100000\nldxb r0, [r1+0]\nexit' },
  { name: 'callx outside the text segment', source: 'mov64 r1, 0\ncallx r1\nexit' },
  {
    name: 'sol_panic_ names file, line and column',
    source:
      'mov64 r1, r10\nadd64 r1, -8\nstb [r10-8], 0x61\nmov64 r2, 1\nmov64 r3, 7\nmov64 r4, 9\nsyscall sol_panic_\nexit',
  },
  ...[
    ['eight 0xff bytes', 'stdw [r10-8], -1'],
    ['a truncated 3-byte sequence', 'stb [r10-8], 0x61\nstb [r10-7], 0xe2\nstb [r10-6], 0x82'],
    ['a bad continuation after 0xf0', 'stb [r10-8], 0xf0\nstb [r10-7], 0x90\nstb [r10-6], 0x41'],
    ['a surrogate (0xed 0xa0)', 'stb [r10-8], 0xed\nstb [r10-7], 0xa0\nstb [r10-6], 0x80'],
  ].map(([what, stores]) => ({
    name: `sol_log_ of invalid UTF-8: ${what}`,
    source: `${stores}\nmov64 r1, r10\nadd64 r1, -8\nmov64 r2, 3\nsyscall sol_log_\nmov64 r0, 0\nexit`,
  })),
  // Mem syscalls read their registers as numbers below 2^53 and as bigints above: both sides of that.
  ...[
    [
      'memcpy of overlapping stack ranges',
      'mov64 r1, r10\nadd64 r1, -64\nmov64 r2, r10\nadd64 r2, -60\nmov64 r3, 8\nsyscall sol_memcpy_',
    ],
    [
      'memcpy of overlapping ranges above 2^53',
      'lddw r1, 0xffffffffffffff00\nlddw r2, 0xffffffffffffff04\nmov64 r3, 16\nsyscall sol_memcpy_',
    ],
    [
      'memcpy between ranges 2^63 apart',
      'lddw r1, 0x8000000000000000\nmov64 r2, r10\nadd64 r2, -16\nmov64 r3, 16\nsyscall sol_memcpy_',
    ],
    ['memset of 2^32 bytes', 'mov64 r1, r10\nadd64 r1, -64\nlddw r3, 0x100000000\nsyscall sol_memset_'],
    ['memset of u64::MAX bytes', 'mov64 r1, r10\nadd64 r1, -64\nmov64 r3, -1\nsyscall sol_memset_'],
    [
      'memcmp with a misaligned result pointer',
      'mov64 r1, r10\nadd64 r1, -64\nmov64 r2, r1\nmov64 r3, 8\nmov64 r4, r10\nadd64 r4, -63\nsyscall sol_memcmp_',
    ],
    [
      'memset, memmove and memcmp results',
      'mov64 r1, r10\nadd64 r1, -64\nlddw r2, 0x12345601ff\nmov64 r3, 40\nsyscall sol_memset_\nstb [r10-40], 7\nmov64 r1, r10\nadd64 r1, -62\nmov64 r2, r10\nadd64 r2, -64\nmov64 r3, 30\nsyscall sol_memmove_\nmov64 r1, r10\nadd64 r1, -64\nmov64 r2, r10\nadd64 r2, -62\nmov64 r3, 40\nmov64 r4, r10\nadd64 r4, -8\nsyscall sol_memcmp_\nldxdw r1, [r10-64]\nldxdw r2, [r10-40]\nldxw r3, [r10-8]\nldxdw r4, [r10-32]\nmov64 r5, r0\nsyscall sol_log_64_',
    ],
  ].map(([what, body]) => ({ name: `sol_mem*: ${what}`, source: `${body}\nmov64 r0, 0\nexit` })),
  {
    name: 'sol_log_ of 2^32 bytes cannot pay for itself',
    source: 'mov64 r1, r10\nadd64 r1, -8\nlddw r2, 0x100000000\nsyscall sol_log_\nmov64 r0, 0\nexit',
  },
  {
    name: 'sol_log_ of an empty message at an unmapped address',
    source: 'mov64 r1, 0\nmov64 r2, 0\nsyscall sol_log_\nmov64 r0, 0\nexit',
  },
  // Hot loops run translated to WebAssembly (default threshold): exhaustion and faults inside a
  // translated block, and the meter handed to syscalls from translated code.
  {
    name: 'a translated loop runs out of compute units mid-block',
    source: 'loop:\nadd64 r0, 1\nxor64 r1, r0\nlsh64 r1, 3\nrsh64 r1, 1\nsub64 r2, 1\nja loop',
  },
  {
    name: 'a translated loop walks down the stack into the gap below frame 0',
    source: 'mov64 r1, r10\nloop:\nadd64 r0, 1\nadd64 r1, -8\nstxdw [r1+0], r0\nja loop',
  },
  {
    name: 'a translated loop of sol_sha256 logs the meter every pass',
    source: sha256LoopSource(40, { logComputeUnits: true }),
  },
  {
    name: 'fib(15) by internal calls',
    source:
      'entrypoint:\nmov64 r1, 15\ncall fib\nmov64 r0, 0\nexit\nfib:\njgt r1, 1, rec\nmov64 r0, r1\nexit\nrec:\nmov64 r6, r1\nsub64 r1, 1\ncall fib\nmov64 r7, r0\nmov64 r1, r6\nsub64 r1, 2\ncall fib\nadd64 r0, r7\nexit',
  },
];

describe('own sBPF programs match litesvm (compute units and logs)', () => {
  for (const program of OWN_PROGRAMS) {
    it(program.name, async () => {
      const code = writeElf(assemble(program.source));
      const signer = await generateKeyPairSigner();
      const svm = new LiteSVM();
      svm.airdrop(signer.address, lamports(10_000_000_000n));
      const programId = address(PROGRAM_ID);
      svm.addProgram(programId, code);
      const reference = await sendInstruction(svm, signer, programId, [], new Uint8Array(0));
      const clock = svm.getClock();

      const runtime = new SvmRuntime();
      const state = new JournaledState();
      const payerKey = Uint8Array.from(getAddressEncoder().encode(signer.address));
      expect(
        runtime.deploy(state, { sender: payerKey, code, address: fromBase58(PROGRAM_ID), gasLimit: 0n })
          .status,
      ).toBe('success');
      writeAccount(state, payerKey, walletAccount(10_000_000_000n));
      const receipt = runtime.execute(
        state,
        {
          sender: payerKey,
          to: fromBase58(PROGRAM_ID),
          input: new Uint8Array(0),
          value: 0n,
          gasLimit: 200_000n,
          nonce: 0n,
          payload: { accounts: [] },
        },
        { block: { height: clock.slot, timestamp: clock.unixTimestamp, chainId: 1n } },
      );
      expect(receipt.status === 'success').toBe(reference.success);
      expect(receipt.gasUsed).toBe(reference.computeUnits);
      expect(normalizeLogs(receipt.logs)).toEqual(normalizeLogs(reference.logs));
      expect(sum(Object.values(receipt.gasBreakdown))).toBe(receipt.gasUsed);
    });
  }
});
