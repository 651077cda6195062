import { resolve } from 'node:path';
import { InvalidArgumentError, readInputFile } from '@polyvm/core';
import { LineCounter, parseDocument } from 'yaml';
import { SCENARIO_SCHEMA } from './schema.js';
import type { Scenario } from './types.js';
import { validateDocument } from './validate.js';

/**
 * Reads a scenario (YAML, or JSON which is YAML too), checks it against the published schema and
 * the references between its parts. Every problem is an `InvalidArgumentError` naming the file,
 * the line and the field: a broken scenario is a bad command line (exit 2).
 */
export function loadScenario(path: string): Scenario {
  const file = resolve(path);
  const text = new TextDecoder().decode(readInputFile(path, 'scenario'));
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax) {
    const line = lines.linePos(syntax.pos[0]).line;
    throw new InvalidArgumentError(`${path}:${line}: ${syntax.message.split('\n')[0]}`);
  }
  const problems = validateDocument(doc.contents, SCENARIO_SCHEMA, SCENARIO_SCHEMA, lines);
  if (problems.length > 0) {
    const [first] = problems;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem(s))` : '';
    throw new InvalidArgumentError(`${path}:${first!.line}: ${first!.path} ${first!.message}${more}`);
  }
  const scenario = { ...(doc.toJS() as Omit<Scenario, 'file'>), file };
  checkReferences(scenario, path);
  checkWorkload(scenario, path);
  return scenario;
}

/** A scenario that implements a workload measures exactly one call, its last step, and says how to read the result. */
function checkWorkload(scenario: Scenario, path: string): void {
  const measured = scenario.steps.filter((s) => s.measure);
  if (scenario.workload === undefined) {
    if (measured.length > 0 || scenario.result !== undefined)
      throw new InvalidArgumentError(`${path}: "measure" and "result" need "workload"`);
    return;
  }
  const last = scenario.steps.at(-1);
  if (measured.length !== 1 || !last?.measure || last.call === undefined)
    throw new InvalidArgumentError(
      `${path}: a workload scenario measures exactly one call, its last step ("measure: true")`,
    );
  if (scenario.result === undefined)
    throw new InvalidArgumentError(
      `${path}: a workload scenario needs "result" (how each VM's result is read)`,
    );
}

function checkReferences(scenario: Scenario, path: string): void {
  const callers = scenario.callers ?? [];
  scenario.steps.forEach((step, i) => {
    const where = `${path}: $.steps[${i}]`;
    if ((step.deploy === undefined) === (step.call === undefined)) {
      throw new InvalidArgumentError(`${where} needs exactly one of "deploy" and "call"`);
    }
    const contract = (step.deploy ?? step.call)!;
    if (!scenario.contracts[contract]) {
      throw new InvalidArgumentError(
        `${where} names contract "${contract}", which is not under "contracts" (${Object.keys(scenario.contracts).join(', ')})`,
      );
    }
    if (step.caller !== undefined && !callers.includes(step.caller)) {
      throw new InvalidArgumentError(`${where}.caller "${step.caller}" is not under "callers"`);
    }
  });
}
