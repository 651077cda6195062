import { addressFromNumber, JournaledState } from '@polyvm/core';
import { AccountRole, address, generateKeyPairSigner, getAddressEncoder, lamports } from '@solana/kit';
import { LiteSVM } from 'litesvm';
import { describe, expect, it } from 'vitest';
import { assemble } from '../asm/assembler.js';
import { normalizeLogs, sendInstruction } from '../conformance/litesvm-harness.js';
import { writeElf } from '../elf/writer.js';
import { readAccount, walletAccount, writeAccount } from '../host/account.js';
import { findProgramAddress, SYSTEM_PROGRAM_ID, toBase58 } from '../host/pubkey.js';
import { inputOffsets } from '../host/serialize.js';
import { type SvmAccountMeta, SvmRuntime } from '../runtime.js';

const PROGRAM = addressFromNumber(0x7000, 32);
const PAYER = addressFromNumber(0x7001, 32);
const DEST = addressFromNumber(0x7002, 32);
const SEED = new TextEncoder().encode('vault');
const PDA = findProgramAddress([SEED], PROGRAM)!;

/** r1 + `offset` stored as a u64 at [r10 + slot]. */
const pointer = (slot: number, offset: number, base = 'r1'): string =>
  `  mov64 r2, ${base}\n  add64 r2, ${offset}\n  stxdw [r10${slot}], r2`;

/** A SolAccountInfo at [r10+slot] for the serialized account `a`. */
function accountInfo(
  slot: number,
  a: ReturnType<typeof inputOffsets>['accounts'][number],
  signer: number,
  writable: number,
): string {
  return [
    pointer(slot, a.key),
    pointer(slot + 8, a.lamports),
    `  stdw [r10${slot + 16}], 0`,
    pointer(slot + 24, a.data),
    pointer(slot + 32, a.owner),
    `  stdw [r10${slot + 40}], 0`,
    `  stb [r10${slot + 48}], ${signer}`,
    `  stb [r10${slot + 49}], ${writable}`,
    `  stb [r10${slot + 50}], 0`,
  ].join('\n');
}

/** A SolAccountMeta at [r10+slot]. */
const accountMeta = (slot: number, keyOffset: number, writable: number, signer: number): string =>
  [pointer(slot, keyOffset), `  stb [r10${slot + 8}], ${writable}`, `  stb [r10${slot + 9}], ${signer}`].join(
    '\n',
  );

/**
 * A C-ABI program that invokes the system program with accounts [payer, target] and
 * `instruction` bytes built at [r10-300]: the same shape as `invoke_signed` in C programs.
 */
function cpiProgram(instruction: number[], targetSigner: number, seeds: boolean): string {
  // The system program's account holds its name, as the bank creates builtin accounts.
  const at = inputOffsets([0, 0, 'system_program'.length]);
  const [payer, target, system] = at.accounts;
  const data = instruction.map((b, i) => `  stb [r10${-300 + i}], ${b}`).join('\n');
  const ownerCopy = [0, 8, 16, 24]
    .map((i) => `  ldxdw r3, [r1+${at.instructionData + i}]\n  stxdw [r10${-300 + 20 + i}], r3`)
    .join('\n');
  const signerSeeds = seeds
    ? [
        ...[...SEED].map((b, i) => `  stb [r10${-344 + i}], ${b}`),
        `  stb [r10-336], ${PDA.bump}`,
        pointer(-384, -344, 'r10'),
        `  stdw [r10-376], ${SEED.length}`,
        pointer(-368, -336, 'r10'),
        '  stdw [r10-360], 1',
        '  mov64 r2, r10',
        '  add64 r2, -384',
        '  stxdw [r10-400], r2',
        '  stdw [r10-392], 2',
        '  mov64 r4, r10',
        '  add64 r4, -400',
        '  mov64 r5, 1',
      ].join('\n')
    : '  mov64 r4, 0\n  mov64 r5, 0';
  return `
entrypoint:
${data}
${instruction[0] === 0 ? ownerCopy : ''}
${accountMeta(-232, payer!.key, 1, 1)}
${accountMeta(-216, target!.key, 1, targetSigner)}
${pointer(-40, system!.key)}
  mov64 r2, r10
  add64 r2, -232
  stxdw [r10-32], r2
  stdw [r10-24], 2
  mov64 r2, r10
  add64 r2, -300
  stxdw [r10-16], r2
  stdw [r10-8], ${instruction.length}
${accountInfo(-200, payer!, 1, 1)}
${accountInfo(-144, target!, targetSigner, 1)}
${signerSeeds}
  mov64 r1, r10
  add64 r1, -40
  mov64 r2, r10
  add64 r2, -200
  mov64 r3, 2
  syscall sol_invoke_signed_c
  exit`;
}

