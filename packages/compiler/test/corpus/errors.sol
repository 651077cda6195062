// SPDX-License-Identifier: MIT
pragma solidity ^0.8.26;

contract Errors {
    error Unauthorized();
    error TooLarge(uint256 value, uint256 limit);
    error BadInput(address who, string reason, int8 code);

    uint256 public state;

    function requireMessage(uint256 x) external { require(x < 10, "x must be below 10"); state = x; }
    function requireBare(uint256 x) external { require(x < 10); state = x; }
    function requireCustom(uint256 x) external { require(x < 10, TooLarge(x, 10)); state = x; }
    function revertBare() external pure { revert(); }
    function revertMessage() external pure { revert("plain revert"); }
    function revertLong() external pure {
        revert("a revert reason that is longer than thirty-two bytes, to span two words");
    }
    function revertCustom(uint8 which) external view {
        if (which == 0) revert Unauthorized();
        if (which == 1) revert TooLarge(state, 1);
        revert BadInput(msg.sender, "bad", -3);
    }
    function assertion(uint256 x) external pure returns (uint256) { assert(x != 7); return x; }
    function nested(uint256 x) external returns (uint256) {
        state = x;
        _check(x);
        return x;
    }
    function _check(uint256 x) internal pure {
        if (x > 100) revert TooLarge(x, 100);
    }
}
