// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// A merkle-proof verifier with sorted-pair hashing (OpenZeppelin MerkleProof's scheme) and an airdrop
/// claim that marks leaves as used in a packed bitmap.
contract MerkleAirdrop {
    bytes32 public root;
    mapping(uint256 => uint256) internal claimedBitmap;
    mapping(address => uint256) public claimed;

    event Claimed(uint256 index, address account, uint256 amount);

    constructor(bytes32 root_) {
        root = root_;
    }

    function leaf(uint256 index, address account, uint256 amount) public pure returns (bytes32) {
        return keccak256(abi.encodePacked(index, account, amount));
    }

    function hashPair(bytes32 a, bytes32 b) public pure returns (bytes32) {
        return a < b ? keccak256(abi.encodePacked(a, b)) : keccak256(abi.encodePacked(b, a));
    }

    function processProof(bytes32[] memory proof, bytes32 node) public pure returns (bytes32) {
        for (uint256 i = 0; i < proof.length; i++) node = hashPair(node, proof[i]);
        return node;
    }

    function verify(bytes32[] calldata proof, bytes32 node) public view returns (bool) {
        return processProof(proof, node) == root;
    }

    function isClaimed(uint256 index) public view returns (bool) {
        uint256 word = claimedBitmap[index / 256];
        uint256 mask = 1 << (index % 256);
        return word & mask == mask;
    }

    function claim(uint256 index, address account, uint256 amount, bytes32[] calldata proof) external {
        require(!isClaimed(index), "already claimed");
        require(verify(proof, leaf(index, account, amount)), "invalid proof");
        claimedBitmap[index / 256] |= 1 << (index % 256);
        claimed[account] += amount;
        emit Claimed(index, account, amount);
    }
}
