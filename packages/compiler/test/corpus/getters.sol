// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Getters {
    struct Info { uint64 id; string name; uint256[] tags; bool active; }

    uint256[] public list;
    uint8[3] public triple;
    mapping(address => mapping(uint256 => uint256)) public nested;
    mapping(uint256 => Info) public infos;
    string public constant VERSION = "1.0.0";
    uint256 public constant LIMIT = 10 ** 18;
    bytes32 public constant ROLE = keccak256("ADMIN");

    constructor() {
        list.push(4);
        list.push(5);
        triple[2] = 7;
        nested[msg.sender][1] = 42;
        infos[3].id = 3;
        infos[3].name = "three";
        infos[3].tags.push(1);
        infos[3].active = true;
    }
}
