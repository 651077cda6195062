import { assemble } from '../src/asm/assembler.js';

/**
 * Seed inputs, including the hostile cases of issue 11. Layouts are the targets' (see targets.ts):
 * a runtime input is [gas/mode byte][calldata length][calldata][code]; a precompile input is
 * [address][gas, 4 bytes big-endian][input].
 */
const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex.replace(/\s+/g, ''), 'hex'));
const word = (n: bigint) => n.toString(16).padStart(64, '0');

/** Runtime gas/mode byte: low 3 bits pick the gas limit (runtime target's GAS_LIMITS), bit 7 deploys. */
export const CALL = 0x00;
export const DEPLOY = 0x80;

export function runtimeInput(mode: number, code: Uint8Array, calldata = new Uint8Array(0)): Uint8Array {
  return Uint8Array.from([mode, calldata.length, ...calldata, ...code]);
}

/** 500 × CREATE of init code `PUSH0 SELFDESTRUCT` (issue 11: cost must not grow with unrelated state). */
const CREATE_SELFDESTRUCT_500 = assemble(`
  PUSH 0x5fff PUSH0 MSTORE PUSH 500
  loop: JUMPDEST PUSH 2 PUSH 30 PUSH0 CREATE POP PUSH 1 SWAP1 SUB DUP1 PUSH @loop JUMPI STOP`);
const INFINITE_LOOP = assemble('loop: JUMPDEST PUSH @loop JUMP');
/** CALLs itself with all gas until the 1024 depth limit. */
const RECURSE = assemble('PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 ADDRESS GAS CALL STOP');
const HUGE_MSTORE = assemble('PUSH 1 PUSH 0xffffffffffff MSTORE STOP');
const HUGE_RETURNDATACOPY = assemble(
  'PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 PUSH 4 GAS CALL PUSH 0xffffffffff PUSH0 PUSH0 RETURNDATACOPY STOP',
);
const STORE_AND_RETURN = assemble(
  'PUSH 7 PUSH0 SSTORE CALLDATASIZE PUSH0 PUSH0 CALLDATACOPY CALLDATASIZE PUSH0 RETURN',
);
const CREATE2_CALL = assemble(
  'PUSH 0x5fff PUSH0 MSTORE PUSH 1 PUSH 2 PUSH 30 PUSH0 CREATE2 PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 DUP6 GAS CALL STOP',
);

export const RUNTIME_SEEDS: Uint8Array[] = [
  runtimeInput(CALL | 4, CREATE_SELFDESTRUCT_500),
  runtimeInput(DEPLOY | 4, CREATE_SELFDESTRUCT_500),
  runtimeInput(CALL | 5, INFINITE_LOOP), // gas limit 2^60
  runtimeInput(CALL | 6, INFINITE_LOOP), // gas limit 2^64 − 1
  runtimeInput(CALL | 3, INFINITE_LOOP),
  runtimeInput(CALL | 4, RECURSE),
  // Two self-CALLs per frame with all gas: ~270k frames in a 30M-gas block (found by pnpm fuzz, 2.2 s).
  runtimeInput(CALL | 3, bytes('5f5f5f5f5f305af15f5f5f5f5f305af100')),
  runtimeInput(CALL | 3, HUGE_MSTORE),
  runtimeInput(CALL | 3, HUGE_RETURNDATACOPY),
  runtimeInput(CALL | 2, STORE_AND_RETURN, bytes('a9059cbb')),
  runtimeInput(DEPLOY | 3, CREATE2_CALL),
  runtimeInput(DEPLOY | 1, bytes('6001600055')),
  runtimeInput(CALL | 0, new Uint8Array(0)),
];

export function precompileInput(address: number, gas: number, input: Uint8Array): Uint8Array {
  const out = new Uint8Array(5 + input.length);
  out[0] = address;
  new DataView(out.buffer).setUint32(1, gas);
  out.set(input, 5);
  return out;
}

/** EIP-152 input: rounds (4 bytes) ‖ h (64) ‖ m (128) ‖ t (16) ‖ final flag (1). */
const blake2fInput = (rounds: string) => bytes(`${rounds}${'00'.repeat(208)}01`);

