// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Workload `token-transfer`: deploy mints 1,000,000 to the deployer; the transaction moves 250.
contract TokenTransfer {
    mapping(address => uint64) public balances;

    constructor() {
        balances[msg.sender] = 1_000_000;
    }

    function transfer(address to, uint64 amount) external returns (bool) {
        uint64 balance = balances[msg.sender];
        require(balance >= amount, "insufficient balance");
        balances[msg.sender] = balance - amount;
        balances[to] += amount;
        return true;
    }
}
