import { type Command, expectPositionals, PolyvmError, parseCommandLine } from '@polyvm/core';
import { checkCosmWasmAbi } from '../cosmwasm/abi.js';
import { prepareModule } from '../engine/compile.js';
import { decodeModule } from '../module/decode.js';
import { functionNames } from '../module/names.js';
import { valTypeName } from '../module/types.js';
import { checkNearAbi } from '../near/abi.js';
import { COSMWASM_PROFILE, NEAR_PROFILE } from '../profile.js';
import { loadModuleFile } from './load.js';

export const inspectCommand: Command = {
  name: 'inspect',
  summary:
    'decode a module: sections, imports, exports, and whether the NEAR and CosmWasm profiles accept it',
  usage: 'inspect <file.wasm|file.wat> [--functions]',
  async run(args, io) {
    const { positionals, values } = parseCommandLine(args, { functions: { type: 'boolean' } } as const);
    const [file] = expectPositionals(positionals, ['file']);
    const bytes = await loadModuleFile(file);
    const m = decodeModule(bytes);
    io.out(`${file}: ${bytes.length} bytes, ${m.sections.length} sections\n`);
    io.out(
      `  types ${m.types.length}, functions ${m.functions.length} (+${m.importedFunctions} imported), globals ${m.globals.length}, memories ${m.memories.length}, tables ${m.tables.length}, data ${m.data.length}, elements ${m.elements.length}\n`,
    );
    for (const imp of m.imports) io.out(`  import ${imp.module}.${imp.name} (${imp.desc.kind})\n`);
    for (const exp of m.exports) io.out(`  export ${exp.name} (${exp.kind} ${exp.index})\n`);
    if (values.functions) {
      const names = functionNames(m);
      m.functions.forEach((typeIndex, i) => {
        const t = m.types[typeIndex]!;
        const index = m.importedFunctions + i;
        const signature = `(${t.params.map(valTypeName).join(' ')}) -> (${t.results.map(valTypeName).join(' ')})`;
        io.out(`  func ${index} ${names[index]}: ${signature}\n`);
      });
    }
    for (const [profile, abi] of [
      [NEAR_PROFILE, checkNearAbi],
      [COSMWASM_PROFILE, checkCosmWasmAbi],
    ] as const) {
      try {
        const prepared = prepareModule(bytes, profile);
        abi(prepared.module);
        const instructions = prepared.codes.reduce((n, c) => n + c.count, 0);
        io.out(
          `  ${profile.name}: accepted; ${instructions} instructions; instrumented ${prepared.instrumented.length} bytes\n`,
        );
      } catch (err) {
        if (!(err instanceof PolyvmError)) throw err;
        io.out(`  ${profile.name}: rejected (${err.code}): ${err.message}\n`);
      }
    }
    return 0;
  },
};
