import { describe, it } from 'vitest';
import { agreeWithIr } from './ir-agreement.js';

const STRUCTS = `
pragma solidity ^0.8.20;
contract Structs {
    struct Entry { int32 x; uint128 wide; address who; bool flag; int200 big; }
    Entry public head;
    mapping(uint256 => Entry) public byId;
    Entry[] public log;
    function setHead(int32 x, uint128 wide, int200 big) external { head = Entry(x, wide, msg.sender, x < 0, big); }
    function copy(uint256 id) external { byId[id] = head; byId[id].x += 1; }
    function fromMemory(uint256 id, int32 x) external {
        Entry memory e = byId[id];
        e.x = x;
        byId[id + 1] = e;
        e.x = 0;
    }
    function archive(uint256 id) external returns (uint256) { log.push(byId[id]); return log.length; }
}`;

describe('whole storage structs written from memory and pushed', () => {
  it('agrees with the IR on returns and final storage', () => {
    agreeWithIr(
      STRUCTS,
      'Structs',
      [
        ['setHead', [-5n, 2n ** 120n + 3n, -(2n ** 150n)]],
        ['head', []],
        ['copy', [7n]],
        ['byId', [7n]],
        ['fromMemory', [7n, 99n]],
        ['byId', [8n]],
        ['archive', [8n]],
        ['archive', [7n]],
        ['log', [1n]],
        ['log', [2n]],
      ],
      { sender: 0x51n },
    );
  });
});
