/** Move events decode to the same arguments as the EVM's logs (an indexed string is its topic hash). */
import { describe, expect, it } from 'vitest';
import { comparable } from '../../test/corpus-harness.js';
import { compileSources } from '../compile.js';
import { irTarget } from '../target/ir-target.js';
import { moveTarget } from './target.js';

describe('move: events with an indexed string, against the IR interpreter', () => {
  const source = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
contract Named {
  event Named(string indexed key, string value, uint8 n);
  function name(string calldata key) external { emit Named(key, key, 3); }
}`;
  it('reports the indexed string as its keccak256 topic', () => {
    const artifact = compileSources({ 'Named.sol': source }).artifact('Named.sol', 'Named');
    const [ir, move] = [irTarget, moveTarget].map((target) =>
      comparable(target.deploy(artifact, []).deployment!.call('name', ['polyvm'])),
    );
    expect(move).toEqual(ir);
  });
});
