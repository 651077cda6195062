import { JournaledState } from '@polyvm/core';
import { address, generateKeyPairSigner, getAddressEncoder, lamports } from '@solana/kit';
import { LiteSVM } from 'litesvm';
import { describe, expect, it } from 'vitest';
import { assemble } from '../asm/assembler.js';
import { writeElf } from '../elf/writer.js';
import { walletAccount, writeAccount } from '../host/account.js';
import { fromBase58 } from '../host/pubkey.js';
import { SvmRuntime } from '../runtime.js';
import { sendInstruction } from './litesvm-harness.js';

/**
 * Differential fuzzing of the ALU against agave's interpreter: seeded random straight-line
 * programs of ALU32/ALU64 operations (immediate and register forms, shifts, byte swaps, divisions
 * with a forced non-zero divisor), each logging r0..r9 with `sol_log_64_` at the end. litesvm and
 * this runtime must print the same registers and charge the same compute units.
 */
const ALU_OPS = ['add', 'sub', 'mul', 'or', 'and', 'xor', 'mov', 'lsh', 'rsh', 'arsh', 'div', 'mod'] as const;
const JUMPS = ['jeq', 'jne', 'jgt', 'jge', 'jlt', 'jle', 'jsgt', 'jsge', 'jslt', 'jsle', 'jset'] as const;
const PROGRAMS = 40;
const LENGTH = 200;

function generator(seed: number): (n: number) => number {
  let x = seed >>> 0;
  return (n) => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    // Use the high bits: the low bits of a power-of-two LCG have short periods.
    return Math.floor((x / 0x1_0000_0000) * n);
  };
}

function randomProgram(seed: number): string {
  const next = generator(seed);
  const imm = (): string => {
    const pick = next(4);
    if (pick === 0) return String(next(64));
    if (pick === 1) return String(-1 - next(1 << 16));
    return String((next(1 << 16) << 16) | next(1 << 16) | 0);
  };
  const lines = ['entrypoint:'];
  for (let r = 0; r <= 9; r++)
    lines.push(
      `  lddw r${r}, 0x${(next(1 << 30) * 4 + next(4)).toString(16)}${next(1 << 16)
        .toString(16)
        .padStart(4, '0')}`,
    );
  for (let i = 0; i < LENGTH; i++) {
    const dst = next(10);
    const src = next(10);
    const kind = next(24);
    if (kind === 2) {
      // A conditional jump over one filler instruction, so every target is an instruction boundary.
      const jump = JUMPS[next(JUMPS.length)]!;
      lines.push(`  ${jump} r${dst}, ${next(2) ? `r${src}` : imm()}, +1`, `  xor64 r${src}, ${imm()}`);
      continue;
    }
    if (kind === 3) {
      const size = ['b', 'h', 'w', 'dw'][next(4)]!;
      const at = 8 + next(256);
      lines.push(next(2) ? `  stx${size} [r10-${at}], r${src}` : `  ldx${size} r${dst}, [r10-${at}]`);
      continue;
    }
    if (kind === 0) {
      lines.push(`  ${next(2) ? 'be' : 'le'}${[16, 32, 64][next(3)]} r${dst}`);
      continue;
    }
    if (kind === 1) {
      lines.push(`  neg${next(2) ? 32 : 64} r${dst}`);
      continue;
    }
    const op = ALU_OPS[next(ALU_OPS.length)]!;
    const width = next(2) ? 32 : 64;
    if (op === 'div' || op === 'mod') {
      if (next(2)) {
        lines.push(`  or64 r${src}, 1`, `  ${op}${width} r${dst}, r${src}`);
      } else {
        lines.push(`  ${op}${width} r${dst}, ${1 + next(1000)}`);
      }
      continue;
    }
    if (op === 'lsh' || op === 'rsh' || op === 'arsh') {
      lines.push(next(2) ? `  ${op}${width} r${dst}, ${next(width)}` : `  ${op}${width} r${dst}, r${src}`);
      continue;
    }
    lines.push(next(2) ? `  ${op}${width} r${dst}, ${imm()}` : `  ${op}${width} r${dst}, r${src}`);
  }
  // Log r0..r9: park them on the stack, then print five at a time.
  for (let r = 0; r <= 9; r++) lines.push(`  stxdw [r10-${8 * (r + 1)}], r${r}`);
  for (const first of [0, 5]) {
    for (let k = 0; k < 5; k++) lines.push(`  ldxdw r${k + 1}, [r10-${8 * (first + k + 1)}]`);
    lines.push('  syscall sol_log_64_');
  }
  lines.push('  mov64 r0, 0', '  exit');
  return lines.join('\n');
}

describe('ALU, jump and stack semantics match agave on random programs', () => {
  it(`${PROGRAMS} seeded programs of ${LENGTH} ALU instructions print identical registers`, async () => {
    const signer = await generateKeyPairSigner();
    const payerKey = Uint8Array.from(getAddressEncoder().encode(signer.address));
    const programKey = 'Fuzz111111111111111111111111111111111111111';
    let compared = 0;
    for (let seed = 1; seed <= PROGRAMS; seed++) {
      const code = writeElf(assemble(randomProgram(seed)));
      const svm = new LiteSVM();
      svm.airdrop(signer.address, lamports(1_000_000_000n));
      svm.addProgram(address(programKey), code);
      const reference = await sendInstruction(svm, signer, address(programKey), [], new Uint8Array(0));

      const runtime = new SvmRuntime();
      const state = new JournaledState();
      runtime.deploy(state, { sender: payerKey, code, address: fromBase58(programKey), gasLimit: 0n });
      writeAccount(state, payerKey, walletAccount(1_000_000_000n));
      const receipt = runtime.execute(state, {
        sender: payerKey,
        to: fromBase58(programKey),
        input: new Uint8Array(0),
        value: 0n,
        gasLimit: 200_000n,
        nonce: 0n,
        payload: { accounts: [] },
      });
      expect(reference.success).toBe(true);
      expect(receipt.logs).toEqual(reference.logs);
      expect(receipt.gasUsed).toBe(reference.computeUnits);
      compared++;
    }
    console.log(
      `ALU differential: ${compared} random programs, ${compared * LENGTH} random ALU/jump/memory operations, registers and CU identical`,
    );
  });
});
