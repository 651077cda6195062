import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import {
  addressFromHex,
  type Command,
  type CommandGroup,
  type CommandIO,
  formatStep,
  fromHex,
  InvalidArgumentError,
  JournaledState,
  PolyvmError,
} from '@polyvm/core';
import { assembleToBytes, assembleUnit } from '../asm/assemble.js';
import { disassemble } from '../asm/disassemble.js';
import { deserialize } from '../binary/deserialize.js';
import { serialize } from '../binary/serialize.js';
import { type MovePayload, MoveRuntime } from '../runtime.js';
import { publishStdlib } from '../stdlib.js';
import { publishFolder } from '../testing/publish.js';
import { verify } from '../verify/verifier.js';

const WIDTH = { 'address-width': { type: 'string', default: '32' } } as const;

function width(value: string | undefined): 16 | 32 {
  if (value === '16' || value === '32') return Number(value) as 16 | 32;
  throw new InvalidArgumentError(`--address-width must be 16 or 32, got ${value}`);
}

/** `parseArgs`, with an unknown or malformed option reported as a usage error (exit 2). */
function parseOptions<T extends ParseArgsConfig>(
  config: T,
  io: CommandIO,
  usage: string,
): ReturnType<typeof parseArgs<T>> | undefined {
  try {
    return parseArgs(config);
  } catch (err) {
    io.err(`${(err as Error).message}\nusage: polyvm move ${usage}\n`);
    return undefined;
  }
}

/** `--gas`: a non-negative integer. */
function gasOf(value: string): bigint {
  if (!/^\d+$/.test(value))
    throw new InvalidArgumentError(`--gas must be a non-negative integer, got ${value}`);
  return BigInt(value);
}

/**
 * The exit code of a failed command, with its one-line message: 2 for what the user asked wrongly
 * (bad options, a missing file, unreadable input), 1 for a module or transaction that failed.
 */
function failure(err: unknown, io: CommandIO): number {
  const errno = (err as NodeJS.ErrnoException | undefined)?.code;
  if (errno === 'ENOENT' || errno === 'EISDIR' || errno === 'ENOTDIR' || errno === 'EACCES') {
    io.err(`${(err as Error).message}\n`);
    return 2;
  }
  io.err(`${describeError(err)}\n`);
  return err instanceof InvalidArgumentError || (err as Error)?.name === 'TypeError' ? 2 : 1;
}

/** Reads a `.mv` binary, or assembles a `.masm` text file. */
function loadUnit(path: string, addressWidth: number): Uint8Array {
  const data = readFileSync(path);
  return path.endsWith('.masm')
    ? assembleToBytes(data.toString('utf8'), { addressWidth })
    : new Uint8Array(data);
}

/** The given files, and every `.mv`/`.masm` file under the given folders (recursively, sorted). */
function listFiles(paths: string[]): string[] {
  return paths.flatMap((p) =>
    statSync(p).isDirectory()
      ? readdirSync(p, { recursive: true, encoding: 'utf8' })
          .filter((f) => f.endsWith('.mv') || f.endsWith('.masm'))
          .sort()
          .map((f) => join(p, f))
      : [p],
  );
}

const describeError = (err: unknown): string =>
  err instanceof PolyvmError ? `${err.name}: ${err.message}` : String(err);

const inspect: Command = {
  name: 'inspect',
  summary: 'Print a module or script in assembler syntax (the disassembler)',
  usage: 'inspect <file.mv|file.masm> [--address-width 16|32] [--offsets]',
  async run(args: string[], io: CommandIO): Promise<number> {
    const parsed = parseOptions(
      {
        args,
        options: { ...WIDTH, offsets: { type: 'boolean', default: false } },
        allowPositionals: true,
      },
      io,
      this.usage,
    );
    if (!parsed) return 2;
    const { values, positionals } = parsed;
    if (positionals.length !== 1) {
      io.err(`usage: polyvm move ${this.usage}\n`);
      return 2;
    }
    try {
      const w = width(values['address-width']);
      const unit = deserialize(loadUnit(positionals[0]!, w), { addressWidth: w });
      io.out(disassemble(unit, { offsets: values.offsets }));
      return 0;
    } catch (err) {
      return failure(err, io);
    }
  },
};

const verifyCommand: Command = {
  name: 'verify',
  summary: 'Deserialize and run the bytecode verifier on modules (files or folders)',
  usage: 'verify <file-or-dir>... [--address-width 16|32]',
  async run(args: string[], io: CommandIO): Promise<number> {
    const parsed = parseOptions({ args, options: WIDTH, allowPositionals: true }, io, this.usage);
    if (!parsed) return 2;
    const { values, positionals } = parsed;
    if (positionals.length === 0) {
      io.err(`usage: polyvm move ${this.usage}\n`);
      return 2;
    }
    let failed = 0;
    let files: string[];
    let w: 16 | 32;
    try {
      w = width(values['address-width']);
      files = listFiles(positionals);
    } catch (err) {
      return failure(err, io);
    }
    for (const file of files) {
      try {
        verify(deserialize(loadUnit(file, w), { addressWidth: w }));
        io.out(`ok    ${file}\n`);
      } catch (err) {
        failed++;
        io.out(`FAIL  ${file}: ${describeError(err)}\n`);
      }
    }
    io.out(`${files.length - failed}/${files.length} verified\n`);
    return failed === 0 ? 0 : 1;
  },
};

