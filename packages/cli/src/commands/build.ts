import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildArtifact, type ListingFormat, parseVms, type TargetArtifact, VMS } from '@polyvm/compiler';
import { expectPositionals, parseArgs, stringFlag } from '../args.js';
import type { CliCommand } from '../command.js';
import type { CliIO } from '../io.js';
import { UsageError } from '../usage-error.js';
import { compileFile } from './solidity-source.js';

const USAGE =
  'build <file.sol> [--contract Name] [--targets evm,wasm,move,svm] [--profile near|cosmwasm] [--emit wat|asm] [--out dir] [--json]';
const LISTING_EXTENSIONS: Record<ListingFormat, string> = { wat: 'wat', asm: 's' };

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/**
 * `polyvm build`: Solidity → IR → every requested VM's artifact, with code sizes. A construct outside
 * the supported subset exits 1 with `file:line:col: unsupported: <construct>`.
 */
export const buildCommand: CliCommand = {
  name: 'build',
  summary: 'Compile a Solidity contract for every VM (solc front end, polyvm IR, back ends)',
  usage: USAGE,
  details: () => `targets: ${VMS.join(', ')} (evm builds solc's bytecode and polyvm's code generator)`,
  async run(argv, io) {
    const args = parseArgs(
      argv,
      { value: ['contract', 'targets', 'profile', 'out', 'emit'], switch: ['json'] },
      USAGE,
    );
    const [file] = expectPositionals(args, ['file.sol'], USAGE);
    const vms = parseVms(stringFlag(args, 'targets', VMS.join(',')));
    const emit = emitFormat(args.flags.get('emit'));
    const artifact = compileFile(file!, args, io);
    if (artifact === null) return 1;
    const profile = args.flags.get('profile');
    const targets = buildArtifact(artifact, vms, typeof profile === 'string' ? profile : undefined);
    const out = args.flags.get('out');
    if (typeof out === 'string') {
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, `${artifact.name}.ir.json`), irJson(artifact.ir));
      writeFileSync(join(out, `${artifact.name}.abi.json`), JSON.stringify(artifact.abi, null, 2));
      for (const t of targets) {
        if (t.build !== null)
          writeFileSync(join(out, `${artifact.name}.${t.target}.bin`), `${hex(t.build.code)}\n`);
      }
    }
    if (emit !== undefined)
      return emitListings(targets, emit, io, typeof out === 'string' ? out : undefined, artifact.name);
    if (args.flags.get('json') === true) {
      io.out(
        JSON.stringify(
          {
            contract: artifact.name,
            file: artifact.file,
            solc: artifact.solcVersion,
            functions: artifact.ir.functions.filter((f) => f.signature !== null).map((f) => f.signature),
            targets: targets.map((t) => ({
              vm: t.vm,
              target: t.target,
              available: t.build !== null,
              ...(t.unsupported === undefined ? {} : { unsupported: t.unsupported }),
              codeSize: t.build?.codeSize ?? null,
              deployedBytes: t.build?.code.length ?? null,
            })),
          },
          null,
          2,
        ),
      );
      return 0;
    }
    io.out(`${artifact.name} (${artifact.file}, solc ${artifact.solcVersion})`);
    for (const t of targets) {
      io.out(
        `  ${t.target.padEnd(9)} ${t.build !== null ? `${t.build.codeSize} bytes` : (t.unsupported ?? 'n/a (no back end yet)')}`,
      );
    }
    return 0;
  },
};

function irJson(ir: unknown): string {
  return JSON.stringify(
    ir,
    (_k, v) => (typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? `0x${hex(v)}` : v),
    2,
  );
}

function emitFormat(value: string | boolean | undefined): ListingFormat | undefined {
  if (value === undefined) return undefined;
  if (value === 'wat' || value === 'asm') return value;
  throw new UsageError(`--emit must be wat or asm, got ${String(value)}`, USAGE);
}

/**
 * Prints (or, with --out, writes) the listing of every built target that has one in `format`; a
 * requested format that no built target produces is an error naming what each target emits.
 */
function emitListings(
  targets: readonly TargetArtifact[],
  format: ListingFormat,
  io: CliIO,
  out: string | undefined,
  contract: string,
): number {
  const listed = targets.filter((t) => t.build?.listing?.format === format);
  if (listed.length === 0) {
    const offered = targets.map(
      (t) => `${t.target}: ${t.build?.listing?.format ?? (t.build === null ? 'not built' : 'none')}`,
    );
    io.err(`no target emits ${format} (${offered.join(', ')})`);
    return 1;
  }
  for (const t of listed) {
    const text = t.build!.listing!.text;
    if (out !== undefined)
      writeFileSync(join(out, `${contract}.${t.target}.${LISTING_EXTENSIONS[format]}`), text);
    else {
      if (listed.length > 1) io.out(`;; ${t.target}`);
      io.out(text.endsWith('\n') ? text.slice(0, -1) : text);
    }
  }
  return 0;
}
