// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Strings {
    string public title = "short";
    string public body;
    bytes public blob;
    string[] public names;

    event Renamed(string from, string to);

    function setTitle(string calldata next) external {
        emit Renamed(title, next);
        title = next;
    }

    function setBody(string memory next) external returns (uint256) {
        body = next;
        return bytes(next).length;
    }

    function setBlob(bytes calldata next) external {
        blob = next;
    }

    function addName(string calldata name) external {
        names.push(name);
    }

    function clear() external {
        delete title;
        delete body;
        delete blob;
    }

    function pick(bool first) external view returns (string memory) {
        return first ? title : body;
    }

    function literal() external pure returns (string memory, bytes memory) {
        return ("hello, world", hex"00ff");
    }
}
