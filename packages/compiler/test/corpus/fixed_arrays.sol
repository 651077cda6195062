// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract FixedArrays {
    uint16[5] public small;
    bytes32[3] public words;
    uint256[2][3] internal matrix;
    uint8 public after_;

    function setSmall(uint256 i, uint16 v) external {
        small[i] = v;
        after_ = uint8(i);
    }

    function setWord(uint256 i, bytes32 w) external {
        words[i] = w;
    }

    function setMatrix(uint256 i, uint256 j, uint256 v) external {
        matrix[i][j] = v;
    }

    function matrixAt(uint256 i, uint256 j) external view returns (uint256) {
        return matrix[i][j];
    }

    function smallAll() external view returns (uint16[5] memory) {
        return small;
    }

    function memoryFixed(uint256 k) external pure returns (uint256[4] memory out, uint256 len) {
        uint256[4] memory tmp = [uint256(1), 2, 3, 4];
        for (uint256 i = 0; i < tmp.length; i++) out[i] = tmp[i] * k;
        len = out.length;
        out[k] = 0;
    }

    function replaceSmall(uint16[5] calldata next) external {
        small = next;
    }

    function clear() external {
        delete small;
        delete matrix;
    }
}
