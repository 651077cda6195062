import { basename, resolve } from 'node:path';
import {
  type Command,
  type CommandGroup,
  type CommandIO,
  expectPositionals,
  InvalidArgumentError,
  parseCommandLine,
} from '@polyvm/core';
import { printStep, stepJson, stringifyJson } from '../scenario/print.js';
import { runScenario, type StepResult } from '../scenario/run.js';
import type { ContractSpec, EvmArtifact, ScenarioVm, Step } from '../scenario/types.js';
import { openSession, saveSession } from './session-file.js';

type Group = 'evm' | 'wasm' | 'move' | 'svm';

const COMMON = {
  state: { type: 'string' },
  caller: { type: 'string' },
  gas: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** The flags each group's `deploy` and `call` take besides the common ones. */
const DEPLOY = {
  evm: {
    name: { type: 'string' },
    contract: { type: 'string' },
    constructor: { type: 'string' },
    arg: { type: 'string', multiple: true },
    abi: { type: 'string' },
  },
  wasm: {
    name: { type: 'string' },
    profile: { type: 'string' },
    init: { type: 'string' },
    args: { type: 'string' },
  },
  move: {
    name: { type: 'string' },
    deps: { type: 'string' },
    stdlib: { type: 'boolean' },
    'address-width': { type: 'string' },
  },
  svm: { name: { type: 'string' }, account: { type: 'string', multiple: true } },
} as const;

const CALL = {
  evm: {
    arg: { type: 'string', multiple: true },
    returns: { type: 'string' },
    data: { type: 'string' },
    value: { type: 'string' },
  },
  wasm: {
    method: { type: 'string' },
    entry: { type: 'string' },
    args: { type: 'string' },
    value: { type: 'string' },
  },
  move: { arg: { type: 'string', multiple: true }, 'type-arg': { type: 'string', multiple: true } },
  svm: { data: { type: 'string' }, account: { type: 'string', multiple: true } },
} as const;

const USAGE: Record<Group, { deploy: string; call: string }> = {
  evm: {
    deploy:
      'deploy <init-hex-file|solc.json> [--name n] [--contract Name] [--constructor "constructor(uint256)"] [--arg v]... [--abi abi.json]',
    call: 'call <name> <"transfer(address,uint256)"|--data hex> [--arg v]... [--returns uint256,bool] [--value wei]',
  },
  wasm: {
    deploy: 'deploy <file.wasm|.wat> [--profile near|cosmwasm] [--name n] [--init method] [--args json]',
    call: 'call <name> (--method m | --entry execute|query) [--args json] [--value yocto]',
  },
  move: {
    deploy: 'deploy <module.mv|.masm> [--name n] [--deps dir] [--stdlib] [--address-width 16|32]',
    call: 'call <name> <function> [--arg u64:5]... [--type-arg tag]...',
  },
  svm: {
    deploy: 'deploy <program.so|.s> [--name n] [--account name:size]...',
    call: 'call <name> [--data "0x01 u64:5 @alice"] [--account w:name|name|@caller]...',
  },
};

const STATE_HELP = '[--state dir] [--caller name] [--gas n] [--json]';

function json(text: string | undefined, flag: string): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidArgumentError(`--${flag} must be JSON, got ${JSON.stringify(text)}`);
  }
}

function profileOf(value: string | undefined): 'near' | 'cosmwasm' {
  if (value === undefined || value === 'near' || value === 'cosmwasm') return value ?? 'near';
  throw new InvalidArgumentError(`--profile must be one of near, cosmwasm, got "${value}"`);
}

/** Appends the step, replays the session on its VM and prints the new step's result. */
async function runStep(
  io: CommandIO,
  stateDir: string | undefined,
  usage: string,
  vm: ScenarioVm,
  build: (s: ReturnType<typeof openSession>) => Step,
  json: boolean,
): Promise<number> {
  const session = openSession(stateDir, `${vm === 'near' || vm === 'cosmwasm' ? 'wasm' : vm} ${usage}`);
  const step = build(session);
  const { scenario } = session;
  if (step.caller && !scenario.callers?.includes(step.caller))
    scenario.callers = [...(scenario.callers ?? []), step.caller];
  scenario.steps.push(step);
  let last: StepResult | undefined;
  await runScenario(scenario, [vm], (r) => {
    last = r;
  });
  saveSession(session);
  if (!last) throw new InvalidArgumentError('the session ran no step');
  if (json) io.out(stringifyJson({ state: session.dir, ...stepJson(last) }));
  else {
    // A session step states no expectation: its outcome is the answer, not a failure.
    printStep(io, { ...last, failures: [] });
    io.err(`state: ${session.dir} (${scenario.steps.length} step(s); pass --state to continue it)`);
  }
  return last.outcome.receipt.status === 'success' ? 0 : 1;
}

