// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Constants {
    uint256 internal constant WAD = 1e18;
    uint256 internal constant HALF = 2 ** 255;
    int256 internal constant NEG = -(2 ** 100) + 7;
    address internal constant BURN = 0x000000000000000000000000000000000000dEaD;
    bytes4 internal constant SELECTOR = 0xa9059cbb;
    uint8 internal constant SMALL = 0xff;
    uint256 internal constant DERIVED = WAD * 3 / 2;

    function all() external pure returns (uint256, uint256, int256, address, bytes4, uint8, uint256) {
        return (WAD, HALF, NEG, BURN, SELECTOR, SMALL, DERIVED);
    }

    function scaled(uint256 x) external pure returns (uint256) {
        return x * WAD / DERIVED;
    }

    function overflowConst(uint256 x) external pure returns (uint256) {
        return HALF + x;
    }
}
