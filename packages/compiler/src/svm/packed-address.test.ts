import { describe, expect, it } from 'vitest';
import { compile } from '../compile.js';
import { agreeWithIr } from './ir-agreement.js';
import { svmTarget } from './target.js';

const PACKED = `
pragma solidity ^0.8.20;
contract Packed {
    struct Vault { address owner; uint64 amount; bool open; }
    uint32 public before;
    address public owner;
    uint64 public tag;
    mapping(uint256 => Vault) public vaults;
    function claim(uint64 t) external { before = 7; owner = msg.sender; tag = t; }
    function open(uint256 id, uint64 amount) external {
        Vault storage v = vaults[id];
        v.amount = amount;
        v.owner = msg.sender;
        v.open = true;
    }
    function setOwner(uint256 id, address who) external { vaults[id].owner = who; }
    function ownerOf(uint256 id) external view returns (address, uint64, bool) {
        Vault memory v = vaults[id];
        return (v.owner, v.amount, v.open);
    }
}`;

describe('an address sharing a storage slot keeps solc 20 bytes', () => {
  const artifact = compile(PACKED, { contract: 'Packed' });
  const sender = { sender: 0xabcdef0123456789abcdef0123456789abcdef01n };

  it('agrees with the IR on returns and final storage (solc offsets of the neighbours)', () => {
    agreeWithIr(
      PACKED,
      'Packed',
      [
        ['claim', [9n]],
        ['owner', []],
        ['tag', []],
        ['before', []],
        ['open', [1n, 500n]],
        ['setOwner', [1n, 0x1234n]],
        ['ownerOf', [1n]],
        ['vaults', [1n]],
      ],
      sender,
    );
  });

  it('a pubkey above 2^160 is refused (Custom 0x3004), never truncated, and the state is unchanged', () => {
    const svm = svmTarget.deploy(artifact, []).deployment!;
    svm.call('claim', [9n], sender);
    const before = svm.storage();
    const wide = { sender: 2n ** 200n + 5n };
    for (const [fn, args] of [
      ['claim', [1n]],
      ['open', [2n, 1n]],
    ] as Array<[string, unknown[]]>) {
      const result = svm.call(fn, args as never, wide);
      expect({ fn, status: result.status, revert: result.revert }).toEqual({
        fn,
        status: 'revert',
        revert: { kind: 'raw', data: 'custom program error: 0x3004' },
      });
    }
    expect(svm.storage()).toEqual(before);
  });
});