const le = (value: bigint, bytes: number): number[] =>
  Array.from({ length: bytes }, (_, i) => Number((value >> BigInt(8 * i)) & 0xffn));

function setup(
  source: string,
  target: Uint8Array,
): { runtime: SvmRuntime; state: JournaledState; metas: SvmAccountMeta[] } {
  const runtime = new SvmRuntime();
  const state = new JournaledState();
  const deployed = runtime.deploy(state, {
    sender: PAYER,
    code: writeElf(assemble(source)),
    address: PROGRAM,
    gasLimit: 0n,
  });
  expect(deployed.status).toBe('success');
  writeAccount(state, PAYER, walletAccount(10_000_000n));
  const metas = [
    { pubkey: PAYER, isSigner: true, isWritable: true },
    { pubkey: target, isSigner: false, isWritable: true },
    { pubkey: SYSTEM_PROGRAM_ID, isSigner: false, isWritable: false },
  ];
  return { runtime, state, metas };
}

const run = (runtime: SvmRuntime, state: JournaledState, metas: SvmAccountMeta[]) =>
  runtime.execute(state, {
    sender: PAYER,
    to: PROGRAM,
    input: new Uint8Array(0),
    value: 0n,
    gasLimit: 200_000n,
    nonce: 0n,
    payload: { accounts: metas },
  });

describe('cross-program invocation (C ABI) into the system program', () => {
  const transfer = [...le(2n, 4), ...le(1_000_000n, 8)];

  it('a transfer signed by the caller moves lamports and charges invoke_units', () => {
    const { runtime, state, metas } = setup(cpiProgram(transfer, 0, false), DEST);
    const receipt = run(runtime, state, metas);
    expect(receipt.error?.message).toBeUndefined();
    expect(receipt.status).toBe('success');
    expect(readAccount(state, DEST)?.lamports).toBe(1_000_000n);
    expect(readAccount(state, PAYER)?.lamports).toBe(10_000_000n - 1_000_000n - 5000n);
    expect(receipt.logs).toContain('Program 11111111111111111111111111111111 invoke [2]');
    // 946 invoke + 150 system program + one unit per caller instruction.
    expect(receipt.gasUsed).toBe(946 + 150 + receipt.metrics.instructions);
  });

  it('claiming a signer the caller does not have is a privilege escalation', () => {
    const { runtime, state, metas } = setup(cpiProgram(transfer, 1, false), DEST);
    const payerBefore = readAccount(state, PAYER)!.lamports;
    const receipt = run(runtime, state, metas);
    expect(receipt.status).toBe('error');
    expect(receipt.error?.message).toBe(
      'InstructionError(0, PrivilegeEscalation): signer privilege escalated',
    );
    expect(receipt.logs.at(-1)).toMatch(
      / failed: Cross-program invocation with unauthorized signer or writable account$/,
    );
    // Only the fee survives the failure.
    expect(receipt.stateDiff).toHaveLength(1);
    expect(readAccount(state, PAYER)!.lamports).toBe(payerBefore - 5000n);
    expect(readAccount(state, DEST)).toBeUndefined();
  });

  it('invoke_signed creates an account at the program-derived address', () => {
    const create = [...le(0n, 4), ...le(5_000_000n, 8), ...le(16n, 8), ...new Array(32).fill(0)];
    const { runtime, state, metas } = setup(cpiProgram(create, 1, true), PDA.address);
    const receipt = run(runtime, state, metas);
    expect(receipt.error?.message).toBeUndefined();
    const created = readAccount(state, PDA.address)!;
    expect(created.owner).toEqual(PROGRAM);
    expect(created.data).toEqual(new Uint8Array(16));
    expect(created.lamports).toBe(5_000_000n);
  });

  it('wrong seeds cannot sign for the address', () => {
    const create = [...le(0n, 4), ...le(5_000_000n, 8), ...le(16n, 8), ...new Array(32).fill(0)];
    const { runtime, state, metas } = setup(cpiProgram(create, 1, true), DEST);
    const receipt = run(runtime, state, metas);
    expect(receipt.status).toBe('error');
    expect(readAccount(state, DEST)).toBeUndefined();
  });
});

