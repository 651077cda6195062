// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Guarded {
    address public owner;
    uint256 public locked;
    uint256 public calls;

    error NotOwner(address caller);

    constructor() {
        owner = msg.sender;
    }

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        _;
    }

    modifier atMost(uint256 limit, uint256 value) {
        require(value <= limit, "above limit");
        _;
    }

    modifier counted() virtual {
        calls += 1;
        _;
    }

    modifier lock() {
        require(locked == 0, "reentrant");
        locked = 1;
        _;
        locked = 0;
    }
}

contract Modifiers is Guarded {
    uint256 public value;

    modifier counted() override {
        calls += 10;
        _;
    }

    modifier skipIfZero(uint256 x) {
        if (x == 0) return;
        _;
    }

    function set(uint256 v) external onlyOwner atMost(100, v) counted {
        value = v;
    }

    function setLocked(uint256 v) external lock {
        value = v * 2;
    }

    function double(uint256 x) external counted skipIfZero(x) returns (uint256) {
        return x * 2;
    }

    function transferOwnership(address next) external onlyOwner {
        owner = next;
    }
}
