// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Conditional {
    uint256 public evaluated;

    function pick(bool c, uint256 a, uint256 b) external pure returns (uint256) {
        return c ? a : b;
    }

    function nestedPick(int256 x) external pure returns (int8) {
        return x > 0 ? (x > 100 ? int8(2) : int8(1)) : (x == 0 ? int8(0) : -1);
    }

    function shortCircuit(bool a, uint256 x) external returns (bool) {
        bool r = a && check(x);
        bool s = !a || check(x + 1);
        return r || s;
    }

    function check(uint256 x) internal returns (bool) {
        evaluated += 1;
        require(x < 100, "checked");
        return x % 2 == 0;
    }

    function lazyDivide(uint256 a, uint256 b) external pure returns (uint256) {
        return b == 0 ? 0 : a / b;
    }
}