/** The same C-ABI programs, run by litesvm (agave) and by this runtime: CU, logs and effects must agree. */
describe('C-ABI CPI matches litesvm', () => {
  const transferOf = (lamports: bigint) => [...le(2n, 4), ...le(lamports, 8)];
  const createAccount = [...le(0n, 4), ...le(5_000_000n, 8), ...le(16n, 8), ...new Array(32).fill(0)];
  const cases: Array<{ name: string; source: string; target: Uint8Array }> = [
    { name: 'rent-exempt transfer', source: cpiProgram(transferOf(1_000_000n), 0, false), target: DEST },
    {
      name: 'transfer leaving the target rent-paying',
      source: cpiProgram(transferOf(1234n), 0, false),
      target: DEST,
    },
    {
      name: 'create account at a PDA with signer seeds',
      source: cpiProgram(createAccount, 1, true),
      target: PDA.address,
    },
    {
      name: 'signer privilege escalation',
      source: cpiProgram(transferOf(1_000_000n), 1, false),
      target: DEST,
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const signer = await generateKeyPairSigner();
      const payerKey = Uint8Array.from(getAddressEncoder().encode(signer.address));
      const code = writeElf(assemble(c.source));
      const svm = new LiteSVM();
      svm.airdrop(signer.address, lamports(10_000_000n));
      const programAddress = address(toBase58(PROGRAM));
      svm.addProgram(programAddress, code);
      const reference = await sendInstruction(
        svm,
        signer,
        programAddress,
        [
          { address: signer.address, role: AccountRole.WRITABLE_SIGNER, signer },
          { address: address(toBase58(c.target)), role: AccountRole.WRITABLE },
          { address: address(toBase58(SYSTEM_PROGRAM_ID)), role: AccountRole.READONLY },
        ],
        new Uint8Array(0),
      );
      const targetAfter = svm.getAccount(address(toBase58(c.target)));

      const runtime = new SvmRuntime();
      const state = new JournaledState();
      runtime.deploy(state, { sender: payerKey, code, address: PROGRAM, gasLimit: 0n });
      writeAccount(state, payerKey, walletAccount(10_000_000n));
      const accounts = [
        { pubkey: payerKey, isSigner: true, isWritable: true },
        { pubkey: c.target, isSigner: false, isWritable: true },
        { pubkey: SYSTEM_PROGRAM_ID, isSigner: false, isWritable: false },
      ];
      const receipt = runtime.execute(state, {
        sender: payerKey,
        to: PROGRAM,
        input: new Uint8Array(0),
        value: 0n,
        gasLimit: 200_000n,
        nonce: 0n,
        payload: { accounts },
      });
      expect(receipt.status === 'success').toBe(reference.success);
      expect(receipt.gasUsed).toBe(reference.computeUnits);
      expect(normalizeLogs(receipt.logs)).toEqual(normalizeLogs(reference.logs));
      expect(readAccount(state, c.target)?.lamports ?? 0n).toBe(
        targetAfter.exists ? targetAfter.lamports : 0n,
      );
    });
  }
});
