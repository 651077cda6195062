import { describe, expect, it } from 'vitest';
import { compile } from '../compile.js';
import { irTarget } from '../target/ir-target.js';
import { svmTarget } from './target.js';

const EVENTS = `
pragma solidity ^0.8.20;
contract Anon {
    event A(uint256 a, uint64 b) anonymous;
    event B(address indexed who, string s) anonymous;
    event Named(uint256 a);
    function fire(uint256 a, string calldata s) external {
        emit A(a, uint64(a));
        emit Named(a);
        emit B(msg.sender, s);
    }
}`;

describe('anonymous events: Borsh arguments without a discriminator (no topic 0, as on the EVM)', () => {
  it('agree with the IR, decoded by their exact Borsh shape', () => {
    const artifact = compile(EVENTS, { contract: 'Anon' });
    const ir = irTarget.deploy(artifact, []).deployment!;
    const svm = svmTarget.deploy(artifact, []).deployment!;
    for (const args of [
      [5n, 'hello'],
      [2n ** 255n, ''],
    ]) {
      const expected = ir.call('fire', args as never, { sender: 0x77n });
      const actual = svm.call('fire', args as never, { sender: 0x77n });
      expect(actual.events.map((e) => e.name)).toEqual(['<unknown>', 'Named', '<unknown>']);
      expect({ ...actual, gas: null }).toEqual({ ...expected, gas: null });
    }
  });
});
