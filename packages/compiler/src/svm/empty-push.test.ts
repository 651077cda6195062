import { describe, it } from 'vitest';
import { agreeWithIr } from './ir-agreement.js';

const NESTED = `
pragma solidity ^0.8.20;
contract Nested {
    struct Point { int32 x; int32 y; }
    struct Account { uint128 balance; Point home; uint256[] history; }
    Point public origin;
    Account[] internal list;
    uint256[][] internal grid;
    function setOrigin(int32 x, int32 y) external { origin = Point(x, y); }
    function add(uint128 balance) external returns (uint256) {
        list.push();
        Account storage acc = list[list.length - 1];
        acc.balance = balance;
        acc.home = origin;
        acc.history.push(balance);
        return list.length;
    }
    function entry(uint256 i) external view returns (uint128, int32, int32, uint256) {
        Account storage acc = list[i];
        return (acc.balance, acc.home.x, acc.home.y, acc.history.length);
    }
    function gridPush(uint256 row, uint256 v) external {
        while (grid.length <= row) grid.push();
        grid[row].push(v);
    }
    function gridAt(uint256 row, uint256 col) external view returns (uint256, uint256) {
        return (grid[row][col], grid[row].length);
    }
}`;

describe('empty push of structs with nested members and of inner arrays', () => {
  it('agrees with the IR on returns and final storage', () => {
    agreeWithIr(NESTED, 'Nested', [
      ['setOrigin', [-3n, 4n]],
      ['add', [10n]],
      ['add', [2n ** 100n]],
      ['entry', [1n]],
      ['entry', [2n]],
      ['gridPush', [2n, 7n]],
      ['gridPush', [0n, 1n]],
      ['gridPush', [2n, 9n]],
      ['gridAt', [2n, 1n]],
      ['gridAt', [1n, 0n]],
    ]);
  });
});
