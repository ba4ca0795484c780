/**
 * Renders rows as CSV (RFC 4180, CRLF line ends) with a header line. A cell
 * that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`) is
 * prefixed with `'`.
 *
 * @internal
 */
export function toCsv<T extends object>(
  columns: ReadonlyArray<keyof T & string>,
  rows: Iterable<T>,
): string {
  const lines = [columns.map(cell).join(',')];
  for (const row of rows) {
    lines.push(columns.map(column => cell(row[column])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

function cell(value: unknown): string {
  let text = value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
