import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  addressFromHex,
  type Command,
  type CommandGroup,
  type CommandIO,
  expectPositionals,
  formatStep,
  hexOption,
  InvalidArgumentError,
  integerOption,
  isDirectoryInput,
  JournaledState,
  PolyvmError,
  parseCommandLine,
  parseUserInput,
  readInputFile,
  receiptToJson,
  requireDirectory,
  toHex,
} from '@polyvm/core';
import { assembleUnit } from '../asm/assemble.js';
import { disassemble } from '../asm/disassemble.js';
import { serialize } from '../binary/serialize.js';
import { type MovePayload, MoveRuntime } from '../runtime.js';
import { publishStdlib } from '../stdlib.js';
import { publishFolder } from '../testing/publish.js';
import { verify } from '../verify/verifier.js';
import { MODULE_NAMESPACE, moduleKey } from '../vm/loader.js';
import { addressWidthOption, loadUnit } from './unit-input.js';

const WIDTH = { 'address-width': { type: 'string' } } as const;

/** Aptos' `max_execution_gas` is far above this; 1e9 internal units keeps a looping call short. */
const DEFAULT_GAS = 1_000_000_000n;

/** The given files, and every `.mv`/`.masm` file under the given folders (recursively, sorted). */
function listFiles(paths: string[]): string[] {
  return paths.flatMap((p) =>
    isDirectoryInput(p)
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
    const { values, positionals } = parseCommandLine(args, {
      ...WIDTH,
      offsets: { type: 'boolean' },
    } as const);
    const [file] = expectPositionals(positionals, ['file']);
    const { unit } = loadUnit(file, addressWidthOption(values['address-width']));
    io.out(disassemble(unit, { offsets: values.offsets === true }));
    return 0;
  },
};

