import { InvalidArgumentError, JournaledState } from '@polyvm/core';
import { EvmRuntime } from '@polyvm/evm';
import { SvmRuntime } from '@polyvm/svm-lite';
import { describe, expect, it } from 'vitest';
import { createSession } from './run.js';
import type { Scenario } from './types.js';

const scenario: Scenario = { name: 's', contracts: {}, steps: [], file: '/tmp/s.yaml' };

describe('sessionEnv: a session on the harness state and runtime', () => {
  it("runs on the given runtime when it is the VM's, and refuses another VM's with a typed error", () => {
    const state = new JournaledState();
    expect(() => createSession('evm', scenario, { state, runtime: new EvmRuntime() })).not.toThrow();
    expect(() => createSession('evm', scenario, { state, runtime: new SvmRuntime() })).toThrow(
      InvalidArgumentError,
    );
    expect(() => createSession('svm', scenario, { state, runtime: new EvmRuntime() })).toThrow(
      /drives a SvmRuntime, not the evm runtime/,
    );
  });
});
