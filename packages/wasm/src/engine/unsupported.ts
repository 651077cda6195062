import { UnsupportedError } from '@polyvm/core';

/**
 * An `UnsupportedError` that names the missing feature in `details.feature`. Every feature id used
 * here is listed in the README's "Unsupported features" table; the fixture tests accept an
 * `UnsupportedError` only for ids listed there.
 */
export function unsupported(feature: string, message: string, details: Record<string, unknown> = {}) {
  return new UnsupportedError(message, { details: { feature, ...details } });
}

/** The feature id an error names, when it is a typed `UnsupportedError` from this package. */
export function unsupportedFeature(err: unknown): string | undefined {
  if (!(err instanceof UnsupportedError)) return undefined;
  const feature = err.details.feature;
  return typeof feature === 'string' ? feature : undefined;
}
