// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract ConstructorArgs {
    uint256 public number;
    address public who;
    string public text;
    bool public flag;
    bytes32 public tag;
    uint256[] public items;
    int8 public signedSmall;

    constructor(uint256 n, address w, string memory t, bool f, bytes32 g, uint256[] memory xs, int8 s) {
        require(n != 13, "unlucky");
        number = n;
        who = w;
        text = t;
        flag = f;
        tag = g;
        items = xs;
        signedSmall = s;
    }

    function itemCount() external view returns (uint256) {
        return items.length;
    }
}
