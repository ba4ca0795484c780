import { Table, TableProps } from '@backstage/core-components';

/**
 * Rows per page as Material Table sees it: more than any page holds, so that
 * it never splits the page it is given.
 */
const PAGE_SIZE = 1_000_000;

/**
 * A Backstage table over one page of a cursor-paginated list: "next" and
 * "previous" fetch from the server. Material Table only knows page numbers
 * and a total, so it is told of one page before this one when there is a
 * previous page, and of one after it when there is a next one. Without
 * another page either way, no pagination is shown.
 */
export function CursorPaginatedTable<T extends object>(
  props: Omit<TableProps<T>, 'page' | 'totalCount' | 'onPageChange'> & {
    next?: () => void;
    previous?: () => void;
    /** Says which page is shown, e.g. "Page 2". */
    pageLabel?: string;
  },
) {
  const { next, previous, pageLabel, options, localization, ...tableProps } =
    props;
  const pagesBefore = previous ? 1 : 0;
  const pagesAfter = next ? 1 : 0;
  return (
    <Table<T>
      {...tableProps}
      options={{
        ...options,
        paging: Boolean(next || previous),
        pageSize: PAGE_SIZE,
        pageSizeOptions: [],
        showFirstLastPageButtons: false,
        emptyRowsWhenPaging: false,
      }}
      page={pagesBefore}
      // Never a count that makes Material Table move back a page by itself.
      totalCount={PAGE_SIZE * (pagesBefore + 1 + pagesAfter)}
      onPageChange={page => {
        if (page > pagesBefore) {
          next?.();
        } else if (page < pagesBefore) {
          previous?.();
        }
      }}
      localization={{
        ...localization,
        pagination: {
          labelDisplayedRows: pageLabel ?? '',
          ...localization?.pagination,
        },
      }}
    />
  );
}
