// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Env {
    address public lastCaller;
    uint256 public lastBlock;
    uint64 public lastTime;
    mapping(address => uint256) public calls;

    function touch() external returns (address, uint256, uint256) {
        lastCaller = msg.sender;
        lastBlock = block.number;
        lastTime = uint64(block.timestamp);
        calls[msg.sender]++;
        return (msg.sender, block.number, block.timestamp);
    }

    function deadline(uint256 at) external view returns (bool) {
        return block.timestamp >= at;
    }
}
