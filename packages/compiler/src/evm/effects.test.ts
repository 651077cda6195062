import { describe, it } from 'vitest';
import { agree } from './agree.test-util.js';
import { word } from './differential.test-util.js';

const HEADER = '// SPDX-License-Identifier: MIT\npragma solidity ^0.8.0;\n';

describe('events, errors, bytes and constructor arguments agree with solc', () => {
  it('indexed strings, anonymous events, array data, custom errors with strings', () => {
    const src = `${HEADER}
contract Effects {
  string public label;
  bytes32 public tag;
  event Named(string indexed name, string plain, uint8 indexed kind);
  event Anon(uint256 indexed a, bytes32 indexed b, address c) anonymous;
  event Batch(uint256[] values, int16 delta);
  event Hashed(uint256[] indexed values, int8[2] indexed pair);
  error Bad(string why, int24 code);
  constructor(string memory l, bytes32 t) { label = l; tag = t; }
  function named(string memory n, uint8 k) external { emit Named(n, n, k); }
  function anon() external { emit Anon(7, tag, msg.sender); }
  function batch(uint256 n) external {
    uint256[] memory v = new uint256[](n);
    for (uint256 i = 0; i < n; i++) v[i] = i + 1;
    emit Batch(v, -3);
    int8[2] memory pair = [int8(-1), 5];
    emit Hashed(v, pair);
  }
  function fail(int24 c) external pure { revert Bad("nope", c); }
  function failMsg(bool long) external pure {
    if (long) revert("this reason is definitely longer than thirty-two bytes");
    revert("short");
  }
  function assertion(uint256 x) external pure { assert(x != 3); }
  function sameLabel(string memory other) external view returns (bool) {
    return keccak256(bytes(other)) == keccak256(bytes(label));
  }
  function head(bytes memory data) external pure returns (bytes4, bytes32) { return (bytes4(data), bytes32(data)); }
  function timing() external view returns (uint256, uint256) { return (block.number, block.timestamp); }
}`;
    const str = (h: string) => word(h.length / 2) + h.padEnd(Math.ceil(h.length / 64) * 64, '0');
    const ctor = word(64) + word(0xbeef) + str('746f6b656e');
    agree(
      src,
      [
        { sig: 'label()' },
        { sig: 'tag()' },
        { sig: 'named(string,uint8)', args: word(64) + word(3) + str('616263') },
        { sig: 'anon()' },
        { sig: 'batch(uint256)', args: word(3) },
        { sig: 'fail(int24)', args: word(-5) },
        { sig: 'failMsg(bool)', args: word(1) },
        { sig: 'failMsg(bool)', args: word(0) },
        { sig: 'assertion(uint256)', args: word(3) },
        { sig: 'assertion(uint256)', args: word(4) },
        { sig: 'sameLabel(string)', args: word(32) + str('746f6b656e') },
        { sig: 'sameLabel(string)', args: word(32) + str('746f6b') },
        { sig: 'timing()' },
        { sig: 'head(bytes)', args: word(32) + str('a1b2') },
        { sig: 'head(bytes)', args: word(32) + str('a1b2c3d4e5'.repeat(8)) },
      ],
      ctor,
    );
  });
});
