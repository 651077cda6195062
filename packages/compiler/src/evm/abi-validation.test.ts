import { describe, it } from 'vitest';
import { agree } from './agree.test-util.js';
import { word } from './differential.test-util.js';

const HEADER = '// SPDX-License-Identifier: MIT\npragma solidity ^0.8.0;\n';

describe('malformed call data is rejected exactly as solc rejects it', () => {
  it('short data, dirty words, bad offsets and lengths', () => {
    const src = `${HEADER}
contract Strict {
  function vals(address a, bool b, int8 c, bytes2 d) external pure returns (uint256) { return uint160(a) + (b ? 1 : 0) + uint8(c) + uint16(d); }
  function arr(uint256[] calldata xs) external pure returns (uint256) { return xs.length; }
  function str(string memory s, uint8 k) external pure returns (uint256) { return bytes(s).length + k; }
  function nested(uint8[][] memory xs) external pure returns (uint256 n) { for (uint256 i = 0; i < xs.length; i++) n += xs[i].length; }
}`;
    const M = (1n << 256n) - 1n;
    agree(
      src,
      [
        {
          sig: 'vals(address,bool,int8,bytes2)',
          args: word(0xabc) + word(1) + word(-3) + `abcd${'0'.repeat(60)}`,
        },
        { sig: 'vals(address,bool,int8,bytes2)', args: word(1n << 160n) + word(1) + word(-3) + word(0) },
        { sig: 'vals(address,bool,int8,bytes2)', args: word(1) + word(2) + word(-3) + word(0) },
        { sig: 'vals(address,bool,int8,bytes2)', args: word(1) + word(1) + word(200) + word(0) },
        { sig: 'vals(address,bool,int8,bytes2)', args: word(1) + word(1) + word(1) + word(1) },
        { sig: 'vals(address,bool,int8,bytes2)', args: word(1) + word(1) + word(1) },
        { sig: 'arr(uint256[])', args: word(32) + word(2) + word(5) + word(6) },
        { sig: 'arr(uint256[])', args: word(32) + word(3) + word(5) + word(6) },
        { sig: 'arr(uint256[])', args: word(1n << 64n) + word(1) },
        { sig: 'arr(uint256[])', args: word(32) + word(M) },
        { sig: 'str(string,uint8)', args: word(64) + word(7) + word(3) + '616263'.padEnd(64, '0') },
        { sig: 'str(string,uint8)', args: word(64) + word(7) + word(40) + '616263'.padEnd(64, '0') },
        { sig: 'str(string,uint8)', args: word(64) + word(7) + word(1n << 64n) },
        { sig: 'str(string,uint8)', args: word(64) + word(300) + word(3) + '616263'.padEnd(64, '0') },
        {
          sig: 'nested(uint8[][])',
          args: word(32) + word(2) + word(64) + word(128) + word(1) + word(9) + word(1) + word(8),
        },
        {
          sig: 'nested(uint8[][])',
          args: word(32) + word(2) + word(64) + word(128) + word(1) + word(9) + word(1) + word(256),
        },
        { sig: 'nested(uint8[][])', args: word(32) + word(2) + word(64) + word(4096) + word(1) + word(9) },
        { sig: 'nested(uint8[][])', args: word(32) + word(1) },
      ],
      '',
      { requireSuccesses: false },
    );
  });
});
