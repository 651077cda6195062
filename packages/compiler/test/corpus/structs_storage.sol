// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract StructsStorage {
    struct Point { int32 x; int32 y; }
    struct Account {
        uint128 balance;
        uint64 nonce;
        bool frozen;
        Point home;
        uint256[] history;
    }

    mapping(address => Account) internal accounts;
    Point public origin;
    Account[] internal list;

    function deposit(address who, uint128 amount) external {
        Account storage acc = accounts[who];
        acc.balance += amount;
        acc.nonce++;
        acc.history.push(amount);
    }

    function move(address who, int32 dx, int32 dy) external {
        Point storage p = accounts[who].home;
        p.x += dx;
        p.y += dy;
    }

    function freeze(address who) external {
        accounts[who].frozen = true;
    }

    function summary(address who) external view returns (uint128, uint64, bool, int32, int32, uint256) {
        Account storage acc = accounts[who];
        return (acc.balance, acc.nonce, acc.frozen, acc.home.x, acc.home.y, acc.history.length);
    }

    function historyAt(address who, uint256 i) external view returns (uint256) {
        return accounts[who].history[i];
    }

    function setOrigin(int32 x, int32 y) external {
        origin = Point(x, y);
    }

    function reset(address who) external {
        delete accounts[who];
    }

    function addToList(uint128 balance) external returns (uint256) {
        list.push();
        Account storage acc = list[list.length - 1];
        acc.balance = balance;
        acc.home = origin;
        return list.length;
    }

    function listEntry(uint256 i) external view returns (uint128, int32) {
        return (list[i].balance, list[i].home.x);
    }

    function repoint(address a, address b, bool useB) external view returns (uint128) {
        Account storage acc = accounts[a];
        if (useB) acc = accounts[b];
        return acc.balance;
    }
}
