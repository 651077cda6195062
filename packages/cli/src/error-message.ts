import { PolyvmError } from '@polyvm/core';

/**
 * How the CLI prints a failure: the typed error's name and stable code, its message, its
 * machine-readable details and its cause chain, so a decode error in a runtime command reads as
 * clearly as a usage error. Anything that is not a `PolyvmError` is a bug and shows its stack.
 */
export function formatError(err: unknown): string {
  if (!(err instanceof PolyvmError)) {
    const text = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
    return `polyvm: internal error: ${text}`;
  }
  const lines = [`polyvm: ${err.name} [${err.code}]: ${err.message}`];
  if (Object.keys(err.details).length > 0) lines.push(`  details: ${safeJSON(err.details)}`);
  const seen = new Set<unknown>([err]);
  for (
    let cause = err.cause;
    cause !== undefined && !seen.has(cause);
    cause = (cause as { cause?: unknown }).cause
  ) {
    seen.add(cause);
    lines.push(`  caused by: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}`);
  }
  return lines.join('\n');
}

function safeJSON(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
  } catch {
    return String(value);
  }
}
