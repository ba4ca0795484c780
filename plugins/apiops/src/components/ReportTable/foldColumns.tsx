import { Fragment, ReactNode } from 'react';
import type { TableColumn } from '@backstage/core-components';

/**
 * A column of a report table. A `fold` column is secondary: on a narrow
 * screen it leaves the table and its value joins the key column's cell
 * (the first column not folded), under its title, so that the key columns
 * stay on screen without a sideways scroll.
 */
export type ReportColumn<T extends object> = TableColumn<T> & {
  fold?: boolean;
};

/** A column's value in a row: what it renders, else its field. */
function cellOf<T extends object>(column: TableColumn<T>, row: T): ReactNode {
  if (column.render) {
    return column.render(row, 'row');
  }
  const value =
    typeof column.field === 'string'
      ? (row as Record<string, unknown>)[column.field]
      : undefined;
  return value === undefined || value === null ? '' : String(value);
}

/**
 * The columns of a report table as shown: all of them (without the `fold`
 * flag) on a wide screen; on a narrow one the key column, with the folded
 * columns' titles and values below its own value, and the other columns
 * that are not folded.
 */
export function foldColumns<T extends object>(
  columns: ReadonlyArray<ReportColumn<T>>,
  narrow: boolean,
  classes: { folded: string },
): TableColumn<T>[] {
  const plain = columns.map(({ fold: _fold, ...column }) => column);
  const folded = plain.filter((_, index) => columns[index].fold);
  if (!narrow || folded.length === 0) {
    return plain;
  }
  const kept = plain.filter((_, index) => !columns[index].fold);
  const [key, ...rest] = kept;
  if (!key) {
    return plain;
  }
  return [
    {
      ...key,
      render: row => (
        <>
          {cellOf(key, row)}
          <dl className={classes.folded}>
            {folded.map((column, index) => (
              <Fragment key={String(column.field ?? index)}>
                <dt>{column.title}</dt>
                <dd>{cellOf(column, row)}</dd>
              </Fragment>
            ))}
          </dl>
        </>
      ),
    },
    ...rest,
  ];
}
