// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract DynamicArrays {
    uint256[] public values;
    address[] public owners;
    uint256[][] internal grid;

    function push(uint256 v) external returns (uint256) {
        values.push(v);
        return values.length;
    }

    function pop() external returns (uint256 last) {
        last = values[values.length - 1];
        values.pop();
    }

    function popUnchecked() external {
        values.pop();
    }

    function set(uint256 i, uint256 v) external {
        values[i] = v;
    }

    function sum() external view returns (uint256 total) {
        for (uint256 i = 0; i < values.length; i++) total += values[i];
    }

    function clear() external {
        delete values;
    }

    function all() external view returns (uint256[] memory) {
        return values;
    }

    function replace(uint256[] calldata next) external {
        values = next;
    }

    function addOwner() external {
        owners.push(msg.sender);
    }

    function gridPush(uint256 row, uint256 v) external {
        while (grid.length <= row) grid.push();
        grid[row].push(v);
    }

    function gridAt(uint256 row, uint256 col) external view returns (uint256, uint256) {
        return (grid[row][col], grid[row].length);
    }
}
