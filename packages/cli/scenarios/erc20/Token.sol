// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// A minimal ERC-20 (EIP-20 transfer, balanceOf, totalSupply and the Transfer event): the supply is
/// minted to the deployer by the constructor. Written for polyvm's token scenario.
contract Token {
    string public constant name = "Poly";
    string public constant symbol = "POLY";
    uint8 public constant decimals = 18;
    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;

    event Transfer(address indexed from, address indexed to, uint256 value);

    error InsufficientBalance(uint256 available, uint256 required);

    constructor(uint256 supply) {
        totalSupply = supply;
        balanceOf[msg.sender] = supply;
        emit Transfer(address(0), msg.sender, supply);
    }

    function transfer(address to, uint256 value) external returns (bool) {
        uint256 available = balanceOf[msg.sender];
        if (available < value) revert InsufficientBalance(available, value);
        unchecked {
            balanceOf[msg.sender] = available - value;
        }
        balanceOf[to] += value;
        emit Transfer(msg.sender, to, value);
        return true;
    }

    function burnAll() external pure {
        require(false, "burning is not allowed");
    }
}
