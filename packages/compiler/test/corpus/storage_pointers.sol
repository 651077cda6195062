// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract StoragePointers {
    struct Vault { uint256 balance; uint32 deposits; address last; }
    mapping(address => Vault) internal vaults;
    Vault[] internal history;

    function deposit(uint256 amount) external returns (uint256) {
        Vault storage v = vaults[msg.sender];
        _credit(v, amount);
        history.push(v);
        return v.balance;
    }

    function _credit(Vault storage v, uint256 amount) internal {
        v.balance += amount;
        v.deposits += 1;
        v.last = msg.sender;
    }

    function transfer(address to, uint256 amount) external {
        Vault storage from = vaults[msg.sender];
        Vault storage dest = vaults[to];
        require(from.balance >= amount, "insufficient");
        from.balance -= amount;
        _credit(dest, amount);
    }

    function vaultOf(address a) external view returns (uint256, uint32, address) {
        Vault memory v = vaults[a];
        return (v.balance, v.deposits, v.last);
    }

    function historyAt(uint256 i) external view returns (uint256, uint32) {
        Vault storage h = history[i];
        return (h.balance, h.deposits);
    }
}
