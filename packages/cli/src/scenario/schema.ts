import { readFileSync } from 'node:fs';

/** A JSON Schema, as far as the scenario schema uses it. */
export interface Schema {
  type?: string;
  enum?: readonly unknown[];
  pattern?: string;
  minimum?: number;
  minItems?: number;
  required?: readonly string[];
  properties?: Readonly<Record<string, Schema>>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  $ref?: string;
  $defs?: Readonly<Record<string, Schema>>;
  description?: string;
}

/**
 * The published scenario schema (packages/cli/schema/scenario.schema.json, shipped with the
 * package): the same file editors validate against is the one `polyvm run` checks with.
 */
export const SCENARIO_SCHEMA: Schema = JSON.parse(
  readFileSync(new URL('../../schema/scenario.schema.json', import.meta.url), 'utf8'),
) as Schema;
