import { describe, it } from 'vitest';
import { agree } from './agree.test-util.js';
import { word } from './differential.test-util.js';

const HEADER = '// SPDX-License-Identifier: MIT\npragma solidity ^0.8.0;\n';

describe('storage arrays of strings and arrays: copies, shrinking and delete clear what solc clears', () => {
  it('agrees with solc, final storage included', () => {
    const src = `${HEADER}
contract Nested {
  string[] public names;
  uint64[][] public grid;
  struct Doc { string text; uint32[] marks; }
  Doc[] public docs;
  function addName(string memory s) external { names.push(s); }
  function setNames(string[] memory xs) external { names = xs; }
  function popName() external { names.pop(); }
  function clearNames() external { delete names; }
  function setGrid(uint64[][] memory g) external { grid = g; }
  function getGrid() external view returns (uint64[][] memory) { return grid; }
  function getNames() external view returns (string[] memory) { return names; }
  function addDoc(string memory t, uint32[] memory m) external { docs.push(Doc(t, m)); }
  function getDoc(uint256 i) external view returns (Doc memory) { return docs[i]; }
  function dropDocs() external { delete docs; }
}`;
    const long = '61'.repeat(70);
    const str = (h: string) => word(h.length / 2) + h.padEnd(Math.ceil(h.length / 64) * 64, '0');
    const strArr = (items: string[]) => {
      const encoded = items.map(str);
      let offset = 32 * items.length;
      const heads = encoded.map((e) => {
        const head = word(offset);
        offset += e.length / 2;
        return head;
      });
      return word(items.length) + heads.join('') + encoded.join('');
    };
    agree(src, [
      { sig: 'addName(string)', args: word(32) + str(long) },
      { sig: 'addName(string)', args: word(32) + str('6869') },
      { sig: 'addName(string)', args: word(32) + str(long) },
      { sig: 'getNames()' },
      { sig: 'popName()' },
      { sig: 'setNames(string[])', args: word(32) + strArr(['7a', long.slice(0, 80)]) },
      { sig: 'names(uint256)', args: word(1) },
      { sig: 'setNames(string[])', args: word(32) + strArr([long]) },
      { sig: 'getNames()' },
      {
        sig: 'setGrid(uint64[][])',
        args:
          word(32) +
          word(2) +
          word(64) +
          word(160) +
          word(2) +
          word(1) +
          word(2) +
          word(3) +
          word(7) +
          word(8) +
          word(9),
      },
      { sig: 'getGrid()' },
      { sig: 'grid(uint256,uint256)', args: word(1) + word(2) },
      { sig: 'setGrid(uint64[][])', args: word(32) + word(1) + word(32) + word(1) + word(5) },
      {
        sig: 'addDoc(string,uint32[])',
        args: word(64) + word(192) + str(long) + word(3) + word(1) + word(2) + word(3),
      },
      { sig: 'getDoc(uint256)', args: word(0) },
      { sig: 'addDoc(string,uint32[])', args: word(64) + word(128) + str('') + word(0) },
      { sig: 'dropDocs()' },
      { sig: 'clearNames()' },
      { sig: 'addName(string)', args: word(32) + str('6869') },
    ]);
  });
});
