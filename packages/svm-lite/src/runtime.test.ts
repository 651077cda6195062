import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '@noble/hashes/sha2.js';
import { addressFromNumber, concatBytes, fixturesOrWarn, JournaledState } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { assemble } from './asm/assembler.js';
import { loadElf } from './elf/loader.js';
import { writeElf } from './elf/writer.js';
import { readAccount, walletAccount, writeAccount } from './host/account.js';
import { createProgramAddress, findProgramAddress, SYSTEM_PROGRAM_ID, toBase58 } from './host/pubkey.js';
import { SystemInstruction } from './host/system-program.js';
import { runtimeFactory, SvmRuntime } from './runtime.js';
import { verifyProgram } from './verify/verifier.js';

const PAYER = addressFromNumber(0xfee, 32);
const OTHER = addressFromNumber(0x0e, 32);
const PROGRAM = addressFromNumber(0x9a, 32);

function fresh(source?: string): { runtime: SvmRuntime; state: JournaledState } {
  const runtime = new SvmRuntime();
  const state = new JournaledState();
  writeAccount(state, PAYER, walletAccount(10_000_000n));
  if (source) {
    const receipt = runtime.deploy(state, {
      sender: PAYER,
      code: writeElf(assemble(source)),
      address: PROGRAM,
      gasLimit: 0n,
    });
    expect(receipt.status).toBe('success');
  }
  return { runtime, state };
}

const tx = (input: Uint8Array = new Uint8Array(0), gasLimit = 200_000n) => ({
  sender: PAYER,
  to: PROGRAM,
  input,
  value: 0n,
  gasLimit,
  nonce: 0n,
  payload: { accounts: [] },
});

function transfer(lamports: bigint) {
  const data = new Uint8Array(12);
  new DataView(data.buffer).setUint32(0, SystemInstruction.Transfer, true);
  new DataView(data.buffer).setBigUint64(4, lamports, true);
  return {
    sender: PAYER,
    input: new Uint8Array(0),
    value: 0n,
    gasLimit: 200_000n,
    nonce: 0n,
    payload: {
      instructions: [
        {
          programId: SYSTEM_PROGRAM_ID,
          accounts: [
            { pubkey: PAYER, isSigner: true, isWritable: true },
            { pubkey: OTHER, isSigner: false, isWritable: true },
          ],
          data,
        },
      ],
    },
  };
}

/** The state after a failed transaction is the state before it with only the payer's fee taken. */
function expectOnlyFeeCharged(
  state: JournaledState,
  receipt: { stateDiff: Array<{ key: Uint8Array }> },
  fee: bigint,
): void {
  const expected = new JournaledState();
  writeAccount(expected, PAYER, walletAccount(10_000_000n - fee));
  expect(state.stateRoot()).toEqual(expected.stateRoot());
  expect(receipt.stateDiff).toHaveLength(1);
}

