// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract DeleteOps {
    struct Pair { uint128 a; uint128 b; uint256[] list; }
    uint256 public scalar = 5;
    Pair internal pair;
    uint32[4] public fixedArr;
    mapping(uint256 => Pair) internal pairs;
    int8 public small = -3;

    function fill() external {
        pair.a = 1;
        pair.b = 2;
        pair.list.push(3);
        pair.list.push(4);
        fixedArr[1] = 9;
        fixedArr[3] = 10;
        pairs[1].a = 11;
        pairs[1].list.push(12);
    }

    function wipe() external {
        delete scalar;
        delete pair;
        delete fixedArr[3];
        delete pairs[1];
        delete small;
    }

    function view_() external view returns (uint128, uint128, uint256, uint32, uint128, uint256) {
        return (pair.a, pair.b, pair.list.length, fixedArr[3], pairs[1].a, pairs[1].list.length);
    }

    function wipeLocal(uint256 x) external pure returns (uint256) {
        uint256 y = x;
        y = 0;
        return y + x;
    }
}
