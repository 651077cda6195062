import { bytesToHex } from '@noble/hashes/utils.js';
import { assembleToBytes } from '@polyvm/move-lite';
import { describe, expect, it } from 'vitest';
import { compileSources } from '../compile.js';
import { MOVE_ADDRESS_BYTES } from './module-gen.js';
import { moveTarget } from './target.js';

const SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;
contract Counter {
  uint64 public count;
  function bump(uint64 by) external returns (uint64) { count += by; return count; }
}`;

describe('move listing (`polyvm build --targets move --emit asm`)', () => {
  it('is move-lite assembler text that assembles to exactly the built module', () => {
    const artifact = compileSources({ 'counter.sol': SOURCE }).artifact('counter.sol', 'Counter');
    const build = moveTarget.build(artifact);
    expect(build.listing?.format).toBe('asm');
    expect(build.listing!.text).toMatch(/^module 0x0+a11ce::Counter\n/);
    const again = assembleToBytes(build.listing!.text, { addressWidth: MOVE_ADDRESS_BYTES });
    expect(bytesToHex(again)).toBe(bytesToHex(build.code));
  });
});
