import {
  addressFromNumber,
  bigIntToBytes,
  bytesToBigInt,
  type ExecuteOptions,
  ExecutionError,
  GasMeter,
  type GasSchedule,
  type JournaledState,
  makeReceipt,
  OutOfGasError,
  type PolyvmError,
  type Receipt,
  type Runtime,
  type RuntimeFactory,
  type Transaction,
  type WorkloadImplementation,
  type WorkloadSpec,
} from '@polyvm/core';

/**
 * A tiny stack machine for the CLI's tests: just enough of a real runtime (gas meter, journaled
 * storage, receipts, step tracing) that the compare and trace commands run end to end without the
 * four real VMs. Values are u64; storage keys and values are 8-byte big-endian.
 */
export const Op = {
  PUSH: 0x01, // followed by an 8-byte big-endian immediate
  ADD: 0x02,
  MUL: 0x03,
  LOAD: 0x04, // key -> value
  STORE: 0x05, // key value ->
  RETURN: 0x06, // value -> (halts, returns 8 bytes)
  FAIL: 0x07, // halts with a revert
} as const;

const NAMES: Record<number, string> = Object.fromEntries(Object.entries(Op).map(([k, v]) => [v, k]));
const U64 = (1n << 64n) - 1n;
const CODE_NS = 'fake/code';
const STORAGE_NS = 'fake/storage';

export function assemble(...ops: Array<keyof typeof Op | bigint>): Uint8Array {
  const out: number[] = [];
  for (const op of ops) {
    if (typeof op === 'bigint') out.push(...bigIntToBytes(op, 8));
    else out.push(Op[op]);
  }
  return Uint8Array.from(out);
}

function schedule(runtime: string, referenceOpCost: number): GasSchedule {
  return {
    runtime,
    name: 'fake',
    unit: `${runtime}-gas`,
    source: 'test double',
    referenceOpCost,
    entries: [
      { name: 'arith', category: 'compute', cost: referenceOpCost },
      { name: 'load', category: 'storage', cost: 10 * referenceOpCost },
      { name: 'store', category: 'storage', cost: 100 * referenceOpCost },
    ],
  };
}

class FakeRuntime implements Runtime {
  readonly addressWidth = 8;
  readonly gasSchedule: GasSchedule;
  constructor(
    readonly name: string,
    readonly unit: number,
  ) {
    this.gasSchedule = schedule(name, unit);
  }

  deploy(state: JournaledState, request: { code: Uint8Array; address?: Uint8Array }): Receipt {
    const address = request.address ?? addressFromNumber(1, this.addressWidth);
    state.set(CODE_NS, address, request.code);
    return makeReceipt({ status: 'success', gasUsed: request.code.length, createdAddress: address });
  }

  execute(state: JournaledState, tx: Transaction, options?: ExecuteOptions): Receipt {
    state.checkpoint();
    const receipt = this.#run(state, tx, options);
    if (receipt.status === 'success') state.commit();
    else state.revert();
    return receipt;
  }

  call(state: JournaledState, tx: Transaction, options?: ExecuteOptions): Receipt {
    state.checkpoint();
    const receipt = this.#run(state, tx, options);
    state.revert();
    return receipt;
  }

  estimate(state: JournaledState, tx: Transaction): number {
    return this.call(state, tx).gasUsed;
  }

