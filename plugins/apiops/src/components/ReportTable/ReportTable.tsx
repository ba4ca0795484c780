import { useMemo } from 'react';
import { Table, TableOptions } from '@backstage/core-components';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { CursorPaginatedTable } from '../CursorPagination';
import { ReportTableMessage } from './ReportTableMessage';
import { ReportErrorPanel } from '../ReportErrorPanel';
import { factGrid } from '../factGrid';
import { foldColumns, ReportColumn } from './foldColumns';

const useStyles = makeStyles(theme => ({
  folded: {
    ...factGrid(theme, { rowGap: 0.25, marginTop: 0.5 }),
    '& dt': {
      ...theme.typography.caption,
      color: theme.palette.text.secondary,
    },
  },
}));

/** How a report table pages its rows. */
export type ReportTablePaging =
  /** On the server, page by page (see `useCursorPages`). */
  | {
      type: 'cursor';
      next?: () => void;
      previous?: () => void;
      /** Says which page is shown, e.g. "Page 2". */
      pageLabel: string;
    }
  /** In the browser, over all the rows fetched. */
  | { type: 'local'; pageSize: number; pageSizeOptions: number[] };

/**
 * The table of a report, the one idiom of the plugin's reports: columns
 * declared as Backstage `TableColumn`s (memoised by the caller: Material
 * Table resets its state when they change), paged on the server with a
 * cursor or in the browser, a message when there are no rows, and the
 * error in place of the table when the rows cannot be fetched. Below the
 * `md` breakpoint (960 px) the `fold` columns join the key column's cell.
 */
export function ReportTable<T extends object>(props: {
  columns: ReportColumn<T>[];
  rows: readonly T[];
  loading: boolean;
  error?: Error;
  /** Shown in place of rows when there are none. */
  emptyMessage: string;
  paging: ReportTablePaging;
  /** The table's title in its toolbar; without it, no toolbar. */
  title?: string;
  /** Further Material Table options (sorting, padding…). */
  options?: TableOptions<T>;
  /**
   * A stable id per row (e.g. its entity ref): Material Table keeps a row's
   * state (its sort and page) by `id`, and warns of rows without one.
   */
  rowId?: (row: T) => string;
  /**
   * Called with the column (of `columns`) and the direction when a header is
   * clicked: for tables sorted on the server, whose sortable columns sort
   * with `customSort: () => 0` to keep the server's order.
   */
  onOrderChange?: (
    column: ReportColumn<T> | undefined,
    direction: 'asc' | 'desc',
  ) => void;
}) {
  const { rows, loading, error, emptyMessage, paging, title, rowId } = props;
  const { onOrderChange } = props;
  const classes = useStyles();
  const theme = useTheme();
  // Known on the first render: a change of columns resets Material Table.
  const narrow = useMediaQuery(theme.breakpoints.down('sm'), { noSsr: true });
  const columns = useMemo(
    () => foldColumns(props.columns, narrow, classes),
    [props.columns, narrow, classes],
  );
  const data = useMemo(
    () => (rowId ? rows.map(row => ({ ...row, id: rowId(row) })) : [...rows]),
    [rows, rowId],
  );
  if (error) {
    return <ReportErrorPanel error={error} />;
  }
  const options: TableOptions<T> = {
    toolbar: Boolean(title),
    search: false,
    padding: 'dense',
    ...props.options,
  };
  const common = {
    title,
    columns,
    data,
    onOrderChange: onOrderChange
      ? (orderBy: number, direction: 'asc' | 'desc') =>
          // The columns shown, folded or not, keep the titles of `columns`.
          onOrderChange(
            props.columns.find(c => c.title === columns[orderBy]?.title),
            direction,
          )
      : undefined,
    isLoading: loading,
    emptyContent: <ReportTableMessage>{emptyMessage}</ReportTableMessage>,
  };
  if (paging.type === 'cursor') {
    return (
      <CursorPaginatedTable<T>
        {...common}
        next={paging.next}
        previous={paging.previous}
        pageLabel={paging.pageLabel}
        options={options}
      />
    );
  }
  return (
    <Table<T>
      {...common}
      options={{
        ...options,
        paging: rows.length > paging.pageSize,
        pageSize: paging.pageSize,
        pageSizeOptions: paging.pageSizeOptions,
        emptyRowsWhenPaging: false,
      }}
    />
  );
}
