// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract MemoryArrays {
    function range(uint256 n) public pure returns (uint256[] memory out) {
        out = new uint256[](n);
        for (uint256 i = 0; i < n; i++) out[i] = i * i;
    }

    function sorted(uint256[] memory a) public pure returns (uint256[] memory) {
        for (uint256 i = 1; i < a.length; i++) {
            uint256 key = a[i];
            uint256 j = i;
            while (j > 0 && a[j - 1] > key) {
                a[j] = a[j - 1];
                j--;
            }
            a[j] = key;
        }
        return a;
    }

    function sumCalldata(uint64[] calldata a) external pure returns (uint64 total) {
        for (uint256 i = 0; i < a.length; i++) total += a[i];
    }

    function outOfBounds(uint256 n, uint256 i) external pure returns (uint256) {
        uint256[] memory a = range(n);
        return a[i];
    }

    function aliasing() external pure returns (uint256, uint256) {
        uint256[] memory a = new uint256[](2);
        uint256[] memory b = a;
        b[0] = 5;
        modify(a);
        return (a[0], a[1]);
    }

    function modify(uint256[] memory x) internal pure {
        x[1] = 9;
    }

    function nested(uint256 n) external pure returns (uint256 total) {
        uint256[][] memory rows = new uint256[][](n);
        for (uint256 i = 0; i < n; i++) {
            rows[i] = new uint256[](i + 1);
            for (uint256 j = 0; j <= i; j++) rows[i][j] = i + j;
        }
        for (uint256 i = 0; i < n; i++) for (uint256 j = 0; j < rows[i].length; j++) total += rows[i][j];
    }

    function addresses(address[] memory list) external pure returns (address first, uint256 count) {
        count = list.length;
        if (count > 0) first = list[0];
    }

    function strings(string[] memory names) external pure returns (string memory) {
        return names[names.length - 1];
    }
}
