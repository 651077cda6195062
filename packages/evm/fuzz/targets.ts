import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addressFromNumber, JournaledState } from '@polyvm/core';
import { assemble } from '../src/asm/assembler.js';
import { disassemble, formatDisassembly } from '../src/asm/disassembler.js';
import { analyzeCode } from '../src/decode/analysis.js';
import { addressWord, World } from '../src/host/world.js';
import { precompileAt } from '../src/precompiles/index.js';
import { EvmRuntime } from '../src/runtime.js';
import { runFile } from '../src/statetest/runner.js';
import type { FuzzTarget } from './harness.js';
import { ASM_SEEDS, CODE_SEEDS, PRECOMPILE_SEEDS, RUNTIME_SEEDS, STATE_TEST_SEEDS } from './seeds.js';

/** Gas limits a runtime input picks from (low 3 bits of its first byte); above 30M the block refuses. */
const GAS_LIMITS = [
  21_000n,
  53_000n,
  100_000n,
  1_000_000n,
  30_000_000n,
  1n << 60n,
  (1n << 64n) - 1n,
  5_000_000n,
];
const MAX_PRECOMPILE_GAS = 1_000_000;
const SENDER = addressFromNumber(0xa11ce, 20);
const CONTRACT = 0xc0de_0000n;
/** Unrelated storage the hostile create+selfdestruct seed runs against (issue 11: 2·10^4 slots). */
const UNRELATED_SLOTS = 20_000;

/** Deploys or calls fuzzed bytecode with fuzzed calldata and gas; a non-success receipt is a typed rejection. */
function runtimeTarget(): FuzzTarget {
  const runtime = new EvmRuntime({ fork: 'Prague' });
  const state = new JournaledState();
  const world = new World(state);
  world.putAccount(addressWord(SENDER), { nonce: 0n, balance: 1n << 200n, codeHash: world.codeHash(0n) });
  for (let i = 0; i < UNRELATED_SLOTS; i++) world.setStorage(0xdeadn, BigInt(i), BigInt(i + 1));
  return {
    name: 'runtime',
    seeds: RUNTIME_SEEDS,
    // A full 30M-gas block of self-CALLs (~270k frames) takes ~2.2 s here: bounded by gas, so the
    // bound is 6 Mgas/s at the block gas limit rather than the default 2 s.
    hangMs: 5_000,
    run(input) {
      const mode = input[0] ?? 0;
      const dataLength = Math.min(input[1] ?? 0, Math.max(0, input.length - 2));
      const calldata = input.subarray(2, 2 + dataLength);
      const code = input.subarray(2 + dataLength);
      const gasLimit = GAS_LIMITS[mode & 7]!;
      // Every input runs against the same base state: undo whatever it did afterwards.
      state.checkpoint();
      try {
        if (!(mode & 0x80)) world.setCode(CONTRACT, code);
        const receipt =
          mode & 0x80
            ? runtime.deploy(state, { sender: SENDER, code, input: calldata, gasLimit })
            : runtime.execute(state, {
                sender: SENDER,
                to: addressFromNumber(Number(CONTRACT), 20),
                input: calldata,
                value: BigInt(mode & 0x78),
                gasLimit,
                nonce: 0n,
              });
        return receipt.status === 'success' ? 'accepted' : 'rejected';
      } finally {
        state.revert();
      }
    },
  };
}

/** Every precompile (Prague's 0x01..0x11) on fuzzed input and gas; checks it never charges above its gas. */
function precompileTarget(): FuzzTarget {
  return {
    name: 'precompiles',
    seeds: PRECOMPILE_SEEDS,
    run(input) {
      const precompile = precompileAt(BigInt(1 + (((input[0] ?? 1) + 16) % 17)), 'Prague')!;
      // Capped at 1M gas: BLAKE2F charges 1 gas per round and this implementation runs ~2.7M rounds/s,
      // so an uncapped 2^32 − 1 would be a correctly paid-for but hour-long input (see README gaps).
      const gas =
        input.length >= 5
          ? new DataView(input.buffer, input.byteOffset).getUint32(1) % (MAX_PRECOMPILE_GAS + 1)
          : 0;
      const result = precompile(input.subarray(5), gas);
      if (!(result.gas >= 0 && result.gas <= gas))
        throw new Error(`charged ${result.gas} gas of ${gas} given`);
      return 'accepted';
    },
  };
}

/** Jump analysis and the disassembler on raw bytecode; the assembler re-reads the disassembly. */
function codeTarget(): FuzzTarget {
  return {
    name: 'analysis',
    seeds: CODE_SEEDS,
    run(input) {
      analyzeCode(input);
      disassemble(input);
      assemble(formatDisassembly(input));
      return 'accepted';
    },
  };
}

function asmTarget(): FuzzTarget {
  const decoder = new TextDecoder();
  return {
    name: 'assembler',
    seeds: ASM_SEEDS,
    run(input) {
      const code = assemble(decoder.decode(input));
      disassemble(code);
      return 'accepted';
    },
  };
}

/** Mainnet's block gas limit, 30M (EIP-1559 era), as the bound on what one fuzzed state test may burn. */
const STATE_TEST_MAX_GAS = 30_000_000n;

/**
 * Whether any gas limit in a (mutated) state test exceeds the bound. Such a case is slow because it is
 * paid for (loopMul burns 2^63 gas by design); `polyvm evm statetest --time-limit` bounds it, and the
 * fuzzer skips it so a run measures robustness rather than how long an allowed loop takes.
 */
function exceedsGasBound(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(exceedsGasBound);
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, v]) => {
    if (/gaslimit/i.test(key)) {
      const limits = Array.isArray(v) ? v : [v];
      return limits.some((limit) => {
        try {
          return typeof limit === 'string' && BigInt(limit.replace(/^0x:bigint /, '')) > STATE_TEST_MAX_GAS;
        } catch {
          return false;
        }
      });
    }
    return exceedsGasBound(v);
  });
}

/** The state-test runner on mutated JSON: it must report every bad file or case, never throw. */
function stateTestTarget(): FuzzTarget {
  const path = join(mkdtempSync(join(tmpdir(), 'evm-fuzz-')), 'case.json');
  const decoder = new TextDecoder();
  return {
    name: 'statetest',
    seeds: STATE_TEST_SEEDS,
    run(input) {
      try {
        if (exceedsGasBound(JSON.parse(decoder.decode(input)))) return 'rejected';
      } catch {
        // Not JSON: the runner must reject it itself, which is what is being fuzzed.
      }
      writeFileSync(path, input);
      const results = runFile(path, 'Cancun');
      return results.some((r) => r.message?.startsWith('cannot read')) ? 'rejected' : 'accepted';
    },
  };
}

export const TARGETS: Record<string, () => FuzzTarget> = {
  runtime: runtimeTarget,
  precompiles: precompileTarget,
  analysis: codeTarget,
  assembler: asmTarget,
  statetest: stateTestTarget,
};
