import { describe, expect, it } from 'vitest';
import { encodeCall, encodeTuple, selector, topicOf } from './abi.js';
import { decodeEvent, decodeRevertReason, parseContractAbi } from './contract-abi.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('Solidity ABI codec and revert decoding', () => {
  it('computes selectors as solc does', () => {
    // Well-known selectors: ERC-20 transfer and balanceOf, Error(string), Panic(uint256).
    expect(hex(selector('transfer(address,uint)'))).toBe('a9059cbb');
    expect(hex(selector('balanceOf(address)'))).toBe('70a08231');
    expect(hex(selector('Error(string)'))).toBe('08c379a0');
    expect(hex(selector('Panic(uint256)'))).toBe('4e487b71');
  });

  it('encodes static and dynamic arguments with head/tail offsets', () => {
    const data = encodeCall('f(uint256,string)', [5n, 'ab']);
    expect(hex(data.subarray(4))).toBe(
      `${'0'.repeat(63)}5${'0'.repeat(62)}40${'0'.repeat(63)}2${'6162'.padEnd(64, '0')}`,
    );
    expect(() => encodeCall('f(uint8)', [256n])).toThrow('256 does not fit uint8');
    expect(() => encodeCall('f((uint8))', [1n])).toThrow('bad function signature');
  });

  it('decodes Error(string), Panic(uint256) and custom errors from an ABI', () => {
    expect(decodeRevertReason(encodeCall('Error(string)', ['low balance']))).toBe('Error("low balance")');
    expect(decodeRevertReason(encodeCall('Panic(uint256)', [0x11n]))).toBe(
      'Panic(0x11: arithmetic overflow or underflow)',
    );
    const abi = parseContractAbi(
      {
        abi: [
          {
            type: 'error',
            name: 'InsufficientBalance',
            inputs: [
              { name: 'have', type: 'uint256' },
              { name: 'want', type: 'uint256' },
            ],
          },
        ],
      },
      'test',
    );
    expect(decodeRevertReason(encodeCall('InsufficientBalance(uint256,uint256)', [1n, 2n]), abi)).toBe(
      'InsufficientBalance(have=1, want=2)',
    );
    expect(decodeRevertReason(Uint8Array.of(1, 2, 3, 4))).toBe('unknown revert data 0x01020304');
    expect(decodeRevertReason(new Uint8Array(0))).toBeUndefined();
  });

  it('decodes events with indexed topics', () => {
    const abi = parseContractAbi(
      [
        {
          type: 'event',
          name: 'Transfer',
          inputs: [
            { name: 'from', type: 'address', indexed: true },
            { name: 'to', type: 'address', indexed: true },
            { name: 'value', type: 'uint256', indexed: false },
          ],
        },
      ],
      'test',
    );
    const from = new Uint8Array(20).fill(1);
    const to = new Uint8Array(20).fill(2);
    const topics = [
      topicOf('Transfer(address,address,uint256)'),
      encodeTuple(['address'], [from]),
      encodeTuple(['address'], [to]),
    ];
    expect(decodeEvent(topics, encodeTuple(['uint256'], [9n]), abi)).toBe(
      `Transfer(from=0x${'01'.repeat(20)}, to=0x${'02'.repeat(20)}, value=9)`,
    );
  });
});