describe('SvmRuntime', () => {
  it('is created by the factory with the core contract fields', () => {
    const runtime = runtimeFactory.create();
    expect(runtime.name).toBe('svm');
    expect(runtime.addressWidth).toBe(32);
    expect(runtime.gasSchedule.referenceOpCost).toBe(1);
  });

  it('system transfer: 150 compute units, fee of one signature, lamports conserved', () => {
    const { runtime, state } = fresh();
    const receipt = runtime.execute(state, transfer(1_000_000n));
    expect(receipt.status).toBe('success');
    expect(receipt.gasUsed).toBe(150);
    expect(readAccount(state, OTHER)?.lamports).toBe(1_000_000n);
    expect(readAccount(state, PAYER)?.lamports).toBe(10_000_000n - 1_000_000n - 5000n);
  });

  it('may not leave a new account below the rent-exempt minimum', () => {
    const { runtime, state } = fresh();
    const receipt = runtime.execute(state, transfer(1000n));
    expect(receipt.status).toBe('error');
    expect(receipt.error?.message).toBe('InsufficientFundsForRent { account_index: 1 }');
    expectOnlyFeeCharged(state, receipt, 5000n);
  });

  it('a failed transfer keeps nothing but the fee (5,000 lamports per signature)', () => {
    const { runtime, state } = fresh();
    const receipt = runtime.execute(state, transfer(100_000_000n));
    expect(receipt.status).toBe('revert');
    expect(receipt.error?.message).toMatch(/^InstructionError\(0, Custom\(1\)\)/);
    expectOnlyFeeCharged(state, receipt, 5000n);
  });

  it('call() of a failing transaction reports the fee in its diff but leaves state untouched', () => {
    const { runtime, state } = fresh();
    const root = state.stateRoot();
    const receipt = runtime.call(state, transfer(100_000_000n));
    expect(receipt.status).toBe('revert');
    expect(receipt.stateDiff).toHaveLength(1);
    expect(state.stateRoot()).toEqual(root);
  });

  it('rejects malformed transactions as invalid without touching state', () => {
    const { runtime, state } = fresh();
    const root = state.stateRoot();
    expect(runtime.execute(state, { ...tx(), sender: new Uint8Array(3) }).status).toBe('invalid');
    expect(runtime.execute(state, { ...tx(), to: undefined }).status).toBe('invalid');
    expect(runtime.execute(state, { ...tx(), value: 1n }).status).toBe('invalid');
    expect(state.stateRoot()).toEqual(root);
  });

  it('maps the entrypoint return value to agave program errors', () => {
    const { runtime, state } = fresh('mov64 r0, 0x2a\nexit');
    const custom = runtime.execute(state, tx());
    expect(custom.status).toBe('revert');
    expect(custom.error?.message).toBe('InstructionError(0, Custom(42))');
    expect(custom.logs.at(-1)).toMatch(/ failed: custom program error: 0x2a$/);
    const builtin = fresh('lddw r0, 0x300000000\nexit');
    const receipt = builtin.runtime.execute(builtin.state, tx());
    expect(receipt.error?.message).toBe('InstructionError(0, InvalidInstructionData)');
    expect(receipt.logs.at(-1)).toMatch(/ failed: invalid instruction data$/);
    const invalidError = fresh('lddw r0, 0x100000001\nexit');
    expect(invalidError.runtime.execute(invalidError.state, tx()).error?.message).toBe(
      'InstructionError(0, InvalidError)',
    );
  });

  it('runs out of compute units as out-of-gas, consuming the whole limit', () => {
    const { runtime, state } = fresh('loop:\nja loop');
    const receipt = runtime.execute(state, tx(undefined, 5000n));
    expect(receipt.status).toBe('out-of-gas');
    expect(receipt.gasUsed).toBe(5000);
    expect(receipt.gasBreakdown.compute).toBe(5000);
    // One non-builtin instruction gets agave's default 200,000; the estimate simulates with the maximum.
    expect(runtime.execute(state, tx(undefined, 10_000_000n)).gasUsed).toBe(200_000);
    expect(runtime.estimate(state, tx())).toBe(1_400_000);
  });

  it('access violations are typed errors', () => {
    const { runtime, state } = fresh('mov64 r1, 0\nldxdw r0, [r1+0]\nexit');
    const receipt = runtime.execute(state, tx());
    expect(receipt.status).toBe('error');
    expect(receipt.error?.details.kind).toBe('AccessViolation');
    // A VM fault depletes the meter (agave deplete_cu_meter_on_vm_failure): 2 instructions, the rest burnt.
    expect(receipt.gasUsed).toBe(200_000);
    expect(receipt.gasBreakdown).toMatchObject({ compute: 2, other: 199_998 });
  });

  it('call() runs read-only; traces report every instruction', () => {
    const { runtime, state } = fresh('mov64 r0, 0\nexit');
    const root = state.stateRoot();
    const steps: string[] = [];
    const receipt = runtime.call(state, tx(), { tracer: (e) => steps.push(e.op) });
    expect(receipt.status).toBe('success');
    expect(steps).toEqual(['mov64 r0, 0x0', 'exit']);
    expect(state.stateRoot()).toEqual(root);
  });

  it('refuses to deploy a program with an unknown syscall or over an existing account', () => {
    const { runtime, state } = fresh('mov64 r0, 0\nexit');
    expect(
      runtime.deploy(state, { sender: PAYER, code: writeElf(assemble('syscall nope\nexit')), gasLimit: 0n })
        .status,
    ).toBe('invalid');
    expect(
      runtime.deploy(state, {
        sender: PAYER,
        code: writeElf(assemble('exit')),
        address: PROGRAM,
        gasLimit: 0n,
      }).status,
    ).toBe('invalid');
  });
});

