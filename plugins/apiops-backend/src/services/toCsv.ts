/**
 * The header line of a CSV file (RFC 4180, CRLF line end): the column names.
 *
 * @internal
 */
export function csvHeader(columns: ReadonlyArray<string>): string {
  return `${columns.map(cell).join(',')}\r\n`;
}

/**
 * One row of a CSV file (RFC 4180, CRLF line end), the cells in the order of
 * `columns`. A cell that a spreadsheet would read as a formula (`=`, `+`,
 * `-`, `@`) is prefixed with `'`.
 *
 * @internal
 */
export function csvRow<T extends object>(
  columns: ReadonlyArray<keyof T & string>,
  row: T,
): string {
  return `${columns.map(column => cell(row[column])).join(',')}\r\n`;
}

/**
 * Renders rows as CSV (RFC 4180, CRLF line ends) with a header line; see
 * {@link csvHeader} and {@link csvRow}.
 *
 * @internal
 */
export function toCsv<T extends object>(
  columns: ReadonlyArray<keyof T & string>,
  rows: Iterable<T>,
): string {
  let text = csvHeader(columns);
  for (const row of rows) {
    text += csvRow(columns, row);
  }
  return text;
}

function cell(value: unknown): string {
  let text = value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
