import type { ApiOpsPage } from '../../api';
import { useCsvDownload } from '../CsvDownload';
import { useCursorPages } from '../CursorPagination';
import { ReportFilterValues, useReportFilters } from '../ReportFilters';

/**
 * A filterable report paged on the server and downloadable as CSV: its
 * filters (as typed and as queried), the page shown, and the download.
 */
export interface ReportPages<T extends string, R> {
  filters: ReportFilterValues<T>;
  inputs: ReturnType<typeof useReportFilters<T>>['inputs'];
  changeInputs: ReturnType<typeof useReportFilters<T>>['changeInputs'];
  /** Whether any filter is set. */
  filtered: boolean;
  page: ReturnType<typeof useCursorPages<R>>;
  csv: ReturnType<typeof useCsvDownload>;
}

/**
 * The state of a report table with filters, cursor pages and a CSV export:
 * the list starts over at its first page when the query or `refreshKey`
 * change, and the CSV is downloaded with the same query. The query is the
 * filters, or what `toQuery` makes of them (with what else the report
 * filters on).
 */
export function useReportPages<
  T extends string,
  R,
  Q = ReportFilterValues<T>,
>(options: {
  /** The prefix of the filters in the page URL (see `useReportFilters`). */
  urlPrefix: string;
  /** The name of the type filter in the URL after the prefix; `Type` by default. */
  urlTypeName?: string;
  /** The types of the report. */
  types: readonly T[];
  refreshKey: number;
  pageSize: number;
  /** The query of the filters; the filters themselves by default. */
  toQuery?: (filters: ReportFilterValues<T>) => Q;
  fetchPage: (
    query: Q,
    page: { limit: number; cursor?: string },
  ) => Promise<ApiOpsPage<R>>;
  fetchCsv: (query: Q) => Promise<Blob>;
  csvFilename: string;
}): ReportPages<T, R> {
  const { refreshKey, pageSize, toQuery, fetchPage, fetchCsv, csvFilename } =
    options;
  const { filters, inputs, changeInputs } = useReportFilters<T>({
    urlPrefix: options.urlPrefix,
    urlTypeName: options.urlTypeName,
    types: options.types,
  });
  const query = toQuery ? toQuery(filters) : (filters as Q);
  const page = useCursorPages<R>(JSON.stringify([query, refreshKey]), cursor =>
    fetchPage(query, { limit: pageSize, cursor }),
  );
  const csv = useCsvDownload(() => fetchCsv(query), csvFilename);
  return {
    filters,
    inputs,
    changeInputs,
    filtered: Boolean(filters.types || filters.owner || filters.system),
    page,
    csv,
  };
}
