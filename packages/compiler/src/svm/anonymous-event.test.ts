import { describe, expect, it } from 'vitest';
import { agreeWithIr } from './ir-agreement.js';

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
    const svm = agreeWithIr(
      EVENTS,
      'Anon',
      [
        ['fire', [5n, 'hello']],
        ['fire', [2n ** 255n, '']],
      ],
      { sender: 0x77n },
    );
    const names = svm.call('fire', [1n, 'x'], { sender: 0x77n }).events.map((e) => e.name);
    expect(names).toEqual(['<unknown>', 'Named', '<unknown>']);
  });
});
