/** RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled; CRLF ends lines. */
export function toCsv(
  headers: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
): string {
  const field = (value: string | number) => {
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `${[headers, ...rows].map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}
