// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract StructsMemory {
    struct Order { address maker; uint96 amount; uint32 expiry; bool filled; }

    Order public stored;
    mapping(uint256 => Order) public orders;

    function make(address maker, uint96 amount) public pure returns (Order memory o) {
        o = Order({maker: maker, amount: amount, expiry: 100, filled: false});
    }

    function alias_(uint96 amount) external pure returns (uint96, uint96) {
        Order memory a = Order(address(1), amount, 0, false);
        Order memory b = a;
        b.amount = amount * 2;
        return (a.amount, b.amount);
    }

    function store(uint256 id, address maker, uint96 amount) external {
        Order memory o = make(maker, amount);
        orders[id] = o;
        o.amount = 1;
        stored = o;
    }

    function copyOut(uint256 id) external returns (uint96, uint96) {
        Order memory o = orders[id];
        o.amount += 5;
        orders[id].filled = true;
        return (o.amount, orders[id].amount);
    }

    function echo(Order calldata o) external pure returns (Order memory) {
        return o;
    }

    function total(Order[] memory list) external pure returns (uint256 sum) {
        for (uint256 i = 0; i < list.length; i++) sum += list[i].amount;
    }
}
