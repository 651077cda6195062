import { ed25519, ristretto255 } from '@noble/curves/ed25519.js';
import { JournaledState } from '@polyvm/core';
import {
  AccountRole,
  type Address,
  address,
  generateKeyPairSigner,
  getAddressEncoder,
  type KeyPairSigner,
  lamports,
} from '@solana/kit';
import { LiteSVM } from 'litesvm';
import { beforeAll, describe, expect, it } from 'vitest';
import { assemble } from '../asm/assembler.js';
import { writeElf } from '../elf/writer.js';
import { readAccount, walletAccount, writeAccount } from '../host/account.js';
import { fromBase58 } from '../host/pubkey.js';
import { SvmRuntime } from '../runtime.js';
import {
  type LiteInstruction,
  normalizeLogs,
  receiptErrorLabel,
  sendInstructions,
} from './litesvm-harness.js';

/**
 * Whole transactions, several instructions each, through litesvm (native agave) and this runtime:
 * ComputeBudget instructions (limits, heap, priority fee), the fee a failed transaction still pays,
 * `sol_curve_group_op` and `sol_get_processed_sibling_instruction`. Outcome, compute units, logs,
 * the error (`InstructionError(i, …)`) and the lamports the payer lost must all agree.
 */
const CB = address('ComputeBudget111111111111111111111111111111');
const NOOP = address('Prog111111111111111111111111111111111111111');
const ABORT = address('Fai2111111111111111111111111111111111111111');
const CURVE = address('Curve11111111111111111111111111111111111111');
const SIBLING = address('Sib1ing111111111111111111111111111111111111');
const OTHER = address('Xtra111111111111111111111111111111111111111');

const le = (value: bigint, bytes: number): number[] =>
  Array.from({ length: bytes }, (_, i) => Number((value >> BigInt(8 * i)) & 0xffn));
const cb = (tag: number, value: bigint, bytes: number): LiteInstruction => ({
  programAddress: CB,
  accounts: [],
  data: Uint8Array.from([tag, ...le(value, bytes)]),
});
const call = (programAddress: Address, data: number[] = [], accounts: LiteInstruction['accounts'] = []) => ({
  programAddress,
  accounts,
  data: Uint8Array.from(data),
});

/** Runs `sol_curve_group_op(data[0..8], data[8..16], &data[16..48], &data[48..80], out)`; logs r0, returns out. */
const CURVE_SOURCE = `
  mov64 r6, r1
  ldxdw r1, [r6+16]
  ldxdw r2, [r6+24]
  mov64 r3, r6
  add64 r3, 32
  mov64 r4, r6
  add64 r4, 64
  mov64 r5, r10
  add64 r5, -32
  syscall sol_curve_group_op
  mov64 r1, r0
  mov64 r2, 0
  mov64 r3, 0
  mov64 r4, 0
  mov64 r5, 0
  syscall sol_log_64_
  mov64 r1, r10
  add64 r1, -32
  mov64 r2, 32
  syscall sol_set_return_data
  mov64 r0, 0
  exit`;

const sibling = (index: number) => `
  mov64 r1, ${index}
  mov64 r2, r10
  add64 r2, -16
  mov64 r3, r10
  add64 r3, -48
  mov64 r4, r10
  add64 r4, -64
  mov64 r5, r10
  add64 r5, -200
  syscall sol_get_processed_sibling_instruction
  mov64 r1, r0
  ldxdw r2, [r10-16]
  ldxdw r3, [r10-8]
  mov64 r4, 0
  mov64 r5, 0
  syscall sol_log_64_`;

/**
 * Asks for sibling 0 with zero lengths (gets the lengths), again with them (gets program id, data
 * and account metas, logged with `sol_log_data`), then for sibling 1.
 */
const SIBLING_SOURCE = `
  stdw [r10-16], 0
  stdw [r10-8], 0
  ${sibling(0)}
  ${sibling(0)}
  mov64 r2, r10
  add64 r2, -48
  stxdw [r10-256], r2
  stdw [r10-248], 32
  mov64 r2, r10
  add64 r2, -64
  stxdw [r10-240], r2
  ldxdw r2, [r10-16]
  stxdw [r10-232], r2
  mov64 r2, r10
  add64 r2, -200
  stxdw [r10-224], r2
  ldxdw r2, [r10-8]
  mul64 r2, 34
  stxdw [r10-216], r2
  mov64 r1, r10
  add64 r1, -256
  mov64 r2, 3
  syscall sol_log_data
  stdw [r10-16], 0
  stdw [r10-8], 0
  ${sibling(1)}
  mov64 r0, 0
  exit`;

