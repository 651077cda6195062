/**
 * Drops the runtime library's functions a module never calls, before assembly: every contract pays
 * for its code by the byte (NEAR's `contract_loading_bytes`, deploy costs), so a module carries only
 * what its exports reach. Works on the module's WebAssembly text: its top-level forms are split by
 * parentheses (skipping `;;` comments and strings), and functions are kept when an export or a kept
 * function `call`s them.
 */

/** The top-level forms inside `(module …)`, as text. */
function topLevelForms(body: string): string[] {
  const forms: string[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === ';' && body[i + 1] === ';') {
      i = body.indexOf('\n', i);
      if (i < 0) break;
    } else if (c === '"') {
      for (i++; i < body.length && body[i] !== '"'; i++) if (body[i] === '\\') i++;
    } else if (c === '(') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === ')') {
      depth--;
      if (depth === 0) forms.push(body.slice(start, i + 1));
    }
  }
  return forms;
}

const FUNC = /^\(func (\$[\w.]+)/;
const CALL = /\(call (\$[\w.]+)/g;

/** The module text with the functions no export reaches removed. */
export function treeShake(wat: string): string {
  const open = wat.indexOf('(module');
  const forms = topLevelForms(wat.slice(open + '(module'.length, wat.lastIndexOf(')')));
  const functions = new Map<string, string>();
  for (const form of forms) {
    const name = FUNC.exec(form)?.[1];
    if (name !== undefined) functions.set(name, form);
  }
  const live = new Set<string>();
  const visit = (form: string) => {
    for (const [, callee] of form.matchAll(CALL)) {
      if (callee === undefined || live.has(callee) || !functions.has(callee)) continue;
      live.add(callee);
      visit(functions.get(callee)!);
    }
  };
  // Roots: exported functions, and everything outside functions that names one.
  for (const form of forms) {
    const name = FUNC.exec(form)?.[1];
    if (name === undefined || form.includes('(export ')) {
      if (name !== undefined) live.add(name);
      visit(form);
    }
  }
  const kept = forms.filter((form) => {
    const name = FUNC.exec(form)?.[1];
    return name === undefined || live.has(name);
  });
  return `(module\n${kept.join('\n')}\n)`;
}
