/**
 * State-size sweep (issue 18, "cost that does not grow with unrelated state"): the same counter
 * transaction, token transfer and create-then-SELFDESTRUCT transaction on states holding 0 to 10^5
 * storage slots of an unrelated contract, gas price 0 so EIP-161 deletes the empty coinbase after each
 * one. Reported as ratios against the empty state in the same run. Then the Ethereum state root after
 * one counter transaction and after writing one new slot into the unrelated contract's (large) storage
 * trie (the trie kept up to date from the journal's changes) against the root recomputed from scratch over the same state, and the heap the
 * trie of the largest state holds. Run with `pnpm bench:state-size`.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { addressFromNumber, JournaledState } from '@polyvm/core';
import { bench, do_not_optimize, group, run, summary } from 'mitata';
import { assemble, deployCode } from '../src/asm/assembler.js';
import { ethereumStateRoot, ethereumStateRootFromScratch } from '../src/commit/state-root.js';
import { addressWord, World } from '../src/host/world.js';
import { EvmRuntime } from '../src/runtime.js';

const SIZES = [0, 1_000, 10_000, 100_000];
const ALICE = addressFromNumber(0xa11ce, 20);
const UNRELATED = 0xbeefn;
const COUNTER = assemble('PUSH0 SLOAD PUSH 1 ADD PUSH0 SSTORE STOP');
const SELF_DESTRUCTING = assemble('PUSH 1 PUSH0 SSTORE PUSH0 SELFDESTRUCT');
const BOB = '0xb0b';
/** balance[caller] -= 1; balance[bob] += 1, balances at slot = address. */
const TOKEN = assemble(
  `PUSH 1 CALLER SLOAD SUB CALLER SSTORE PUSH 1 PUSH ${BOB} SLOAD ADD PUSH ${BOB} SSTORE STOP`,
);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Memory in use after a full collection: the JS heap plus typed-array buffers (kept off the heap). */
function heap(): number {
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/** Heap growth from the first root of the largest state: the trie's own memory. */
let trieBytes = 0;

function workloads(unrelated: number) {
  const state = new JournaledState();
  const world = new World(state);
  for (let slot = 1n; slot <= BigInt(unrelated); slot++) world.setStorage(UNRELATED, slot, slot);
  // An account, so its storage trie is part of the state root (storage of accountless addresses is not).
  world.setBalance(UNRELATED, 1n);
  const runtime = new EvmRuntime();
  const counter = runtime.deploy(state, { sender: ALICE, code: deployCode(COUNTER), gasLimit: 200_000n });
  const token = runtime.deploy(state, { sender: ALICE, code: deployCode(TOKEN), gasLimit: 200_000n });
  world.setStorage(addressWord(token.createdAddress!), addressWord(ALICE), 10n ** 30n);
  const nonce = () => world.accountOrEmpty(addressWord(ALICE)).nonce;
  const check = (status: string) => {
    if (status !== 'success') throw new Error(`bench transaction failed: ${status}`);
    return status;
  };
  const call = (to: Uint8Array) =>
    check(
      runtime.execute(state, {
        sender: ALICE,
        to,
        input: new Uint8Array(0),
        value: 0n,
        gasLimit: 100_000n,
        nonce: nonce(),
      }).status,
    );
  const before = heap();
  ethereumStateRoot(state);
  trieBytes = heap() - before;
  let fresh = 1n << 128n;
  return {
    counter: () => call(counter.createdAddress!),
    token: () => call(token.createdAddress!),
    root: () => ethereumStateRoot(state),
    newSlot: () => world.setStorage(UNRELATED, fresh++, 1n),
    scratchRoot: () => ethereumStateRootFromScratch(state),
    selfdestruct: () =>
      check(runtime.deploy(state, { sender: ALICE, code: SELF_DESTRUCTING, gasLimit: 200_000n }).status),
  };
}

const states = SIZES.map((size) => ({ size, ...workloads(size) }));
const KINDS = ['counter', 'token', 'selfdestruct'] as const;

for (const kind of KINDS) {
  group(`${kind} tx vs unrelated state size`, () => {
    summary(() => {
      for (const s of states) bench(`${kind} ${s.size} keys`, () => do_not_optimize(s[kind]()));
    });
  });
}
group('state root after one counter tx vs unrelated state size', () => {
  summary(() => {
    for (const s of states) {
      bench(`counter + root ${s.size} keys`, () => {
        s.counter();
        return do_not_optimize(s.root());
      });
    }
  });
});
group('state root from scratch (the peer) vs unrelated state size', () => {
  summary(() => {
    for (const s of states) bench(`scratch root ${s.size} keys`, () => do_not_optimize(s.scratchRoot()));
  });
});

const { benchmarks } = await run();
const avg = (alias: string) => benchmarks.find((b) => b.alias === alias)?.runs[0]?.stats?.avg ?? Number.NaN;

/**
 * The machine is shared and mitata runs the sizes back to back, so the ratio is also taken from
 * interleaved rounds: each round times every size once, and the per-size medians are compared.
 */
function interleavedMedians(kind: (typeof KINDS)[number], rounds = 201): number[] {
  const samples = states.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    states.forEach((s, i) => {
      const start = performance.now();
      s[kind]();
      samples[i]!.push(performance.now() - start);
    });
  }
  return samples.map((list) => list.sort((x, y) => x - y)[list.length >> 1]!);
}

console.log(
  '\n| transaction | unrelated keys | mitata avg | vs empty (avg) | vs empty (interleaved median) |',
);
console.log('|---|---|---|---|---|');
for (const kind of KINDS) {
  const base = avg(`${kind} 0 keys`);
  const medians = interleavedMedians(kind);
  states.forEach(({ size }, i) => {
    const a = avg(`${kind} ${size} keys`);
    const paired = medians[i]! / medians[0]!;
    console.log(
      `| ${kind} | ${size} | ${(a / 1e3).toFixed(1)} µs | ${(a / base).toFixed(2)}× | ${paired.toFixed(2)}× |`,
    );
  });
}

/** The root alone, timed after each of `rounds` untimed changes: median per size. */
function rootMedians(change: 'counter' | 'newSlot', rounds = 101): number[] {
  return states.map((s) => {
    const samples: number[] = [];
    for (let r = 0; r < rounds; r++) {
      s[change]();
      const start = performance.now();
      s.root();
      samples.push(performance.now() - start);
    }
    return samples.sort((x, y) => x - y)[rounds >> 1]! * 1e6;
  });
}

const afterCounter = rootMedians('counter');
const afterNewSlot = rootMedians('newSlot');
console.log(
  '\n| unrelated keys | counter tx + root (avg) | root after the counter tx (median) | root after a new slot (median) | root from scratch (avg) | scratch / root after tx |',
);
console.log('|---|---|---|---|---|---|');
states.forEach(({ size }, i) => {
  const withRoot = avg(`counter + root ${size} keys`);
  const scratch = avg(`scratch root ${size} keys`);
  const micros = (ns: number) => `${(ns / 1e3).toFixed(1)} µs`;
  console.log(
    `| ${size} | ${micros(withRoot)} | ${micros(afterCounter[i]!)} | ${micros(afterNewSlot[i]!)} | ${(scratch / 1e6).toFixed(2)} ms | ${(scratch / afterCounter[i]!).toFixed(0)}× |`,
  );
});
const largest = SIZES[SIZES.length - 1]!;
console.log(
  `\ntrie memory at ${largest} slots: ${(trieBytes / 2 ** 20).toFixed(1)} MiB (${(trieBytes / largest).toFixed(0)} bytes per slot)`,
);