export const PRECOMPILE_SEEDS: Uint8Array[] = [
  // bn254 point with x ≠ 0, y = 0 (not on the curve, issue 11).
  precompileInput(6, 150, bytes(word(1n) + word(0n) + word(0n) + word(0n))),
  precompileInput(7, 6000, bytes(word(1n) + word(0n) + word(2n))),
  precompileInput(7, 6000, bytes(word(1n) + word(2n) + 'ff'.repeat(32))),
  precompileInput(8, 200_000, bytes(word(1n) + word(0n) + '00'.repeat(128))),
  precompileInput(8, 45_000, new Uint8Array(0)),
  // BLAKE2F with 2^32 − 1 rounds and little gas.
  precompileInput(9, 1000, blake2fInput('ffffffff')),
  precompileInput(9, 1000, blake2fInput('0000000c')),
  // modexp with 2^32-byte declared lengths, and an overlong exponent length.
  precompileInput(5, 100_000, bytes(word(1n << 32n) + word(1n << 32n) + word(1n << 32n))),
  precompileInput(5, 100_000, bytes(`${word(1n) + word((1n << 256n) - 1n) + word(1n)}0203`)),
  precompileInput(5, 100_000, bytes(`${word(1n) + word(1n) + word(1n)}030205`)),
  precompileInput(10, 50_000, new Uint8Array(192)),
  precompileInput(1, 3000, bytes(word(1n) + word(27n) + word(1n) + word(1n))),
  precompileInput(2, 100, bytes('61')),
  precompileInput(3, 1000, bytes('61')),
  precompileInput(4, 100, bytes('61')),
  precompileInput(11, 1000, new Uint8Array(256)),
  precompileInput(12, 100_000, new Uint8Array(160)),
  precompileInput(15, 200_000, new Uint8Array(384)),
  precompileInput(16, 10_000, new Uint8Array(64)),
  precompileInput(17, 30_000, new Uint8Array(128)),
];

export const CODE_SEEDS: Uint8Array[] = [
  CREATE_SELFDESTRUCT_500,
  RECURSE,
  HUGE_RETURNDATACOPY,
  bytes('7f'), // truncated PUSH32
  bytes('605b56'),
  bytes('5b5b5b00fe'),
  bytes('ef0100'),
];

export const ASM_SEEDS: Uint8Array[] = [
  'PUSH 0x5fff PUSH0 MSTORE loop: JUMPDEST PUSH @loop JUMP',
  'PUSH32 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff .bytes 0x5f',
  'a: b: PUSH @a PUSH @b ADD',
].map((s) => new TextEncoder().encode(s));

/** A small hand-made state test (not from ethereum/tests; its expected hashes are placeholders). */
const STATE_TEST = {
  t: {
    env: {
      currentCoinbase: '0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba',
      currentGasLimit: '0x05f5e100',
      currentNumber: '0x01',
      currentTimestamp: '0x03e8',
      currentBaseFee: '0x0a',
      currentRandom: `0x${'00'.repeat(32)}`,
      currentExcessBlobGas: '0x00',
    },
    pre: {
      '0x0000000000000000000000000000000000001000': {
        balance: '0x00',
        code: '0x600160005500',
        nonce: '0x01',
        storage: { '0x00': '0x02' },
      },
      '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b': {
        balance: '0x3635c9adc5dea00000',
        code: '0x',
        nonce: '0x00',
        storage: {},
      },
    },
    transaction: {
      data: ['0x', '0xff'],
      gasLimit: ['0x0186a0', '0xffffffffffffffff'],
      value: ['0x00'],
      nonce: '0x00',
      to: '0x0000000000000000000000000000000000001000',
      secretKey: '0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8',
      gasPrice: '0x0a',
    },
    post: {
      Cancun: [
        {
          indexes: { data: 0, gas: 0, value: 0 },
          hash: `0x${'00'.repeat(32)}`,
          logs: `0x${'00'.repeat(32)}`,
        },
        {
          indexes: { data: 1, gas: 1, value: 0 },
          hash: `0x${'00'.repeat(32)}`,
          logs: `0x${'00'.repeat(32)}`,
        },
      ],
    },
  },
};

export const STATE_TEST_SEEDS: Uint8Array[] = [new TextEncoder().encode(JSON.stringify(STATE_TEST, null, 1))];
