import { describe, expect, it } from 'vitest';
import { compile } from '../compile.js';
import { agreeWithIr } from './ir-agreement.js';
import { svmTarget } from './target.js';

const HASHES = `
pragma solidity ^0.8.20;
contract Hashes {
    function h16(uint16[] memory v) external pure returns (bytes32) { return keccak256(abi.encodePacked(v)); }
    function mixed(int8[] memory v, bytes3[] memory b, address[] memory a, uint256 tail) external pure returns (bytes32) {
        return sha256(abi.encodePacked(uint8(1), v, b, a, tail));
    }
    function many(uint256 n) external pure returns (bytes32) {
        uint64[] memory v = new uint64[](n);
        for (uint256 i = 0; i < n; i++) v[i] = uint64(i);
        return keccak256(abi.encodePacked(v));
    }
}`;

describe('abi.encodePacked of memory arrays of value types in a hash', () => {
  const artifact = compile(HASHES, { contract: 'Hashes' });
  it('agrees with the IR (elements padded to 32 bytes, bytesN left-aligned, ints sign-extended)', () => {
    agreeWithIr(HASHES, 'Hashes', [
      ['h16', [[]]],
      ['h16', [[1n, 65535n, 300n]]],
      ['mixed', [[-1n, 5n, -128n], ['0x010203', '0xffeedd'], [0x1234n, 2n ** 159n], 7n]],
      ['mixed', [[], [], [], 0n]],
      ['many', [200n]],
    ]);
  });

  it('an encoding longer than the 8 KiB scratch area fails (Custom 0x3005), never corrupts the heap', () => {
    const svm = svmTarget.deploy(artifact, []).deployment!;
    const result = svm.call('many', [257n]);
    expect({ status: result.status, revert: result.revert }).toEqual({
      status: 'revert',
      revert: { kind: 'raw', data: 'custom program error: 0x3005' },
    });
  });
});
