/**
 * The corpus: `test/corpus/<name>.sol` with `<name>.calls.json` ({ contract, deploy, calls[] }). Every
 * source is compiled in one solc call; each sequence runs on every registered target and the results
 * (outcome, revert reason, return values, events, final storage) must equal the IR interpreter's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Compilation, compileSources } from '../src/compile.js';
import { formatAbiValue } from '../src/target/js-values.js';
import type { CallResult, JsValue, Target } from '../src/target/target.js';

export const CORPUS_DIR = join(import.meta.dirname, 'corpus');
/** The workloads and whole programs in Solidity (`examples/solidity`) are part of the corpus too. */
export const EXAMPLES_DIR = join(import.meta.dirname, '../../../examples/solidity');

export interface CorpusCall {
  readonly fn: string;
  readonly args?: readonly JsValue[];
  /** `msg.sender` as a number or hex address; default the deployer. */
  readonly from?: string | number;
  readonly block?: number;
  readonly timestamp?: number;
}
export interface CorpusCase {
  readonly name: string;
  readonly file: string;
  readonly contract: string;
  readonly deploy: readonly JsValue[];
  readonly calls: readonly CorpusCall[];
}

export function loadCorpus(): { cases: CorpusCase[]; sources: Record<string, string> } {
  const sources: Record<string, string> = {};
  const cases: CorpusCase[] = [];
  for (const dir of [CORPUS_DIR, EXAMPLES_DIR]) {
    for (const entry of readdirSync(dir).sort()) {
      if (!entry.endsWith('.sol')) continue;
      const name = entry.slice(0, -4);
      sources[entry] = readFileSync(join(dir, entry), 'utf8');
      const spec = JSON.parse(readFileSync(join(dir, `${name}.calls.json`), 'utf8')) as Omit<
        CorpusCase,
        'name' | 'file'
      >;
      cases.push({
        name,
        file: entry,
        contract: spec.contract,
        deploy: spec.deploy ?? [],
        calls: spec.calls,
      });
    }
  }
  return { cases, sources };
}

let compiled: Compilation | undefined;
export function compileCorpus(sources: Record<string, string>): Compilation {
  compiled ??= compileSources(sources);
  return compiled;
}

/** A result as comparable JSON (gas excluded: it is per-VM). */
export function comparable(result: CallResult): unknown {
  return {
    status: result.status,
    revert:
      result.revert === null
        ? null
        : JSON.parse(
            JSON.stringify(result.revert, (_k, v) =>
              typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? formatAbiValue(v) : v,
            ),
          ),
    returns: result.returns.map(formatAbiValue),
    events: result.events.map((e) => ({ name: e.name, args: e.args.map(formatAbiValue) })),
  };
}

export function storageJson(storage: ReadonlyMap<bigint, bigint> | null): Record<string, string> | null {
  if (storage === null) return null;
  return Object.fromEntries(
    [...storage]
      .filter(([, v]) => v !== 0n)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [`0x${k.toString(16)}`, `0x${v.toString(16)}`]),
  );
}

function senderOf(from: string | number | undefined): bigint | undefined {
  if (from === undefined) return undefined;
  return BigInt(from);
}

/** Runs one case on one target: the deploy result, each call's result, and the final storage. */
export function runCase(compilation: Compilation, target: Target, c: CorpusCase) {
  const artifact = compilation.artifact(c.file, c.contract);
  const { result, deployment } = target.deploy(artifact, c.deploy);
  const calls: unknown[] = [];
  if (deployment !== null) {
    for (const call of c.calls) {
      const sender = senderOf(call.from);
      const context = {
        ...(sender !== undefined ? { sender } : {}),
        ...(call.block !== undefined ? { blockNumber: BigInt(call.block) } : {}),
        ...(call.timestamp !== undefined ? { timestamp: BigInt(call.timestamp) } : {}),
      };
      calls.push({
        call: `${call.fn}(${JSON.stringify(call.args ?? [])})`,
        ...(comparable(deployment.call(call.fn, call.args ?? [], context)) as object),
      });
    }
  }
  return {
    deploy: comparable(result),
    calls,
    storage: deployment === null ? null : storageJson(deployment.storage()),
  };
}
