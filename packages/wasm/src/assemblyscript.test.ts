import { JournaledState } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { ascToWasm } from './assemblyscript.js';
import { accountIdToAddress } from './near/account.js';
import { NearRuntime } from './near/runtime.js';

/** A NEAR contract in AssemblyScript: reads a u32 n from the input, returns fib(n) as a u64. */
const FIB_AS = `
@external("env", "input") declare function input(register: u64): void;
@external("env", "read_register") declare function read_register(register: u64, ptr: u64): void;
@external("env", "value_return") declare function value_return(len: u64, ptr: u64): void;

function fib(n: u32): u64 {
  return n < 2 ? <u64>n : fib(n - 1) + fib(n - 2);
}

export function run(): void {
  const buffer = memory.data(16);
  input(0);
  read_register(0, <u64>buffer);
  store<u64>(buffer, fib(load<u32>(buffer)));
  value_return(8, <u64>buffer);
}
`;

describe('AssemblyScript path', () => {
  it('compiles a NEAR contract in process and runs it metered', async () => {
    const code = await ascToWasm(FIB_AS);
    const rt = new NearRuntime();
    const state = new JournaledState();
    const contract = accountIdToAddress('fib.near');
    const sender = accountIdToAddress('alice.near');
    const deploy = rt.deploy(state, { sender, address: contract, code, gasLimit: 300_000_000_000_000n });
    expect(deploy.error).toBeUndefined();
    const input = new Uint8Array(4);
    input[0] = 20;
    const r = rt.call(state, {
      sender,
      to: contract,
      input,
      value: 0n,
      gasLimit: 300_000_000_000_000n,
      nonce: 0n,
      payload: { method: 'run' },
    });
    expect(r.status).toBe('success');
    expect(new DataView(r.returnData.buffer, r.returnData.byteOffset).getBigUint64(0, true)).toBe(6765n);
    expect(r.gasBreakdown.compute).toBeGreaterThan(0);
  });

  it('reports compile errors as DecodeError', async () => {
    await expect(ascToWasm('export function f(): i32 { return nope; }')).rejects.toThrow(/AssemblyScript/);
  });
});
