import type { CommandGroup, WorkloadImplementation } from '@polyvm/core';
import { DecodeError, InvalidArgumentError } from '@polyvm/core';
import { type CliContext, createContext } from '../context.js';
import { FAKE_SPECS, fakeRuntimeFactory, fakeWorkloads, steppingClock } from './fake-vm.js';

/** A command group like a runtime package contributes: one command that echoes, one that fails. */
export const FAKE_GROUP: CommandGroup = {
  name: 'alpha',
  summary: 'alpha tools',
  commands: [
    {
      name: 'echo',
      summary: 'prints its arguments',
      usage: 'echo <words>...',
      run: async (args, io) => {
        if (args.length === 0) throw new InvalidArgumentError('echo needs at least one word');
        io.out(args.join(' '));
        return 0;
      },
    },
    {
      name: 'decode',
      summary: 'always fails to decode',
      usage: 'decode <hex>',
      run: async () => {
        throw new DecodeError('bad opcode 0xfe', { details: { offset: 3 }, cause: new Error('truncated') });
      },
    },
  ],
};

/**
 * Two fake runtimes, `alpha` (1 gas per op) and `beta` (3 gas per op), both implementing both
 * fake workloads unless `implementations` says otherwise; time advances 2 ms per clock reading.
 */
export function fakeContext(implementations?: WorkloadImplementation[]): CliContext {
  return createContext({
    version: '9.9.9',
    runtimes: [fakeRuntimeFactory('alpha', 1), fakeRuntimeFactory('beta', 3)],
    groups: [FAKE_GROUP],
    specs: FAKE_SPECS,
    implementations: implementations ?? [...fakeWorkloads('alpha'), ...fakeWorkloads('beta')],
    packages: { polyvm: '9.9.9', '@polyvm/fake': '0.0.1' },
    clock: steppingClock(2),
  });
}
