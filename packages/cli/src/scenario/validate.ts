import { isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import type { Schema } from './schema.js';

/** One schema violation: where (a JSON path and a line) and what. */
export interface SchemaProblem {
  path: string;
  line: number;
  message: string;
}

/**
 * Validates a parsed YAML/JSON document against the subset of JSON Schema the scenario schema uses
 * (type, enum, pattern, minimum, minItems, required, properties, additionalProperties, items,
 * local $ref), reporting each problem with the field's path and the line it is on.
 */
export function validateDocument(node: Node | null, schema: Schema, root: Schema, lines: LineCounter) {
  const problems: SchemaProblem[] = [];
  walk(node, schema, '$', 1);
  return problems;

  function lineOf(n: Node | null | undefined, fallback: number): number {
    const offset = n?.range?.[0];
    return offset === undefined ? fallback : lines.linePos(offset).line;
  }

  function walk(n: Node | null, s: Schema, path: string, parentLine: number): void {
    const line = lineOf(n, parentLine);
    const problem = (message: string) => problems.push({ path, line, message });
    if (s.$ref) {
      const name = s.$ref.replace('#/$defs/', '');
      const target = root.$defs?.[name];
      if (!target) throw new Error(`schema: unresolved $ref ${s.$ref}`);
      walk(n, target, path, parentLine);
      return;
    }
    const value = isScalar(n) ? n.value : undefined;
    if (s.enum && !(isScalar(n) && s.enum.includes(value))) {
      problem(`must be one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`);
      return;
    }
    switch (s.type) {
      case 'object':
        if (!isMap(n)) {
          problem('must be an object');
          return;
        }
        break;
      case 'array':
        if (!isSeq(n)) return void problem('must be an array');
        break;
      case 'string':
        if (typeof value !== 'string') return void problem('must be a string');
        break;
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value)) return void problem('must be an integer');
        break;
      case 'boolean':
        if (typeof value !== 'boolean') return void problem('must be true or false');
        break;
    }
    if (s.pattern && typeof value === 'string' && !new RegExp(s.pattern).test(value)) {
      problem(`must match ${s.pattern}, got ${JSON.stringify(value)}`);
    }
    if (s.minimum !== undefined && typeof value === 'number' && value < s.minimum) {
      problem(`must be at least ${s.minimum}`);
    }
    if (isSeq(n)) {
      if (s.minItems !== undefined && n.items.length < s.minItems)
        problem(`needs at least ${s.minItems} item(s)`);
      const items = s.items;
      if (items) {
        for (const [i, item] of n.items.entries()) walk(item as Node, items, `${path}[${i}]`, line);
      }
    }
    if (isMap(n)) {
      const present = new Set<string>();
      for (const pair of n.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        present.add(key);
        const keyPath = `${path}.${key}`;
        const sub =
          s.properties?.[key] ??
          (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
        if (sub) walk(pair.value as Node, sub, keyPath, lineOf(pair.key as Node, line));
        else if (s.additionalProperties === false) {
          const known = Object.keys(s.properties ?? {}).join(', ');
          problems.push({
            path: keyPath,
            line: lineOf(pair.key as Node, line),
            message: `unknown field (known: ${known})`,
          });
        }
      }
      for (const name of s.required ?? []) {
        if (!present.has(name)) problem(`is missing the required field "${name}"`);
      }
    }
  }
}
