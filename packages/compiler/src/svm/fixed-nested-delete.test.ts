import { describe, it } from 'vitest';
import { agreeWithIr } from './ir-agreement.js';

const MATRIX = `
pragma solidity ^0.8.20;
contract Matrix {
    uint8 public before;
    uint256[2][3] internal matrix;
    uint16[3][2] internal packed;
    uint8 public after_;
    function set(uint256 i, uint256 j, uint256 v) external {
        before = 1; after_ = 2;
        matrix[i][j] = v;
        packed[j % 2][i] = uint16(v);
    }
    function at(uint256 i, uint256 j) external view returns (uint256, uint16) { return (matrix[i][j], packed[j % 2][i]); }
    function clear() external { delete matrix; delete packed; }
}`;

describe('delete of a fixed array of arrays zeroes every inner array', () => {
  it('agrees with the IR on returns and final storage (neighbours untouched)', () => {
    agreeWithIr(MATRIX, 'Matrix', [
      ['set', [0n, 1n, 5n]],
      ['set', [2n, 0n, 2n ** 255n]],
      ['set', [1n, 1n, 65535n]],
      ['at', [2n, 0n]],
      ['clear', []],
      ['at', [2n, 0n]],
      ['at', [0n, 1n]],
      ['before', []],
      ['after_', []],
    ]);
  });
});
