/**
 * Gas the wasm back end's contracts pay on each chain profile, next to solc's bytecode on the EVM:
 * (1) the six example programs' call sequences (examples/solidity/*.calls.json), (2) what single
 * constructs add to an empty call. Gas, not time: each figure is the chain's own unit (EVM gas, NEAR
 * gas, CosmWasm gas = 140,000 per Cosmos SDK gas). Run with
 * `npx tsx --conditions=polyvm-source bench/wasm-gas.ts`; the README's tables come from it.
 */

import { compileSources } from '../src/compile.js';
import { evmSolcTarget } from '../src/target/evm-target.js';
import type { JsValue, Target } from '../src/target/target.js';
import { cosmwasmTarget } from '../src/wasm/cosmwasm-target.js';
import { wasmTarget } from '../src/wasm/target.js';
import { compileCorpus, loadCorpus } from '../test/corpus-harness.js';

const TARGETS: Target[] = [evmSolcTarget, wasmTarget, cosmwasmTarget];
const PROGRAMS = ['erc20', 'amm', 'nft', 'merkle', 'multisig', 'escrow'];

const { cases, sources } = loadCorpus();
const corpus = compileCorpus(sources);
console.log('program | calls | target | code bytes | deploy gas | mean gas per call');
for (const name of PROGRAMS) {
  const c = cases.find((x) => x.name === name)!;
  const artifact = corpus.artifact(c.file, c.contract);
  for (const target of TARGETS) {
    const { result, deployment } = target.deploy(artifact, c.deploy);
    let total = 0;
    for (const call of c.calls) {
      const context = {
        ...(call.from !== undefined ? { sender: BigInt(call.from) } : {}),
        ...(call.block !== undefined ? { blockNumber: BigInt(call.block) } : {}),
        ...(call.timestamp !== undefined ? { timestamp: BigInt(call.timestamp) } : {}),
      };
      total += deployment!.call(call.fn, call.args ?? [], context).gas ?? 0;
    }
    const size = target.build(artifact).codeSize;
    console.log(
      `${name} | ${c.calls.length} | ${target.name} | ${size} | ${result.gas} | ${Math.round(total / c.calls.length)}`,
    );
  }
}

const CONSTRUCTS = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract M {
  uint256 public v; string public s; event E(address indexed a, uint256 x, uint256 y);
  function noop() external {}
  function arg(uint256 x) external {}
  function str(string calldata x) external {}
  function arr(uint256[] calldata x) external {}
  function store(uint256 x) external { v = x; }
  function storeStr(string calldata x) external { s = x; }
  function load() external returns (uint256) { return v; }
  function ret() external pure returns (uint256) { return 2**200; }
  function hash(bytes32 a, bytes32 b) external { keccak256(abi.encodePacked(a, b)); }
  function ev(uint256 x) external { emit E(msg.sender, x, x); }
  function sender() external { msg.sender; }
  function div(uint256 a, uint256 b) external { uint256 c; for (uint i = 0; i < 10; i++) c = a / b + c; }
}`;
const calls: [string, string, JsValue[]][] = [
  ['uint256 argument (20 digits)', 'arg', [12345678901234567890n]],
  ['64-character string argument', 'str', ['x'.repeat(64)]],
  ['10-element uint256[] argument', 'arr', [Array.from({ length: 10 }, (_, i) => BigInt(i))]],
  ['uint256 storage write', 'store', [7n]],
  ['64-byte string storage write', 'storeStr', ['y'.repeat(64)]],
  ['uint256 storage read + result', 'load', []],
  ['uint256 result (61 digits)', 'ret', []],
  ['keccak256 of 64 bytes (+ 2 bytes32 arguments)', 'hash', [`0x${'11'.repeat(32)}`, `0x${'22'.repeat(32)}`]],
  ['event with 3 arguments (+ msg.sender)', 'ev', [5n]],
  ['msg.sender', 'sender', []],
  ['10 uint256 divisions (+ 2 arguments)', 'div', [3n ** 150n, 5n ** 40n]],
];
const artifact = compileSources({ 'm.sol': CONSTRUCTS }).artifact('m.sol', 'M');
console.log(`\nconstruct | ${TARGETS.map((t) => t.name).join(' | ')}`);
const deployments = TARGETS.map((t) => t.deploy(artifact, []).deployment!);
const base = deployments.map((d) => d.call('noop', []).gas!);
console.log(`empty call | ${base.join(' | ')}`);
for (const [label, fn, args] of calls) {
  const added = deployments.map((d, i) => d.call(fn, args).gas! - base[i]!);
  console.log(`${label} | ${added.map((g) => `+${g}`).join(' | ')}`);
}
