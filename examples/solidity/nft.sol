// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// A minimal ERC-721: mint, transfer, approvals and the standard events.
contract Nft {
    string public name = "Polyvm Collectible";
    string public symbol = "PVC";
    address public minter;
    uint256 public nextId = 1;
    mapping(uint256 => address) public ownerOf;
    mapping(address => uint256) public balanceOf;
    mapping(uint256 => address) public getApproved;
    mapping(address => mapping(address => bool)) public isApprovedForAll;
    mapping(uint256 => bytes32) public tokenSeed;

    event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);
    event Approval(address indexed owner, address indexed approved, uint256 indexed tokenId);
    event ApprovalForAll(address indexed owner, address indexed operator, bool approved);

    error NotMinter(address caller);
    error NotAuthorized(address caller, uint256 tokenId);
    error NonexistentToken(uint256 tokenId);

    constructor() {
        minter = msg.sender;
    }

    function mint(address to) external returns (uint256 id) {
        if (msg.sender != minter) revert NotMinter(msg.sender);
        require(to != address(0), "mint to zero");
        id = nextId++;
        ownerOf[id] = to;
        balanceOf[to] += 1;
        tokenSeed[id] = keccak256(abi.encodePacked(to, id, block.number));
        emit Transfer(address(0), to, id);
    }

    function approve(address spender, uint256 id) external {
        address owner = ownerOf[id];
        if (owner == address(0)) revert NonexistentToken(id);
        if (msg.sender != owner && !isApprovedForAll[owner][msg.sender]) revert NotAuthorized(msg.sender, id);
        getApproved[id] = spender;
        emit Approval(owner, spender, id);
    }

    function setApprovalForAll(address operator, bool approved) external {
        isApprovedForAll[msg.sender][operator] = approved;
        emit ApprovalForAll(msg.sender, operator, approved);
    }

    function transferFrom(address from, address to, uint256 id) public {
        address owner = ownerOf[id];
        if (owner == address(0)) revert NonexistentToken(id);
        require(owner == from, "wrong from");
        require(to != address(0), "transfer to zero");
        bool allowed = msg.sender == owner || getApproved[id] == msg.sender || isApprovedForAll[owner][msg.sender];
        if (!allowed) revert NotAuthorized(msg.sender, id);
        balanceOf[from] -= 1;
        balanceOf[to] += 1;
        ownerOf[id] = to;
        delete getApproved[id];
        emit Transfer(from, to, id);
    }

    function burn(uint256 id) external {
        address owner = ownerOf[id];
        if (msg.sender != owner) revert NotAuthorized(msg.sender, id);
        balanceOf[owner] -= 1;
        delete ownerOf[id];
        delete getApproved[id];
        delete tokenSeed[id];
        emit Transfer(owner, address(0), id);
    }
}
