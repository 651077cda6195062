// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Enums {
    enum Status { Pending, Active, Closed }

    struct Item { Status status; uint8 count; }

    Status public status;
    mapping(uint256 => Item) public items;

    event Changed(Status indexed from, Status to);

    function set(Status next) external {
        emit Changed(status, next);
        status = next;
    }

    function fromNumber(uint256 n) external returns (Status) {
        status = Status(n);
        return status;
    }

    function advance(uint256 id) external returns (Status) {
        Item storage item = items[id];
        require(item.status != Status.Closed, "closed");
        item.status = item.status == Status.Pending ? Status.Active : Status.Closed;
        item.count += 1;
        return item.status;
    }

    function asNumber(Status s) external pure returns (uint8, uint256) {
        return (uint8(s), uint256(s));
    }
}
