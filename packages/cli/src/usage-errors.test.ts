import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli.js';
import { memoryIO } from './io.js';
import { defaultContext } from './wiring.js';

/**
 * The CLI's contract for bad command lines, on the real runtimes: for every group and command,
 * an unknown flag, a missing value, a missing file, a file of the wrong format, a bad number or
 * bad source text ends with exit 2 and ONE line on stderr, never a stack trace.
 */
const ctx = defaultContext();
const dir = mkdtempSync(join(tmpdir(), 'polyvm-usage-'));
const file = (name: string, bytes: Uint8Array | string) => {
  writeFileSync(join(dir, name), bytes);
  return join(dir, name);
};
const WASM = file('x.wasm', Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0));
const ELF = file('x.so', Uint8Array.of(0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0));
const MOVE = file('x.mv', Uint8Array.of(0xa1, 0x1c, 0xeb, 0x0b, 6, 0, 0, 0));
const EMPTY = file('empty.hex', '');
const BAD_WAT = file('bad.wat', '(module (func (i32.bogus)))');
const BAD_MASM = file('bad.masm', 'module 0x1::m\nfun f() { Bogus }\n');
const BAD_S = file('bad.s', 'entrypoint:\n  bogus r0\n');
const BAD_EASM = file('bad.easm', 'PUSH');
const A_FILE = file('report-file', 'not a folder');
const MISSING = join(dir, 'missing');

