// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Events {
    event Plain(uint256 a, bool b, address c);
    event Indexed(address indexed from, uint256 indexed id, bytes32 indexed tag, int64 value);
    event WithString(string indexed key, string value, uint8 small);
    event Anonymous(uint256 indexed a, uint256 b) anonymous;
    event Empty();
    event Overloaded(uint256 a);
    event Overloaded(address a);

    uint256 public count;

    function fire(uint256 a, int64 v, string calldata key) external {
        emit Plain(a, a % 2 == 1, msg.sender);
        emit Indexed(msg.sender, a, keccak256(abi.encodePacked(a)), v);
        emit WithString(key, key, uint8(a));
        emit Anonymous(a, a + 1);
        emit Empty();
        emit Overloaded(a);
        emit Overloaded(msg.sender);
        count++;
    }

    function fireThenRevert(uint256 a) external {
        emit Plain(a, true, msg.sender);
        count++;
        require(a == 0, "reverted after emit");
    }
}
