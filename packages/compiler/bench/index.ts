/**
 * Compile time of a 500-line contract: the front end (solc parse and type check, AST → IR), each
 * back end, and solc's own optimized bytecode for comparison. solc-js start-up (loading the
 * Emscripten module) happens once before the measurements. Run with `pnpm bench`.
 */
import { bench, group, run } from 'mitata';
import { lowerContract } from '../src/frontend/lower-contract.js';
import { loadSolc, runSolc } from '../src/frontend/solc.js';
import { compileSources } from '../src/index.js';
import { availableTargets } from '../src/target/registry.js';

/** A 500-line contract: storage, mappings, structs, loops, arithmetic at several widths, events. */
function bigContract(): string {
  const lines = [
    '// SPDX-License-Identifier: MIT',
    'pragma solidity ^0.8.20;',
    'contract Big {',
    '    struct Entry { uint64 a; int32 b; address owner; uint256 total; }',
    '    mapping(address => Entry) internal entries;',
    '    mapping(uint256 => uint256) internal table;',
    '    uint256[] internal history;',
    '    event Touched(address indexed who, uint256 value);',
    '    error Bad(uint256 value);',
  ];
  for (let i = 0; lines.length < 490; i++) {
    lines.push(
      `    function f${i}(uint256 x, int32 y) external returns (uint256 r) {`,
      `        Entry storage e = entries[msg.sender];`,
      `        for (uint256 i = 0; i < x % 8; i++) { r += i * ${i + 3}; table[i] = r; }`,
      `        if (y < 0) { e.b = y - 1; } else { e.b = y / 2 + ${i}; }`,
      `        unchecked { e.a = uint64(x) * ${i + 1} + uint64(r); }`,
      `        e.total += r % 1000;`,
      `        if (r > 10 ** 30) revert Bad(r);`,
      `        history.push(uint256(keccak256(abi.encodePacked(x, y, r))));`,
      `        emit Touched(msg.sender, r);`,
      '    }',
    );
  }
  lines.push('}');
  return lines.join('\n');
}

const source = { 'big.sol': bigContract() };
console.log(`contract: ${source['big.sol'].split('\n').length} lines`);
loadSolc();
const targets = availableTargets().filter((t) => t.name !== 'ir' && t.name !== 'evm-solc');

group('compile a 500-line contract (solc start-up excluded)', () => {
  bench('front end: solc parse + type check, AST → IR', () => {
    const output = runSolc(source, { bytecode: false });
    lowerContract(output, 'big.sol', 'Big');
  });
  bench(`front end + every back end (${targets.map((t) => t.name).join(', ')})`, () => {
    const artifact = compileSources(source, { bytecode: false }).artifact('big.sol', 'Big');
    for (const target of targets) target.build(artifact);
  });
  bench("solc's optimized EVM bytecode (the evm-solc target)", () => {
    runSolc(source);
  });
});

await run();