const TABLE: [string, string[], RegExp][] = [
  // evm
  ['evm run: unknown flag', ['evm', 'run', '0x00', '--bogus'], /Unknown option '--bogus'/],
  ['evm run: missing value', ['evm', 'run', '0x00', '--gas'], /--gas <value>' argument missing/],
  ['evm run: missing file', ['evm', 'run', MISSING], /cannot read bytecode file .*no such file/],
  ['evm run: wrong format', ['evm', 'run', WASM], /is a WebAssembly module, not EVM bytecode as hex/],
  ['evm run: negative gas', ['evm', 'run', '0x00', '--gas', '-1'], /--gas must be a non-negative integer/],
  ['evm run: empty file', ['evm', 'run', EMPTY], /is empty/],
  ['evm run: bad fork', ['evm', 'run', '0x00', '--fork', 'Osaka'], /--fork must be one of Cancun, Prague/],
  ['evm run: bad --input', ['evm', 'run', '0x00', '--input', 'zz'], /--input must be hex bytes/],
  ['evm asm: bad assembly', ['evm', 'asm', BAD_EASM], /EVM assembly: asm line 1/],
  ['evm asm: missing file', ['evm', 'asm', MISSING], /cannot read assembly file/],
  ['evm disasm: unknown flag', ['evm', 'disasm', '0x00', '-x'], /Unknown option '-x'/],
  ['evm disasm: wrong format', ['evm', 'disasm', ELF], /is an ELF program/],
  ['evm statetest: unknown flag', ['evm', 'statetest', dir, '--bogus'], /bogus/],
  ['evm statetest: missing folder', ['evm', 'statetest', MISSING], /no such file/],
  // wasm
  ['wasm run: unknown flag', ['wasm', 'run', WASM, '--bogus'], /Unknown option '--bogus'/],
  ['wasm run: missing file', ['wasm', 'run', MISSING, '--method', 'm'], /cannot read module/],
  [
    'wasm run: wrong format',
    ['wasm', 'run', ELF, '--method', 'm'],
    /is an ELF program, not a WebAssembly module/,
  ],
  ['wasm run: bad .wat', ['wasm', 'run', BAD_WAT, '--method', 'm'], /bad WAT: .*unexpected token/],
  [
    'wasm run: bad profile',
    ['wasm', 'run', WASM, '--profile', 'bogus'],
    /--profile must be one of near, cosmwasm/,
  ],
  [
    'wasm run: negative gas',
    ['wasm', 'run', WASM, '--method', 'm', '--gas', '-1'],
    /--gas must be a non-negative/,
  ],
  ['wasm run: missing --method', ['wasm', 'run', WASM], /--method is required/],
  ['wasm inspect: missing file', ['wasm', 'inspect', MISSING], /cannot read module/],
  ['wasm inspect: wrong format', ['wasm', 'inspect', MOVE], /is a Move module or script/],
  [
    'wasm trace: negative limit',
    ['wasm', 'trace', WASM, '--method', 'm', '--limit', '-1'],
    /--limit must be/,
  ],
  ['wasm spec: missing folder', ['wasm', 'spec', MISSING], /cannot read spec directory/],
  ['wasm spec: bad mode', ['wasm', 'spec', dir, '--mode', 'x'], /--mode must be one of/],
  // move
  ['move run: unknown flag', ['move', 'run', MOVE, '--bogus'], /Unknown option '--bogus'/],
  ['move run: missing file', ['move', 'run', MISSING], /cannot read Move file/],
  ['move run: wrong format', ['move', 'run', WASM], /is a WebAssembly module, not a Move module/],
  [
    'move run: address width 7',
    ['move', 'run', MOVE, '--address-width', '7'],
    /--address-width must be 16 or 32/,
  ],
  ['move run: bad --arg', ['move', 'run', MOVE, '--function', 'f', '--arg', 'zz'], /--arg must be hex bytes/],
  ['move run: negative gas', ['move', 'run', MOVE, '--gas', '-1'], /--gas must be a non-negative integer/],
  ['move run: missing --deps', ['move', 'run', MOVE, '--deps', MISSING], /cannot read --deps folder/],
  ['move inspect: missing file', ['move', 'inspect', MISSING], /cannot read Move file/],
  ['move inspect: bad assembly', ['move', 'inspect', BAD_MASM], /Move assembly/],
  ['move verify: missing folder', ['move', 'verify', MISSING], /no such file/],
  ['move verify: unknown flag', ['move', 'verify', dir, '--bogus'], /Unknown option '--bogus'/],
  ['move asm: missing -o', ['move', 'asm', BAD_MASM], /missing -o/],
  // svm
  ['svm run: unknown flag', ['svm', 'run', ELF, '--bogus'], /Unknown option '--bogus'/],
  ['svm run: missing file', ['svm', 'run', MISSING], /cannot read program/],
  [
    'svm run: wrong format',
    ['svm', 'run', WASM],
    /is a WebAssembly module, not an ELF program \(use polyvm wasm\)/,
  ],
  ['svm run: negative cu', ['svm', 'run', ELF, '--cu', '-1'], /--cu must be a non-negative integer/],
  ['svm run: bad account', ['svm', 'run', ELF, '--account', 'x'], /--account expects/],
  ['svm run: bad assembly', ['svm', 'run', BAD_S], /sBPF assembly/],
  ['svm trace: negative limit', ['svm', 'trace', ELF, '--limit', '-1'], /--limit must be a non-negative/],
  ['svm disasm: missing file', ['svm', 'disasm', MISSING], /cannot read program/],
  ['svm inspect: missing file', ['svm', 'inspect', MISSING], /cannot read program/],
  ['svm inspect: wrong format', ['svm', 'inspect', MOVE], /is a Move module or script/],
  ['svm inspect: unknown flag', ['svm', 'inspect', ELF, '--bogus'], /Unknown option '--bogus'/],
  // built-in commands
  ['compare: --out is a file', ['compare', '--out', A_FILE], /is a file, not a folder/],
  ['compare: --out under /proc', ['compare', '--out', '/proc/polyvm-x'], /cannot write there/],
  ['compare: negative samples', ['compare', '--samples', '-1'], /--samples must be an integer/],
  ['trace: negative limit', ['trace', 'evm', 'counter', '--limit', '-1'], /--limit must be an integer/],
  ['gas: unknown flag', ['gas', '--bogus'], /unknown flag --bogus/],
  ['unknown group command', ['evm', 'nope'], /unknown command "evm nope"/],
  ['evm asm: empty source', ['evm', 'asm', '--code', ''], /nothing to assemble/],
  // scenarios and session mode
  ['run: missing scenario', ['run', MISSING], /cannot read scenario/],
  [
    'run: schema violation',
    ['run', file('bad.yaml', 'name: x\ncontracts: {}\nsteps: []\n')],
    /bad\.yaml:3: \$\.steps needs at least 1/,
  ],
  ['run: unknown VM', ['run', A_FILE, '--vms', 'evm,tron'], /unknown VM "tron"/],
  ['compare --scenario: missing file', ['compare', '--scenario', MISSING], /cannot read scenario/],
  [
    'evm call: --state under /proc',
    ['evm', 'call', 't', 'f()', '--state', '/proc/polyvm-x'],
    /--state .*cannot write there.*polyvm evm call --help/,
  ],
  ['evm deploy: missing artifact', ['evm', 'deploy', MISSING], /cannot read EVM init code/],
  ['wasm deploy: bad --args', ['wasm', 'deploy', WASM, '--args', '{'], /--args must be JSON/],
  ['move call: no --state', ['move', 'call', 'm', 'f'], /call needs --state/],
  ['svm deploy: bad --account', ['svm', 'deploy', ELF, '--account', 'x'], /--account expects name:size/],
];

describe('usage errors: exit 2, one line on stderr, no stack', () => {
  it.each(TABLE)('%s', async (_name, argv, message) => {
    const io = memoryIO();
    const code = await runCli(argv, ctx, io);
    const err = io.stderr();
    expect(err).toMatch(message);
    expect(err.split('\n')).toHaveLength(2); // one line and its newline
    expect(err).not.toMatch(/\n\s+at |internal error/);
    expect(code).toBe(2);
    expect(io.stdout()).toBe('');
  });
});
