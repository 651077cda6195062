// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Which check fires first when both operands of an expression would revert: the evaluation order
/// of solc's legacy code generator, which the IR documents and every back end must reproduce.
contract EvaluationOrder {
    uint256 public log;

    function binaryOperands(uint8 a, uint8 b) external pure returns (uint8) {
        return (a / b) + (a * 200);
    }

    function comparison(uint8 a, uint8 b) external pure returns (bool) {
        return (a % b) < (a + 255);
    }

    function callArguments(uint8 a, uint8 b) external pure returns (uint8) {
        return pair(a / b, a * 200);
    }

    function pair(uint8 x, uint8 y) internal pure returns (uint8) {
        return x ^ y;
    }

    function sideEffects(uint256 x) external returns (uint256) {
        log = 0;
        return note(x, 1) * 10 + note(x, 2);
    }

    function note(uint256 x, uint256 tag) internal returns (uint256) {
        log = log * 10 + tag;
        return x + tag;
    }

    function storageIndex(uint256 i, uint8 a) external returns (uint256) {
        values.push(1);
        values[i] = a * 200;
        return values.length;
    }

    uint256[] internal values;
}