  #run(state: JournaledState, tx: Transaction, options?: ExecuteOptions): Receipt {
    const code = tx.to ? state.get(CODE_NS, tx.to) : undefined;
    if (!code) {
      return makeReceipt({ status: 'invalid', gasUsed: 0, error: new ExecutionError('no code') });
    }
    const gas = new GasMeter(Number(tx.gasLimit));
    const accesses = state.beginMetrics();
    const stack: bigint[] = [];
    let instructions = 0;
    const pop = (): bigint => {
      const v = stack.pop();
      if (v === undefined) throw new ExecutionError('stack underflow');
      return v;
    };
    const finish = (status: Receipt['status'], returnData: Uint8Array, error?: PolyvmError): Receipt =>
      makeReceipt({
        status,
        gasUsed: gas.used,
        gasBreakdown: gas.breakdown(),
        returnData,
        metrics: { instructions, state: accesses.end() },
        ...(error ? { error } : {}),
      });
    try {
      for (let pc = 0; pc < code.length; ) {
        const op = code[pc]!;
        const cost = op === Op.LOAD ? 10 * this.unit : op === Op.STORE ? 100 * this.unit : this.unit;
        options?.tracer?.({
          runtime: this.name,
          depth: 0,
          pc,
          op: NAMES[op] ?? `0x${op.toString(16)}`,
          gasBefore: gas.remaining,
          gasCost: cost,
          stack: stack.map(String),
        });
        gas.charge(cost, op === Op.LOAD || op === Op.STORE ? 'storage' : 'compute');
        instructions++;
        switch (op) {
          case Op.PUSH:
            stack.push(bytesToBigInt(code.subarray(pc + 1, pc + 9)));
            pc += 9;
            continue;
          case Op.ADD:
            stack.push((pop() + pop()) & U64);
            break;
          case Op.MUL:
            stack.push((pop() * pop()) & U64);
            break;
          case Op.LOAD: {
            const value = state.get(STORAGE_NS, bigIntToBytes(pop(), 8));
            stack.push(value ? bytesToBigInt(value) : 0n);
            break;
          }
          case Op.STORE: {
            const value = pop();
            state.set(STORAGE_NS, bigIntToBytes(pop(), 8), bigIntToBytes(value, 8));
            break;
          }
          case Op.RETURN:
            return finish('success', bigIntToBytes(pop(), 8));
          case Op.FAIL:
            return finish('revert', new Uint8Array(0), new ExecutionError('FAIL executed'));
          default:
            throw new ExecutionError(`bad opcode 0x${op.toString(16)} at ${pc}`);
        }
        pc++;
      }
      return finish('success', new Uint8Array(0));
    } catch (err) {
      if (err instanceof OutOfGasError) return finish('out-of-gas', new Uint8Array(0), err);
      if (err instanceof ExecutionError) return finish('error', new Uint8Array(0), err);
      throw err;
    }
  }
}

/** A factory for a fake runtime whose simple op costs `unit` native gas. */
export function fakeRuntimeFactory(name: string, unit = 1): RuntimeFactory {
  return {
    info: { name, description: `fake stack machine "${name}"`, version: '0.0.1' },
    create: () => new FakeRuntime(name, unit),
  };
}

export const FAKE_SPECS: readonly WorkloadSpec[] = [
  {
    name: 'counter',
    title: 'Counter',
    description: 'Adds 1 to slot 0 and returns it.',
    params: {},
    expected: { counter: '1' },
  },
  {
    name: 'square',
    title: 'Square',
    description: 'Returns 7 * 7.',
    params: { x: 7 },
    expected: { x: '49' },
  },
];

/** The programs each fake workload runs; `wrong` variants compute a different result. */
export const PROGRAMS = {
  counter: assemble('PUSH', 0n, 'PUSH', 0n, 'LOAD', 'PUSH', 1n, 'ADD', 'STORE', 'PUSH', 0n, 'LOAD', 'RETURN'),
  square: assemble('PUSH', 7n, 'PUSH', 7n, 'MUL', 'RETURN'),
  wrongSquare: assemble('PUSH', 7n, 'PUSH', 8n, 'MUL', 'RETURN'),
  failing: assemble('PUSH', 1n, 'FAIL'),
} as const;

/** Deploys `code` and runs it with one transaction; the logical result is the returned u64. */
export function fakeWorkload(
  runtime: string,
  workload: string,
  code: Uint8Array,
  resultKey: string,
): WorkloadImplementation {
  return {
    runtime,
    workload,
    source: 'fake assembly',
    prepare: (state, vm) => {
      const sender = addressFromNumber(9, vm.addressWidth);
      const deployed = vm.deploy(state, { sender, code, gasLimit: 1_000_000n }) as Receipt;
      const tx: Transaction = {
        sender,
        to: deployed.createdAddress!,
        input: new Uint8Array(0),
        value: 0n,
        gasLimit: 1_000_000n,
        nonce: 0n,
      };
      return {
        codeSize: code.length,
        deployGas: deployed.gasUsed,
        run: (options) => vm.execute(state, tx, options),
        result: (receipt) => ({ [resultKey]: String(bytesToBigInt(receipt.returnData)) }),
      };
    },
  };
}

/** Both fake workloads, correct, for `runtime`. */
export function fakeWorkloads(runtime: string): WorkloadImplementation[] {
  return [
    fakeWorkload(runtime, 'counter', PROGRAMS.counter, 'counter'),
    fakeWorkload(runtime, 'square', PROGRAMS.square, 'x'),
  ];
}

/** A clock that advances `stepMs` per reading, so reported times are exact in tests. */
export function steppingClock(stepMs: number): () => number {
  let now = 0;
  return () => (now += stepMs);
}
