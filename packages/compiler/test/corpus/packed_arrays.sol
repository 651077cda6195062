// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract PackedArrays {
    uint8[] public bytesList;
    bool[] public flags;
    uint128[] public halves;
    int16[] public signed;

    function fill(uint256 n) external {
        for (uint256 i = 0; i < n; i++) {
            bytesList.push(uint8(i * 7));
            flags.push(i % 3 == 0);
            halves.push(uint128(i) << 100);
            signed.push(-int16(int256(i)));
        }
    }

    function popAll(uint256 n) external {
        for (uint256 i = 0; i < n; i++) {
            bytesList.pop();
            flags.pop();
            halves.pop();
            signed.pop();
        }
    }

    function set(uint256 i, uint8 b, bool f, int16 s) external {
        bytesList[i] = b;
        flags[i] = f;
        signed[i] = s;
    }

    function lengths() external view returns (uint256, uint256, uint256, uint256) {
        return (bytesList.length, flags.length, halves.length, signed.length);
    }

    function replaceBytes(uint8[] memory next) external {
        bytesList = next;
    }

    function allSigned() external view returns (int16[] memory) {
        return signed;
    }
}
