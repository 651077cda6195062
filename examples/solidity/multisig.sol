// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// A multisig vote counter: owners propose actions, confirm them, and an action executes (records its
/// payload) once it has `threshold` confirmations.
contract MultisigVotes {
    struct Proposal {
        address proposer;
        bytes32 payload;
        uint32 confirmations;
        bool executed;
    }

    address[] public owners;
    mapping(address => bool) public isOwner;
    uint32 public threshold;
    Proposal[] internal proposals;
    mapping(uint256 => mapping(address => bool)) public confirmed;
    bytes32 public lastExecuted;

    event Proposed(uint256 indexed id, address indexed proposer, bytes32 payload);
    event Confirmed(uint256 indexed id, address indexed owner, uint32 confirmations);
    event Revoked(uint256 indexed id, address indexed owner);
    event Executed(uint256 indexed id, bytes32 payload);

    error NotOwner(address caller);
    error UnknownProposal(uint256 id);
    error AlreadyExecuted(uint256 id);
    error NotEnoughConfirmations(uint32 have, uint32 need);

    constructor(address[] memory owners_, uint32 threshold_) {
        require(owners_.length > 0, "no owners");
        require(threshold_ > 0 && threshold_ <= owners_.length, "bad threshold");
        for (uint256 i = 0; i < owners_.length; i++) {
            address owner = owners_[i];
            require(owner != address(0) && !isOwner[owner], "bad owner");
            isOwner[owner] = true;
            owners.push(owner);
        }
        threshold = threshold_;
    }

    function _onlyOwner() internal view {
        if (!isOwner[msg.sender]) revert NotOwner(msg.sender);
    }

    function _proposal(uint256 id) internal view returns (Proposal storage p) {
        if (id >= proposals.length) revert UnknownProposal(id);
        p = proposals[id];
        if (p.executed) revert AlreadyExecuted(id);
    }

    function propose(bytes32 payload) external returns (uint256 id) {
        _onlyOwner();
        id = proposals.length;
        proposals.push(Proposal(msg.sender, payload, 0, false));
        emit Proposed(id, msg.sender, payload);
        confirm(id);
    }

    function confirm(uint256 id) public {
        _onlyOwner();
        Proposal storage p = _proposal(id);
        require(!confirmed[id][msg.sender], "already confirmed");
        confirmed[id][msg.sender] = true;
        p.confirmations += 1;
        emit Confirmed(id, msg.sender, p.confirmations);
    }

    function revoke(uint256 id) external {
        _onlyOwner();
        Proposal storage p = _proposal(id);
        require(confirmed[id][msg.sender], "not confirmed");
        confirmed[id][msg.sender] = false;
        p.confirmations -= 1;
        emit Revoked(id, msg.sender);
    }

    function execute(uint256 id) external {
        _onlyOwner();
        Proposal storage p = _proposal(id);
        if (p.confirmations < threshold) revert NotEnoughConfirmations(p.confirmations, threshold);
        p.executed = true;
        lastExecuted = p.payload;
        emit Executed(id, p.payload);
    }

    function proposal(uint256 id) external view returns (address, bytes32, uint32, bool) {
        Proposal memory p = proposals[id];
        return (p.proposer, p.payload, p.confirmations, p.executed);
    }

    function proposalCount() external view returns (uint256) {
        return proposals.length;
    }
}
