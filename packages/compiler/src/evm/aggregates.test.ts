import { describe, it } from 'vitest';
import { agree } from './agree.test-util.js';
import { word } from './differential.test-util.js';

const HEADER = '// SPDX-License-Identifier: MIT\npragma solidity ^0.8.0;\n';

describe('aggregates: packed fixed arrays in structs, static nested arrays, whole-struct copies', () => {
  it('agrees with solc, final storage included', () => {
    const src = `${HEADER}
contract Aggregates {
  struct Slotty { uint8[5] flags; address owner; int40[3] deltas; bytes4 tag; }
  mapping(uint256 => Slotty) internal slots;
  uint16[2][3] public grid;
  function put(uint256 k, uint8 f, int40 d) external {
    Slotty memory s;
    for (uint256 i = 0; i < 5; i++) s.flags[i] = f + uint8(i);
    s.owner = msg.sender;
    s.deltas[1] = d;
    s.deltas[2] = -d;
    s.tag = bytes4(uint32(0xdeadbeef));
    slots[k] = s;
  }
  function get(uint256 k) external view returns (Slotty memory) { return slots[k]; }
  function copy(uint256 from, uint256 to) external { slots[to] = slots[from]; }
  function clear(uint256 k) external { delete slots[k]; }
  function setGrid(uint16[2][3] memory g) external { grid = g; }
  function getGrid() external view returns (uint16[2][3] memory) { return grid; }
  function table(uint256 n) external pure returns (uint256[2][] memory out) {
    out = new uint256[2][](n);
    for (uint256 i = 0; i < n; i++) { out[i][0] = i; out[i][1] = i * i; }
  }
}`;
    const grid = [1, 2, 3, 4, 5, 6].map((v) => word(v)).join('');
    agree(src, [
      { sig: 'put(uint256,uint8,int40)', args: word(1) + word(250) + word(-77) },
      { sig: 'get(uint256)', args: word(1) },
      { sig: 'put(uint256,uint8,int40)', args: word(2) + word(1) + word(5) },
      { sig: 'copy(uint256,uint256)', args: word(1) + word(3) },
      { sig: 'get(uint256)', args: word(3) },
      { sig: 'clear(uint256)', args: word(2) },
      { sig: 'get(uint256)', args: word(2) },
      { sig: 'setGrid(uint16[2][3])', args: grid },
      { sig: 'getGrid()' },
      { sig: 'grid(uint256,uint256)', args: word(2) + word(1) },
      { sig: 'setGrid(uint16[2][3])', args: grid.slice(0, 64 * 5) + word(70000) },
      { sig: 'table(uint256)', args: word(3) },
    ]);
  });
});