const run: Command = {
  name: 'run',
  summary:
    'Publish a module (and dependencies) in a fresh state and call one of its functions, or run a script',
  usage:
    'run <module-or-script.mv|.masm> [--function <name>] [--deps <dir>] [--stdlib] [--arg <bcs-hex>]... [--type-arg <tag>]... [--sender 0x..] [--gas N] [--trace] [--address-width 16|32]',
  async run(args: string[], io: CommandIO): Promise<number> {
    const parsed = parseOptions(
      {
        args,
        allowPositionals: true,
        options: {
          ...WIDTH,
          function: { type: 'string' },
          deps: { type: 'string' },
          stdlib: { type: 'boolean', default: false },
          arg: { type: 'string', multiple: true, default: [] },
          'type-arg': { type: 'string', multiple: true, default: [] },
          sender: { type: 'string' },
          gas: { type: 'string', default: '1000000000' },
          trace: { type: 'boolean', default: false },
        },
      },
      io,
      this.usage,
    );
    if (!parsed) return 2;
    const { values, positionals } = parsed;
    if (positionals.length !== 1) {
      io.err(`usage: polyvm move ${this.usage}\n`);
      return 2;
    }
    try {
      const w = width(values['address-width']);
      const gas = gasOf(values.gas);
      const runtime = new MoveRuntime({ addressWidth: w });
      const state = new JournaledState();
      if (values.stdlib) publishStdlib(runtime, state);
      if (values.deps) io.err(`published ${publishFolder(runtime, state, values.deps)} dependency modules\n`);
      const code = loadUnit(positionals[0]!, w);
      const unit = deserialize(code, { addressWidth: w });
      const typeArgs = values['type-arg'];
      const args = values.arg.map((a) => fromHex(a));
      let payload: MovePayload = { script: code, typeArgs, args };
      let sender = values.sender ? addressFromHex(values.sender, w) : new Uint8Array(w);
      if (unit.kind === 'module') {
        if (!values.function) throw new InvalidArgumentError('--function is required to run a module');
        const self = unit.moduleHandles[unit.selfModuleHandle]!;
        const address = unit.addressIdentifiers[self.address]!;
        const deployed = runtime.deploy(state, { sender: address, code, gasLimit: gas });
        if (deployed.status !== 'success') throw deployed.error ?? new Error('publish failed');
        if (!values.sender) sender = address;
        const module = `0x${Buffer.from(address).toString('hex')}::${unit.identifiers[self.name]}`;
        payload = { module, function: values.function, typeArgs, args };
      }
      const receipt = runtime.execute(
        state,
        { sender, input: new Uint8Array(0), value: 0n, nonce: 0n, gasLimit: gas, payload },
        values.trace ? { tracer: (e) => io.err(`${formatStep(e)}\n`) } : {},
      );
      io.out(`status       ${receipt.status}${receipt.error ? ` (${receipt.error.message})` : ''}\n`);
      io.out(`gas used     ${receipt.gasUsed} internal gas units\n`);
      io.out(`instructions ${receipt.metrics.instructions}\n`);
      io.out(`return (bcs) 0x${Buffer.from(receipt.returnData).toString('hex')}\n`);
      for (const line of receipt.logs) io.out(`log          ${line}\n`);
      io.out(`events       ${receipt.events.length}, state changes ${receipt.stateDiff.length}\n`);
      return receipt.status === 'success' ? 0 : 1;
    } catch (err) {
      return failure(err, io);
    }
  },
};

const asm: Command = {
  name: 'asm',
  summary: 'Assemble a .masm text module or script into a .mv binary',
  usage: 'asm <file.masm> -o <out.mv> [--address-width 16|32] [--version 6]',
  async run(args: string[], io: CommandIO): Promise<number> {
    const parsed = parseOptions(
      {
        args,
        allowPositionals: true,
        options: { ...WIDTH, out: { type: 'string', short: 'o' }, version: { type: 'string', default: '6' } },
      },
      io,
      this.usage,
    );
    if (!parsed) return 2;
    const { values, positionals } = parsed;
    if (positionals.length !== 1 || !values.out) {
      io.err(`usage: polyvm move ${this.usage}\n`);
      return 2;
    }
    try {
      const module = assembleUnit(readFileSync(positionals[0]!, 'utf8'), {
        addressWidth: width(values['address-width']),
        version: Number(values.version),
      });
      verify(module);
      const bytes = serialize(module);
      writeFileSync(values.out, bytes);
      io.out(`wrote ${bytes.length} bytes to ${values.out}\n`);
      return 0;
    } catch (err) {
      return failure(err, io);
    }
  },
};

export const commandGroup: CommandGroup = {
  name: 'move',
  summary: 'Move VM: inspect, verify, assemble and run Move bytecode',
  commands: [inspect, verifyCommand, run, asm],
};
