/**
 * Rust's `Utf8Error` as `core::str::from_utf8` reports it (`valid_up_to`, `error_len`), and agave's
 * `SyscallError::InvalidString(err, bytes)` text: `"{err}: {bytes:?}"`. `error_len` is the length
 * of the invalid sequence (1–3) or none when the input ends inside a sequence.
 */
export function utf8ErrorText(bytes: Uint8Array): string | undefined {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // The allowed second-byte range of each lead byte (RFC 3629, as Rust's `run_utf8_validation`).
    const width = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (width === 0) return describe(i, 1, bytes);
    const [low, high] =
      b === 0xe0
        ? [0xa0, 0xbf]
        : b === 0xed
          ? [0x80, 0x9f]
          : b === 0xf0
            ? [0x90, 0xbf]
            : b === 0xf4
              ? [0x80, 0x8f]
              : [0x80, 0xbf];
    for (let k = 1; k < width; k++) {
      const next = bytes[i + k];
      if (next === undefined) return describe(i, undefined, bytes);
      const ok = k === 1 ? next >= low && next <= high : next >= 0x80 && next <= 0xbf;
      if (!ok) return describe(i, k, bytes);
    }
    i += width;
  }
  return undefined;
}

function describe(validUpTo: number, errorLen: number | undefined, bytes: Uint8Array): string {
  const error =
    errorLen === undefined
      ? `incomplete utf-8 byte sequence from index ${validUpTo}`
      : `invalid utf-8 sequence of ${errorLen} bytes from index ${validUpTo}`;
  return `${error}: [${Array.from(bytes).join(', ')}]`;
}
