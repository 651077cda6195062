// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Mappings {
    mapping(address => mapping(uint256 => bool)) public used;
    mapping(bytes32 => uint256) public byHash;
    mapping(string => uint256) public byName;
    mapping(int8 => int256) public bySigned;
    mapping(bool => uint8) public byBool;
    mapping(uint256 => uint256[]) internal lists;
    mapping(bytes4 => address) public bySelector;

    function use(uint256 nonce) external {
        require(!used[msg.sender][nonce], "nonce used");
        used[msg.sender][nonce] = true;
    }

    function put(bytes32 h, string calldata name, int8 k, bool b) external {
        byHash[h] += 1;
        byName[name] = uint256(h) >> 200;
        bySigned[k] = -int256(uint256(uint8(k)));
        byBool[b] += 2;
    }

    function append(uint256 key, uint256 value) external returns (uint256) {
        lists[key].push(value);
        return lists[key].length;
    }

    function listOf(uint256 key) external view returns (uint256[] memory) {
        return lists[key];
    }

    function setSelector(bytes4 s) external {
        bySelector[s] = msg.sender;
    }

    function forget(string calldata name) external {
        delete byName[name];
    }
}