const PROGRAMS: Array<[Address, Uint8Array]> = [
  [NOOP, writeElf(assemble('mov64 r0, 0\nexit'))],
  [ABORT, writeElf(assemble('mov64 r0, 0\nsyscall abort\nexit'))],
  [CURVE, writeElf(assemble(CURVE_SOURCE))],
  [SIBLING, writeElf(assemble(SIBLING_SOURCE))],
];

const FUNDS = 10_000_000_000n;

interface Outcome {
  success: boolean;
  computeUnits: number;
  logs: string[];
  error: string | undefined;
  feePaid: bigint;
}

async function reference(
  payer: KeyPairSigner,
  instructions: LiteInstruction[],
): Promise<Outcome & { slot: bigint }> {
  const svm = new LiteSVM();
  svm.airdrop(payer.address, lamports(FUNDS));
  for (const [id, code] of PROGRAMS) svm.addProgram(id, code);
  const outcome = await sendInstructions(svm, payer, instructions);
  return {
    success: outcome.success,
    computeUnits: outcome.computeUnits,
    logs: normalizeLogs(outcome.logs),
    error: outcome.error,
    feePaid: FUNDS - (svm.getBalance(payer.address) ?? 0n),
    slot: svm.getClock().slot,
  };
}

function ours(payer: Uint8Array, instructions: LiteInstruction[], slot: bigint): Outcome {
  const runtime = new SvmRuntime();
  const state = new JournaledState();
  for (const [id, code] of PROGRAMS) {
    expect(runtime.deploy(state, { sender: payer, code, address: fromBase58(id), gasLimit: 0n }).status).toBe(
      'success',
    );
  }
  writeAccount(state, payer, walletAccount(FUNDS));
  const receipt = runtime.execute(
    state,
    {
      sender: payer,
      input: new Uint8Array(0),
      value: 0n,
      gasLimit: 1_400_000n,
      nonce: 0n,
      payload: {
        instructions: instructions.map((ix) => ({
          programId: fromBase58(ix.programAddress),
          data: ix.data,
          accounts: ix.accounts.map((m) => ({
            pubkey: fromBase58(m.address),
            isSigner: m.role === AccountRole.READONLY_SIGNER || m.role === AccountRole.WRITABLE_SIGNER,
            isWritable: m.role === AccountRole.WRITABLE || m.role === AccountRole.WRITABLE_SIGNER,
          })),
        })),
      },
    },
    { block: { height: slot, timestamp: 0n, chainId: 1n } },
  );
  return {
    success: receipt.status === 'success',
    computeUnits: receipt.gasUsed,
    logs: normalizeLogs(receipt.logs),
    error: receiptErrorLabel(receipt.error),
    feePaid: FUNDS - (readAccount(state, payer)?.lamports ?? 0n),
  };
}

const point = (p: { toBytes(): Uint8Array }) => [...p.toBytes()];
const G = ed25519.Point.BASE;
const R = ristretto255.Point.BASE;
const ELL = ed25519.Point.Fn.ORDER;
/** (0, -1), a point of order 2: y = p − 1. */
const ORDER_TWO = [0xec, ...new Array<number>(30).fill(0xff), 0x7f];
/** y = p + 1 ≡ 1: a non-canonical encoding of the identity that dalek accepts. */
const NON_CANONICAL_IDENTITY = [0xee, ...new Array<number>(30).fill(0xff), 0x7f];
/** y = 2 is not on the curve. */
const NOT_ON_CURVE = [2, ...new Array<number>(31).fill(0)];
const curveOp = (curve: bigint, op: bigint, left: number[], right: number[]) =>
  call(CURVE, [...le(curve, 8), ...le(op, 8), ...left, ...right]);
const scalar = (n: bigint) => le(n, 32);