function deployCommand(group: Group): Command {
  const usage = `${USAGE[group].deploy} ${STATE_HELP}`;
  return {
    name: 'deploy',
    summary: 'deploy a contract into a session state (--state dir, else a fresh temporary one)',
    usage,
    async run(args, io) {
      const { values, positionals } = parseCommandLine(args, { ...COMMON, ...DEPLOY[group] });
      const [artifact] = expectPositionals(positionals, ['artifact']);
      const v = values as Record<string, string | boolean | string[] | undefined>;
      const path = resolve(artifact);
      const name =
        (v.name as string | undefined) ??
        basename(artifact)
          .replace(/\..*$/, '')
          .replace(/[^A-Za-z0-9_-]/g, '_');
      const caller = (v.caller as string | undefined) ?? 'alice';
      const profile = group === 'wasm' ? profileOf(v.profile as string | undefined) : undefined;
      const vm: ScenarioVm = group === 'wasm' ? profile! : group;
      return runStep(
        io,
        v.state as string | undefined,
        usage,
        vm,
        (session) => {
          const spec: ContractSpec = {};
          const step: Step = { name: `deploy ${name}`, deploy: name, caller };
          if (group === 'evm') {
            const evm: EvmArtifact = path.endsWith('.json')
              ? { solc: path, ...(v.contract ? { contract: v.contract as string } : {}) }
              : { bytecode: path };
            // `constructor` is also every object's inherited property: take the flag's own value only.
            const signature = Object.hasOwn(v, 'constructor') ? v.constructor : undefined;
            if (typeof signature === 'string') evm.constructorSignature = signature;
            if (v.abi) evm.abi = resolve(v.abi as string);
            spec.evm = evm;
            step.evm = { args: (v.arg as string[] | undefined) ?? [] };
          } else if (group === 'wasm') {
            spec[profile!] = { wasm: path };
            if (profile === 'near')
              step.near = {
                ...(v.init ? { method: v.init as string } : {}),
                args: json(v.args as string | undefined, 'args') ?? {},
              };
            else step.cosmwasm = { msg: json(v.args as string | undefined, 'args') ?? {} };
          } else if (group === 'move') {
            const width = v['address-width'];
            if (width !== undefined && width !== '16' && width !== '32')
              throw new InvalidArgumentError(`--address-width must be 16 or 32, got "${width}"`);
            spec.move = {
              module: path,
              ...(v.deps ? { deps: resolve(v.deps as string) } : {}),
              ...(v.stdlib ? { stdlib: true } : {}),
              ...(width ? { addressWidth: Number(width) as 16 | 32 } : {}),
            };
          } else {
            const accounts: Record<string, { size: number }> = {};
            for (const a of (v.account as string[] | undefined) ?? []) {
              const m = /^([A-Za-z_][\w-]*):(\d+)$/.exec(a);
              if (!m) throw new InvalidArgumentError(`--account expects name:size, got "${a}"`);
              accounts[m[1]!] = { size: Number(m[2]) };
            }
            spec.svm = { program: path, accounts };
          }
          if (session.scenario.contracts[name])
            throw new InvalidArgumentError(`the session already has a contract named "${name}" (use --name)`);
          session.scenario.contracts[name] = spec;
          if (v.gas) step.gas = String(v.gas);
          return step;
        },
        v.json === true,
      );
    },
  };
}

function callCommand(group: Group): Command {
  const usage = `${USAGE[group].call} ${STATE_HELP}`;
  return {
    name: 'call',
    summary: 'call a contract deployed in a session state (--state dir)',
    usage,
    async run(args, io) {
      const { values, positionals } = parseCommandLine(args, { ...COMMON, ...CALL[group] });
      const v = values as Record<string, string | boolean | string[] | undefined>;
      const takesFunction = group === 'move' || (group === 'evm' && v.data === undefined);
      const [name, fn] = takesFunction
        ? expectPositionals(positionals, ['name', 'function'])
        : [...expectPositionals(positionals, ['name']), undefined];
      if (v.state === undefined)
        throw new InvalidArgumentError('call needs --state <dir> (the folder deploy printed)');
      const caller = (v.caller as string | undefined) ?? 'alice';
      return runStep(
        io,
        v.state as string,
        usage,
        group === 'wasm' ? 'near' : group,
        (session) => {
          const spec = session.scenario.contracts[name!];
          if (!spec)
            throw new InvalidArgumentError(
              `no contract "${name}" in the session (known: ${Object.keys(session.scenario.contracts).join(', ') || 'none'})`,
            );
          const step: Step = { name: `call ${name}${fn ? ` ${fn}` : ''}`, call: name!, caller };
          if (v.gas) step.gas = String(v.gas);
          if (v.value) step.value = String(v.value);
          if (group === 'evm') {
            step.evm = v.data
              ? { data: v.data as string }
              : {
                  function: fn!,
                  args: (v.arg as string[] | undefined) ?? [],
                  ...(v.returns ? { returns: (v.returns as string).split(',') } : {}),
                };
          } else if (group === 'wasm') {
            if (spec.cosmwasm)
              step.cosmwasm = {
                entry: (v.entry as string | undefined) ?? 'execute',
                msg: json(v.args as string | undefined, 'args') ?? {},
              };
            else {
              if (!v.method) throw new InvalidArgumentError('--method is required for a NEAR contract');
              step.near = {
                method: v.method as string,
                args: json(v.args as string | undefined, 'args') ?? {},
              };
            }
          } else if (group === 'move') {
            step.move = {
              function: fn!,
              args: (v.arg as string[] | undefined) ?? [],
              typeArgs: (v['type-arg'] as string[] | undefined) ?? [],
            };
          } else {
            step.svm = {
              data: (v.data as string | undefined) ?? '0x',
              accounts: (v.account as string[] | undefined) ?? [],
            };
          }
          return step;
        },
        v.json === true,
      );
    },
  };
}

/** A runtime's command group with session mode's `deploy` and `call` added. */
export function withSessionCommands(group: CommandGroup): CommandGroup {
  const name = group.name as Group;
  if (!(name in DEPLOY)) return group;
  return { ...group, commands: [...group.commands, deployCommand(name), callCommand(name)] };
}
