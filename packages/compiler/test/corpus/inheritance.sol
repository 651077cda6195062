// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Owned {
    address public owner;
    uint8 internal level = 1;

    constructor(address owner_) {
        owner = owner_;
    }

    function describe() public view virtual returns (uint256) {
        return level;
    }

    function bump() public virtual {
        level += 1;
    }
}

contract Named {
    string public label;
    uint16 internal version;

    constructor(string memory label_, uint16 version_) {
        label = label_;
        version = version_;
    }
}

contract Counter is Owned, Named {
    uint256 public count;

    constructor(uint256 start) Owned(msg.sender) Named("counter", uint16(start)) {
        count = start;
        level = 5;
    }

    function describe() public view virtual override returns (uint256) {
        return level * 1000 + version + count;
    }

    function increment() external {
        require(msg.sender == owner, "not owner");
        count += 1;
        bump();
    }

    function bump() public override {
        level += 2;
    }

    function whole() external view returns (uint256) {
        return describe();
    }
}

contract Leaf is Counter(40) {
    uint256 public extra = 3;

    function describe() public view override returns (uint256) {
        return extra + count;
    }
}
