import {
  type CallResult,
  findCallable,
  formatAbiValue,
  formatTypedValue,
  getTarget,
  isPartialTarget,
  isValueType,
  type JsValue,
  parseVms,
  targetsFor,
  UINT256,
} from '@polyvm/compiler';
import { UnsupportedError } from '@polyvm/core';
import { parseArgs, stringFlag } from '../args.js';
import type { CliCommand } from '../command.js';
import { UsageError } from '../usage-error.js';
import { compileFile } from './solidity-source.js';

const USAGE =
  'call <file.sol> <function> [args...] [--contract Name] [--deploy json-array] [--from address] [--targets evm,…] [--profile near|cosmwasm] [--json]';

/** A command-line argument: JSON for arrays/objects/booleans, text otherwise (numbers stay exact). */
function parseValue(text: string): JsValue {
  if (text === 'true' || text === 'false') return text === 'true';
  if (text.startsWith('[') || text.startsWith('{')) return JSON.parse(text) as JsValue;
  return text;
}

/**
 * `polyvm call`: deploys the contract on each target (the IR interpreter, solc's bytecode and every
 * back end of the requested VMs) and makes the same call, printing outcome, return values, events
 * and gas side by side.
 */
export const callCommand: CliCommand = {
  name: 'call',
  summary: 'Deploy a Solidity contract on every target and call one function with typed arguments',
  usage: USAGE,
  async run(argv, io) {
    const args = parseArgs(
      argv,
      { value: ['contract', 'deploy', 'from', 'targets', 'profile'], switch: ['json'] },
      USAGE,
    );
    const [file, fn, ...rest] = args.positionals;
    if (file === undefined || fn === undefined) throw new UsageError('expected <file.sol> <function>', USAGE);
    const artifact = compileFile(file, args, io);
    if (artifact === null) return 1;
    const deployArgs = JSON.parse(stringFlag(args, 'deploy', '[]')) as JsValue[];
    const from = args.flags.get('from');
    const context = typeof from === 'string' ? { sender: BigInt(from) } : {};
    const names = [
      'ir',
      ...targetsFor(
        parseVms(stringFlag(args, 'targets', 'evm,wasm,move,svm')),
        typeof args.flags.get('profile') === 'string' ? (args.flags.get('profile') as string) : undefined,
      ).map((t) => t.target),
    ];
    const returnTypes = findCallable(artifact.ir, fn).returns.map((r) => r.type);
    const results = names.map((name) => {
      const target = getTarget(name);
      if (target === undefined) return { target: name, available: false };
      let outcome: CallResult;
      let deployed: boolean;
      try {
        const { result, deployment } = target.deploy(artifact, deployArgs, { context });
        deployed = deployment !== null;
        outcome = deployment === null ? result : deployment.call(fn, rest.map(parseValue), context);
      } catch (error) {
        // A partial back end (wasm, move, svm so far) names the construct it cannot express yet.
        if (error instanceof UnsupportedError && isPartialTarget(name)) {
          return { target: name, available: false, unsupported: error.message.split('\n')[0] };
        }
        throw error;
      }
      return {
        target: name,
        available: true,
        phase: deployed ? 'call' : 'deploy',
        status: outcome.status,
        revert: outcome.revert,
        returns: outcome.returns.map((v, i) => formatTypedValue(returnTypes[i] ?? UINT256, v)),
        events: outcome.events.map((e) => {
          const params = artifact.ir.events.find((d) => d.signature === e.signature)?.params ?? [];
          const typed = (v: (typeof e.args)[number], i: number) =>
            params[i]?.indexed === false || isValueType(params[i]?.type ?? UINT256)
              ? formatTypedValue(params[i]?.type ?? UINT256, v)
              : formatAbiValue(v);
          return { name: e.name, args: e.args.map(typed) };
        }),
        gas: outcome.gas,
      };
    });
    const json = (v: unknown) =>
      JSON.stringify(v, (_k, x) =>
        typeof x === 'bigint' ? x.toString() : x instanceof Uint8Array ? formatAbiValue(x) : x,
      );
    if (args.flags.get('json') === true) {
      io.out(JSON.stringify(JSON.parse(json(results)), null, 2));
    } else {
      for (const r of results) {
        if (!r.available) {
          io.out(`${r.target.padEnd(9)} n/a (${r.unsupported ?? 'no back end yet'})`);
          continue;
        }
        const detail = r.status === 'success' ? `returns ${json(r.returns)}` : `revert ${json(r.revert)}`;
        const gas = r.gas === null ? '' : ` gas ${r.gas}`;
        io.out(`${r.target.padEnd(9)} ${r.status}${r.phase === 'deploy' ? ' (deploy)' : ''} ${detail}${gas}`);
        for (const e of r.events ?? []) io.out(`          event ${e.name}(${e.args.join(', ')})`);
      }
    }
    const statuses = new Set(
      results.filter((r) => r.available).map((r) => json([r.status, r.revert, r.returns, r.events])),
    );
    if (statuses.size > 1) {
      io.err('polyvm: targets disagree');
      return 1;
    }
    return 0;
  },
};
