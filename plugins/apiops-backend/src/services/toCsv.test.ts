import { csvHeader, csvRow, toCsv } from './toCsv';

describe('toCsv', () => {
  const columns = ['a', 'b'] as const;
  const rows = [
    { a: '=1+1', b: 'x, "y"' },
    { a: undefined, b: 2 },
  ];

  it('is the header line followed by one line per row', () => {
    expect(csvHeader(columns)).toBe('a,b\r\n');
    expect(csvRow(columns, rows[0])).toBe(`'=1+1,"x, ""y"""\r\n`);
    expect(csvRow(columns, rows[1])).toBe(',2\r\n');
    expect(toCsv(columns, rows)).toBe(
      csvHeader(columns) + rows.map(row => csvRow(columns, row)).join(''),
    );
    expect(toCsv(columns, [])).toBe('a,b\r\n');
  });
});