const verifyCommand: Command = {
  name: 'verify',
  summary: 'Deserialize and run the bytecode verifier on modules (files or folders)',
  usage: 'verify <file-or-dir>... [--address-width 16|32]',
  async run(args: string[], io: CommandIO): Promise<number> {
    const { values, positionals } = parseCommandLine(args, WIDTH);
    if (positionals.length === 0) throw new InvalidArgumentError('missing <file-or-dir>');
    const w = addressWidthOption(values['address-width']);
    let failed = 0;
    const files = listFiles(positionals);
    for (const file of files) {
      try {
        verify(loadUnit(file, w).unit);
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

const RUN_OPTIONS = {
  ...WIDTH,
  function: { type: 'string' },
  deps: { type: 'string' },
  stdlib: { type: 'boolean' },
  arg: { type: 'string', multiple: true },
  'type-arg': { type: 'string', multiple: true },
  sender: { type: 'string' },
  gas: { type: 'string' },
  trace: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

const run: Command = {
  name: 'run',
  summary:
    'Publish a module (and dependencies) in a fresh state and call one of its functions, or run a script',
  usage:
    'run <module-or-script.mv|.masm> [--function <name>] [--deps <dir>] [--stdlib] [--arg <bcs-hex>]... [--type-arg <tag>]... [--sender 0x..] [--gas N] [--trace] [--json] [--address-width 16|32]',
  async run(args: string[], io: CommandIO): Promise<number> {
    const { values, positionals } = parseCommandLine(args, RUN_OPTIONS);
    const [file] = expectPositionals(positionals, ['module-or-script']);
    const gasLimit = integerOption(values.gas, 'gas', DEFAULT_GAS);
    const callArgs = (values.arg ?? []).map((a) => hexOption(a, 'arg'));
    if (values.deps !== undefined) requireDirectory(values.deps, '--deps folder');
    const { code, unit, addressWidth: w } = loadUnit(file, addressWidthOption(values['address-width']));
    if (unit.kind === 'module' && !values.function)
      throw new InvalidArgumentError('--function is required to run a module');
    const runtime = new MoveRuntime({ addressWidth: w });
    const state = new JournaledState();
    if (values.stdlib) publishStdlib(runtime, state);
    if (values.deps) io.err(`published ${publishFolder(runtime, state, values.deps)} dependency modules\n`);
    const typeArgs = values['type-arg'] ?? [];
    let payload: MovePayload = { script: code, typeArgs, args: callArgs };
    let sender = values.sender ? senderAddress(values.sender, w) : new Uint8Array(w);
    if (unit.kind === 'module') {
      const self = unit.moduleHandles[unit.selfModuleHandle]!;
      const address = unit.addressIdentifiers[self.address]!;
      const name = unit.identifiers[self.name]!;
      // A --deps folder may hold the module itself (a package's build output): it is published then.
      if (!state.get(MODULE_NAMESPACE, moduleKey(address, name))) {
        const deployed = runtime.deploy(state, { sender: address, code, gasLimit });
        if (deployed.status !== 'success') throw deployed.error ?? new Error('publish failed');
      }
      if (!values.sender) sender = address;
      payload = {
        module: `${toHex(address)}::${name}`,
        function: values.function!,
        typeArgs,
        args: callArgs,
      };
    }
    const receipt = runtime.execute(
      state,
      { sender, input: new Uint8Array(0), value: 0n, nonce: 0n, gasLimit, payload },
      values.trace ? { tracer: (e) => io.err(`${formatStep(e)}\n`) } : {},
    );
    if (values.json) {
      io.out(JSON.stringify(receiptToJson(receipt, { addressWidth: w })));
    } else {
      io.out(`status       ${receipt.status}${receipt.error ? ` (${receipt.error.message})` : ''}\n`);
      io.out(`gas used     ${receipt.gasUsed} internal gas units\n`);
      io.out(`instructions ${receipt.metrics.instructions}\n`);
      io.out(`return (bcs) ${toHex(receipt.returnData)}\n`);
      for (const line of receipt.logs) io.out(`log          ${line}\n`);
      for (const e of receipt.events) {
        io.out(
          `event        ${e.topics.map((t) => new TextDecoder().decode(t)).join(' ')} ${toHex(e.data)}\n`,
        );
      }
      for (const c of receipt.stateDiff) {
        io.out(`state        ${c.namespace} ${toHex(c.key)} = ${c.after ? toHex(c.after) : '(deleted)'}\n`);
      }
    }
    return receipt.status === 'success' ? 0 : 1;
  },
};

/** `--sender`: a hex address of the module's width; a wrong length says which widths fit. */
function senderAddress(hex: string, width: number): Uint8Array {
  try {
    return addressFromHex(hex, width);
  } catch (err) {
    throw new InvalidArgumentError(`--sender ${hex}: ${(err as Error).message}`, { cause: err });
  }
}

const asm: Command = {
  name: 'asm',
  summary: 'Assemble a .masm text module or script into a .mv binary',
  usage: 'asm <file.masm> -o <out.mv> [--address-width 16|32] [--version 6]',
  async run(args: string[], io: CommandIO): Promise<number> {
    const { values, positionals } = parseCommandLine(args, {
      ...WIDTH,
      out: { type: 'string', short: 'o' },
      version: { type: 'string' },
    } as const);
    const [file] = expectPositionals(positionals, ['file.masm']);
    if (!values.out) throw new InvalidArgumentError('missing -o <out.mv>');
    const version = Number(integerOption(values.version, 'version', 6n, 7n));
    const source = new TextDecoder().decode(readInputFile(file, 'Move assembly file'));
    const addressWidth = addressWidthOption(values['address-width']) ?? 32;
    const module = parseUserInput('Move assembly', () => {
      const unit = assembleUnit(source, { addressWidth, version });
      verify(unit);
      return unit;
    });
    const bytes = serialize(module);
    try {
      writeFileSync(values.out, bytes);
    } catch (err) {
      throw new InvalidArgumentError(`cannot write "${values.out}": ${(err as Error).message}`, {
        cause: err,
      });
    }
    io.out(`wrote ${bytes.length} bytes to ${values.out}\n`);
    return 0;
  },
};

export const commandGroup: CommandGroup = {
  name: 'move',
  summary: 'Move VM: inspect, verify, assemble and run Move bytecode',
  commands: [inspect, verifyCommand, run, asm],
};