describe('syscalls through the runtime (agave costs)', () => {
  it('sol_sha256 hashes slices and charges 85 + max(10, len/2) per slice', () => {
    const source = `
      entrypoint:
        mov64 r2, r10
        add64 r2, -128
        stxdw [r10-16], r2
        stdw [r10-8], 64
        mov64 r1, r10
        add64 r1, -16
        mov64 r2, 1
        mov64 r3, r10
        add64 r3, -160
        syscall sol_sha256
        mov64 r1, r10
        add64 r1, -160
        mov64 r2, 32
        syscall sol_set_return_data
        mov64 r0, 0
        exit`;
    const { runtime, state } = fresh(source);
    const receipt = runtime.execute(state, tx());
    expect(receipt.returnData).toEqual(sha256(new Uint8Array(64)));
    expect(receipt.gasUsed).toBe(16 + (85 + 32) + 100);
    expect(receipt.gasBreakdown).toEqual({
      compute: 16,
      memory: 0,
      storage: 0,
      call: 100,
      crypto: 117,
      other: 0,
    });
  });

  it('sol_log_ costs max(100, len); sol_log_64_ prints hex', () => {
    const { runtime, state } = fresh(
      'mov64 r1, 1\nmov64 r2, 255\nmov64 r3, 0\nmov64 r4, 0\nmov64 r5, 16\nsyscall sol_log_64_\nmov64 r0, 0\nexit',
    );
    const receipt = runtime.execute(state, tx());
    expect(receipt.logs).toContain('Program log: 0x1, 0xff, 0x0, 0x0, 0x10');
    expect(receipt.gasUsed).toBe(8 + 100);
  });

  it('sol_create_program_address matches the host derivation and costs 1500', () => {
    const seed = concatBytes(new TextEncoder().encode('seed'));
    const { bump } = findProgramAddress([seed], PROGRAM)!;
    const source = `
      entrypoint:
        mov64 r9, r1
        ${[...seed].map((b, i) => `stb [r10-${64 - i}], ${b}`).join('\n')}
        stb [r10-${64 - seed.length}], ${bump}
        mov64 r2, r10
        add64 r2, -64
        stxdw [r10-96], r2
        stdw [r10-88], ${seed.length}
        mov64 r2, r10
        add64 r2, -${64 - seed.length}
        stxdw [r10-80], r2
        stdw [r10-72], 1
        mov64 r1, r10
        add64 r1, -96
        mov64 r2, 2
        mov64 r3, r9
        add64 r3, 24
        mov64 r4, r10
        add64 r4, -32
        syscall sol_create_program_address
        mov64 r1, r10
        add64 r1, -32
        mov64 r2, 32
        syscall sol_set_return_data
        mov64 r0, 0
        exit`;
    const { runtime, state } = fresh(source);
    const receipt = runtime.execute(state, { ...tx(new Uint8Array(8)), payload: { accounts: [] } });
    // No accounts: u64 count, u64 data length, 8 data bytes, then the program id at r1+24.
    expect(toBase58(receipt.returnData)).toBe(
      toBase58(createProgramAddress([seed, Uint8Array.of(bump)], PROGRAM)!),
    );
    expect(receipt.status).toBe('success');
    expect(receipt.gasUsed).toBe(receipt.metrics.instructions + 1500 + 100);
  });
});

const programs = fixturesOrWarn('svm/programs', 'loading every real program with the runtime loader');

const programFiles = programs ? readdirSync(programs).filter((f) => f.endsWith('.so')) : [];

describe.skipIf(!programs)('real programs load with agave execution settings', () => {
  // Data-driven: every `.so` in the fixture folder must load under `reject_broken_elfs` (every
  // syscall it names resolved) and pass the verifier.
  it.each(programFiles)(
    `%s loads and verifies (v0, syscalls resolved; ${programFiles.length} programs)`,
    (file) => {
      const runtime = new SvmRuntime();
      const executable = loadElf(new Uint8Array(readFileSync(join(programs!, file))), {
        syscalls: runtime.syscalls,
        rejectBrokenElfs: true,
      });
      expect(executable.decoded.count).toBeGreaterThan(0);
      expect(() => verifyProgram(executable.text, executable.decoded)).not.toThrow();
    },
  );

  it('found fixture programs to check', () => {
    console.log(`real programs: ${programFiles.length} .so files checked for loading and verification`);
    expect(programFiles.length).toBeGreaterThan(0);
  });

  it('tracing a real program changes nothing but reports every instruction', () => {
    const runtime = new SvmRuntime();
    const state = new JournaledState();
    writeAccount(state, PAYER, walletAccount(10_000_000n));
    const code = new Uint8Array(readFileSync(join(programs!, 'spl_memo-4.0.0.so')));
    expect(runtime.deploy(state, { sender: PAYER, code, address: PROGRAM, gasLimit: 0n }).status).toBe(
      'success',
    );
    const memo = tx(new TextEncoder().encode('traced memo'));
    const plain = runtime.call(state, memo);
    const steps: string[] = [];
    const traced = runtime.call(state, memo, { tracer: (e) => steps.push(`${e.location}:${e.op}`) });
    expect(traced.gasUsed).toBe(plain.gasUsed);
    expect(traced.logs).toEqual(plain.logs);
    expect(steps).toHaveLength(plain.metrics.instructions);
    expect(steps[0]).toBe('entrypoint:mov64 r7, r1');
  });
});
