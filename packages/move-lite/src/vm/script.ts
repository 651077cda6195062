import {
  type CompiledModule,
  type CompiledScript,
  emptyModule,
  FunctionFlag,
  Visibility,
} from '../binary/types.js';

/** The module id a script runs under, as in Aptos (`<SELF>` at address 0). */
export const SCRIPT_MODULE_NAME = '<SELF>';

/**
 * Wraps a script as a module with one public entry function `main`, so the verifier, loader and
 * interpreter treat both alike. The script's tables are kept at their indices; only a self module
 * handle, the `main` handle and their names are appended.
 */
export function scriptAsModule(script: CompiledScript): CompiledModule {
  const m = emptyModule(script.addressWidth, script.version);
  m.versionWord = script.versionWord;
  m.moduleHandles = [...script.moduleHandles];
  m.structHandles = [...script.structHandles];
  m.functionHandles = [...script.functionHandles];
  m.functionInstantiations = [...script.functionInstantiations];
  m.signatures = [...script.signatures];
  m.identifiers = [...script.identifiers];
  m.addressIdentifiers = [...script.addressIdentifiers];
  m.constantPool = [...script.constantPool];
  m.metadata = [...script.metadata];
  const identifier = (name: string): number => {
    const i = m.identifiers.indexOf(name);
    return i >= 0 ? i : m.identifiers.push(name) - 1;
  };
  const address = m.addressIdentifiers.push(new Uint8Array(script.addressWidth)) - 1;
  m.selfModuleHandle = m.moduleHandles.push({ address, name: identifier(SCRIPT_MODULE_NAME) }) - 1;
  let returns = m.signatures.findIndex((s) => s.length === 0);
  if (returns < 0) returns = m.signatures.push([]) - 1;
  const handle =
    m.functionHandles.push({
      module: m.selfModuleHandle,
      name: identifier('main'),
      parameters: script.parameters,
      returns,
      typeParameters: script.typeParameters,
    }) - 1;
  m.functionDefs = [
    { handle, visibility: Visibility.Public, flags: FunctionFlag.Entry, acquires: [], code: script.code },
  ];
  return m;
}
