// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract UncheckedLoops {
    uint64 public acc;

    function lcg(uint256 n) external returns (uint64 x) {
        x = 1;
        for (uint256 i = 0; i < n; ) {
            unchecked {
                x = x * 6364136223846793005 + 1442695040888963407;
                ++i;
            }
        }
        acc = x;
    }

    function wrapDown(uint8 start, uint256 steps) external pure returns (uint8 v) {
        v = start;
        unchecked {
            for (uint256 i = 0; i < steps; i++) v -= 3;
        }
    }

    function mixed(uint8 a) external pure returns (uint8, uint8) {
        uint8 wrapped;
        unchecked { wrapped = a + 200; }
        uint8 checked_ = a + 1;
        return (wrapped, checked_);
    }
}
