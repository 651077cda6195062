// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// An escrow of internal balances between a buyer and a seller with an arbiter and a deadline.
contract Escrow {
    uint8 internal constant AWAITING_DEPOSIT = 0;
    uint8 internal constant FUNDED = 1;
    uint8 internal constant RELEASED = 2;
    uint8 internal constant REFUNDED = 3;

    struct Deal {
        address buyer;
        address seller;
        address arbiter;
        uint128 amount;
        uint64 deadline;
        uint8 state;
    }

    mapping(address => uint256) public balances;
    Deal[] internal deals;

    event Opened(uint256 indexed id, address indexed buyer, address indexed seller, uint128 amount);
    event Funded(uint256 indexed id);
    event Settled(uint256 indexed id, address to, uint128 amount);

    error WrongState(uint256 id, uint8 state);
    error Forbidden(address caller);

    function credit(uint256 amount) external {
        balances[msg.sender] += amount;
    }

    function open(address seller, address arbiter, uint128 amount, uint64 duration) external returns (uint256 id) {
        require(seller != msg.sender, "self deal");
        id = deals.length;
        deals.push(Deal(msg.sender, seller, arbiter, amount, uint64(block.timestamp) + duration, AWAITING_DEPOSIT));
        emit Opened(id, msg.sender, seller, amount);
    }

    function fund(uint256 id) external {
        Deal storage d = deals[id];
        if (d.state != AWAITING_DEPOSIT) revert WrongState(id, d.state);
        if (msg.sender != d.buyer) revert Forbidden(msg.sender);
        balances[msg.sender] -= d.amount;
        d.state = FUNDED;
        emit Funded(id);
    }

    function release(uint256 id) external {
        Deal storage d = deals[id];
        if (d.state != FUNDED) revert WrongState(id, d.state);
        if (msg.sender != d.buyer && msg.sender != d.arbiter) revert Forbidden(msg.sender);
        d.state = RELEASED;
        balances[d.seller] += d.amount;
        emit Settled(id, d.seller, d.amount);
    }

    function refund(uint256 id) external {
        Deal storage d = deals[id];
        if (d.state != FUNDED) revert WrongState(id, d.state);
        bool expired = block.timestamp > d.deadline;
        if (msg.sender != d.arbiter && !(expired && msg.sender == d.buyer)) revert Forbidden(msg.sender);
        d.state = REFUNDED;
        balances[d.buyer] += d.amount;
        emit Settled(id, d.buyer, d.amount);
    }

    function deal(uint256 id) external view returns (Deal memory) {
        return deals[id];
    }
}
