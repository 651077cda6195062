// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract ControlFlow {
    uint256 public visits;

    function classify(int256 x) external pure returns (uint8) {
        if (x < -100) return 0;
        else if (x < 0) return 1;
        else if (x == 0) return 2;
        else if (x <= 100) { return 3; }
        return 4;
    }

    function sumOdd(uint256 n) external pure returns (uint256 total) {
        for (uint256 i = 0; i < n; i++) {
            if (i % 2 == 0) continue;
            if (i > 50) break;
            total += i;
        }
    }

    function whileCount(uint256 n) external pure returns (uint256 steps) {
        while (n != 1 && n != 0) {
            n = n % 2 == 0 ? n / 2 : 3 * n + 1;
            steps++;
        }
    }

    function doWhile(uint256 n) external pure returns (uint256 runs) {
        do {
            runs += 1;
            if (runs > 5) break;
            n = n > 0 ? n - 1 : 0;
        } while (n > 0 && n < 1000);
    }

    function nested(uint256 n) external returns (uint256 pairs) {
        for (uint256 i = 0; i < n; ++i) {
            for (uint256 j = 0; j < n; ++j) {
                if (j > i) break;
                if ((i + j) % 3 == 0) continue;
                pairs++;
                visits++;
            }
        }
    }

    function findFirst(uint256 needle) external pure returns (uint256) {
        for (uint256 i = 1; ; i++) {
            if (i * i >= needle) return i;
        }
    }

    function forWithoutInit(uint256 n) external pure returns (uint256 acc) {
        uint256 i = n;
        for (; i > 0; ) {
            acc += i;
            i -= 1;
        }
    }
}
