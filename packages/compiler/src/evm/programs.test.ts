import { describe, it } from 'vitest';
import { agree } from './agree.test-util.js';
import { word } from './differential.test-util.js';

const HEADER = '// SPDX-License-Identifier: MIT\npragma solidity ^0.8.0;\n';

describe('whole programs: polyvm EVM code agrees with solc', () => {
  it('constant-product AMM with 256-bit math and sqrt', () => {
    const src = `${HEADER}
contract Amm {
  uint112 public reserve0; uint112 public reserve1; uint32 public lastBlock;
  uint256 public totalShares;
  mapping(address => uint256) public shares;
  event Swap(address indexed who, uint256 amountIn, uint256 amountOut, bool zeroForOne);
  function sqrt(uint256 y) internal pure returns (uint256 z) {
    if (y > 3) { z = y; uint256 x = y / 2 + 1; while (x < z) { z = x; x = (y / x + x) / 2; } } else if (y != 0) { z = 1; }
  }
  function addLiquidity(uint112 a0, uint112 a1) external returns (uint256 minted) {
    if (totalShares == 0) minted = sqrt(uint256(a0) * a1);
    else minted = min(uint256(a0) * totalShares / reserve0, uint256(a1) * totalShares / reserve1);
    require(minted > 0, "no shares");
    shares[msg.sender] += minted; totalShares += minted;
    reserve0 += a0; reserve1 += a1; lastBlock = uint32(block.number);
  }
  function min(uint256 a, uint256 b) private pure returns (uint256) { return a < b ? a : b; }
  function getAmountOut(uint256 amountIn, uint256 rIn, uint256 rOut) public pure returns (uint256) {
    uint256 withFee = amountIn * 997;
    return withFee * rOut / (rIn * 1000 + withFee);
  }
  function swap(uint256 amountIn, bool zeroForOne) external returns (uint256 out) {
    uint256 rIn; uint256 rOut;
    if (zeroForOne) (rIn, rOut) = (reserve0, reserve1); else (rIn, rOut) = (reserve1, reserve0);
    out = getAmountOut(amountIn, rIn, rOut);
    if (zeroForOne) { reserve0 = uint112(rIn + amountIn); reserve1 = uint112(rOut - out); }
    else { reserve1 = uint112(rIn + amountIn); reserve0 = uint112(rOut - out); }
    emit Swap(msg.sender, amountIn, out, zeroForOne);
  }
}`;
    agree(src, [
      { sig: 'addLiquidity(uint112,uint112)', args: word(10n ** 20n) + word(4n * 10n ** 20n) },
      { sig: 'addLiquidity(uint112,uint112)', args: word(5) + word(20) },
      { sig: 'swap(uint256,bool)', args: word(10n ** 18n) + word(1) },
      { sig: 'swap(uint256,bool)', args: word(10n ** 18n) + word(0) },
      { sig: 'getAmountOut(uint256,uint256,uint256)', args: word(1) + word(0) + word(0) },
      { sig: 'getAmountOut(uint256,uint256,uint256)', args: word(1n << 250n) + word(1) + word(1) },
      { sig: 'reserve0()' },
      { sig: 'reserve1()' },
      { sig: 'lastBlock()' },
      { sig: 'addLiquidity(uint112,uint112)', args: word(0) + word(0) },
    ]);
  });

  it('merkle proofs, multisig votes with struct arrays, string arrays in calldata', () => {
    const src = `${HEADER}
contract Multi {
  struct Proposal { address target; uint256 votes; bool executed; string title; uint8[] tags; }
  Proposal[] public proposals;
  mapping(uint256 => mapping(address => bool)) public voted;
  address[] public owners;
  uint256 public threshold;
  error NotOwner(address who);
  constructor(address[] memory _owners, uint256 _threshold) { owners = _owners; threshold = _threshold; }
  function isOwner(address a) public view returns (bool) {
    for (uint256 i = 0; i < owners.length; i++) if (owners[i] == a) return true;
    return false;
  }
  function propose(address target, string calldata title, uint8[] calldata tags) external returns (uint256 id) {
    if (!isOwner(msg.sender)) revert NotOwner(msg.sender);
    proposals.push(Proposal(target, 0, false, title, tags));
    return proposals.length - 1;
  }
  function vote(uint256 id) external {
    require(!voted[id][msg.sender], "already voted");
    voted[id][msg.sender] = true;
    Proposal storage p = proposals[id];
    p.votes++;
    if (p.votes >= threshold) p.executed = true;
  }
  function get(uint256 id) external view returns (Proposal memory) { return proposals[id]; }
  function verify(bytes32[] memory proof, bytes32 root, bytes32 leaf) public pure returns (bool) {
    bytes32 h = leaf;
    for (uint256 i = 0; i < proof.length; i++) {
      bytes32 p = proof[i];
      h = h <= p ? keccak256(abi.encodePacked(h, p)) : keccak256(abi.encodePacked(p, h));
    }
    return h == root;
  }
  function joined(string[] memory parts) external pure returns (string memory out, uint256 n) {
    n = parts.length;
    out = parts[n - 1];
  }
  function pairs(uint256 n) external pure returns (Pair[] memory out) {
    out = new Pair[](n);
    for (uint256 i = 0; i < n; i++) { out[i].a = i; out[i].b = int8(int256(i)) - 3; }
  }
  struct Pair { uint256 a; int8 b; }
}`;
    const A = 0xa11ce;
    const B = 0xb0b;
    const ctor = word(64) + word(1) + word(2) + word(A) + word(B);
    const str = (hexData: string) =>
      word(hexData.length / 2) + hexData.padEnd(Math.ceil(hexData.length / 64) * 64, '0');
    agree(
      src,
      [
        { sig: 'threshold()' },
        { sig: 'owners(uint256)', args: word(1) },
        {
          sig: 'propose(address,string,uint8[])',
          args: word(0xdead) + word(96) + word(160) + str('68656c6c6f') + word(2) + word(1) + word(200),
        },
        {
          sig: 'propose(address,string,uint8[])',
          args: word(0xdead) + word(96) + word(160) + str('') + word(0),
          from: 0xccc,
        },
        {
          sig: 'propose(address,string,uint8[])',
          args: word(0xdead) + word(96) + word(160) + str('') + word(1) + word(256),
        },
        { sig: 'vote(uint256)', args: word(0) },
        { sig: 'vote(uint256)', args: word(0) },
        { sig: 'vote(uint256)', args: word(0), from: B },
        { sig: 'get(uint256)', args: word(0) },
        { sig: 'vote(uint256)', args: word(1) },
        {
          sig: 'verify(bytes32[],bytes32,bytes32)',
          args: word(96) + word(5) + word(7) + word(2) + word(1) + word(9),
        },
        {
          sig: 'joined(string[])',
          args: word(32) + word(2) + word(64) + word(128) + str('6869') + str('7468657265'),
        },
        { sig: 'pairs(uint256)', args: word(3) },
      ],
      ctor,
    );
  });
});