describe('transactions match litesvm (compute budget, fees, curve25519, sibling instructions)', () => {
  let payer: KeyPairSigner;
  let payerKey: Uint8Array;
  beforeAll(async () => {
    payer = await generateKeyPairSigner();
    payerKey = Uint8Array.from(getAddressEncoder().encode(payer.address));
  });

  const cases: Array<[string, () => LiteInstruction[]]> = [
    [
      'SetComputeUnitPrice: default limit 200k + 3k per builtin, priority fee rounded up',
      () => [cb(3, 1000n, 8), call(NOOP)],
    ],
    ['SetComputeUnitLimit', () => [cb(2, 1000n, 4), call(NOOP)]],
    [
      'limit and price: fee ceil(5000 × 3 / 10^6) = 1 lamport',
      () => [cb(2, 5000n, 4), cb(3, 3n, 8), call(NOOP)],
    ],
    ['a limit above 1.4M is capped', () => [cb(2, 2_000_000n, 4), call(NOOP)]],
    [
      'duplicate SetComputeUnitLimit is DuplicateInstruction, no fee',
      () => [cb(2, 5000n, 4), cb(2, 6000n, 4), call(NOOP)],
    ],
    ['RequestHeapFrame 64 KiB costs 8 CU per extra page', () => [cb(1, 65536n, 4), call(NOOP)]],
    ['RequestHeapFrame 256 KiB', () => [cb(1, 262144n, 4), call(NOOP)]],
    ['RequestHeapFrame not a multiple of 1 KiB is invalid', () => [cb(1, 33_000n, 4), call(NOOP)]],
    ['unknown ComputeBudget tag', () => [call(CB, [9]), call(NOOP)]],
    ['short ComputeBudget data', () => [call(CB, [2, 1]), call(NOOP)]],
    ['removed RequestUnits (tag 0)', () => [call(CB, [0, 1, 0, 0, 0, 1, 0, 0, 0]), call(NOOP)]],
    ['a zero loaded-accounts limit is refused', () => [cb(4, 0n, 4), call(NOOP)]],
    ['only a ComputeBudget instruction', () => [cb(2, 5000n, 4)]],
    ['eight instructions: default limit capped at 1.4M', () => new Array(8).fill(0).map(() => call(NOOP))],
    [
      'a failed transaction pays 5,000 + priority fee and names instruction 2',
      () => [cb(3, 1_000_000n, 8), cb(2, 300_000n, 4), call(ABORT)],
    ],
    ['edwards add G + G', () => [curveOp(0n, 0n, point(G), point(G))]],
    ['edwards sub G − 2G', () => [curveOp(0n, 1n, point(G), point(G.double()))]],
    ['edwards mul 5·G', () => [curveOp(0n, 2n, scalar(5n), point(G))]],
    ['edwards mul 0·G', () => [curveOp(0n, 2n, scalar(0n), point(G))]],
    ['edwards mul by a non-canonical scalar (ℓ) returns 1', () => [curveOp(0n, 2n, scalar(ELL), point(G))]],
    ['edwards add of a point not on the curve returns 1', () => [curveOp(0n, 0n, NOT_ON_CURVE, point(G))]],
    ['edwards add of a small-order point', () => [curveOp(0n, 0n, ORDER_TWO, point(G))]],
    ['edwards mul of a small-order point', () => [curveOp(0n, 2n, scalar(3n), ORDER_TWO)]],
    ['edwards non-canonical identity encoding', () => [curveOp(0n, 0n, NON_CANONICAL_IDENTITY, point(G))]],
    ['ristretto add', () => [curveOp(1n, 0n, point(R), point(R.double()))]],
    ['ristretto sub', () => [curveOp(1n, 1n, point(R), point(R.double()))]],
    ['ristretto mul', () => [curveOp(1n, 2n, scalar(7n), point(R))]],
    ['ristretto rejects a non-canonical encoding', () => [curveOp(1n, 0n, ORDER_TWO, point(R))]],
    ['unknown curve is a syscall error', () => [curveOp(2n, 0n, point(G), point(G))]],
    ['unknown group operation is a syscall error', () => [curveOp(0n, 3n, point(G), point(G))]],
    ['no earlier sibling', () => [call(SIBLING)]],
    [
      'sibling 0 is the previous top-level instruction, with its data and account metas',
      () => [
        call(
          NOOP,
          [1, 2, 3],
          [
            { address: OTHER, role: AccountRole.WRITABLE },
            { address: NOOP, role: AccountRole.READONLY },
          ],
        ),
        call(SIBLING),
      ],
    ],
    [
      'ComputeBudget instructions are siblings too',
      () => [call(NOOP, [9]), cb(2, 100_000n, 4), call(SIBLING)],
    ],
  ];

  let matched = 0;
  for (const [name, build] of cases) {
    it(name, async () => {
      const instructions = build();
      const expected = await reference(payer, instructions);
      const { slot, ...want } = expected;
      expect(ours(payerKey, instructions, slot)).toEqual(want);
      matched++;
    });
  }

  it('reports how many transactions matched', () => {
    console.log(`litesvm transactions: ${matched}/${cases.length} identical (CU, logs, error, fee)`);
    expect(matched).toBe(cases.length);
  });
});
