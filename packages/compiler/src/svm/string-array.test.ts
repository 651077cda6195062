import { describe, it } from 'vitest';
import { agreeWithIr } from './ir-agreement.js';

const NAMES = `
pragma solidity ^0.8.20;
contract Names {
    string[] public names;
    bytes[] public blobs;
    function add(string calldata name, bytes memory blob) external returns (uint256) {
        names.push(name);
        blobs.push(blob);
        return names.length;
    }
    function addEmpty() external { names.push(); }
    function at(uint256 i) external view returns (string memory) { return names[i]; }
}`;

describe('push of a string/bytes onto a storage array (solc layout at keccak(slot) + i)', () => {
  it('agrees with the IR on returns and final storage, short and long strings', () => {
    const long = 'a string longer than thirty-two bytes, kept in chunks';
    agreeWithIr(NAMES, 'Names', [
      ['add', ['alice', '0x00ff']],
      ['add', [long, `0x${'ab'.repeat(40)}`]],
      ['addEmpty', []],
      ['add', ['', '0x']],
      ['names', [1n]],
      ['blobs', [1n]],
      ['at', [0n]],
      ['at', [2n]],
      ['at', [9n]],
    ]);
  });
});
