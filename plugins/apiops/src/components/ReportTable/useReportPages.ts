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
 * the list starts over at its first page when the filters or `refreshKey`
 * change, and the CSV is downloaded with the same filters.
 */
export function useReportPages<T extends string, R>(options: {
  /** The prefix of the filters in the page URL (see `useReportFilters`). */
  urlPrefix: string;
  /** The name of the type filter in the URL after the prefix; `Type` by default. */
  urlTypeName?: string;
  /** The types of the report. */
  types: readonly T[];
  refreshKey: number;
  pageSize: number;
  fetchPage: (
    filters: ReportFilterValues<T>,
    page: { limit: number; cursor?: string },
  ) => Promise<ApiOpsPage<R>>;
  fetchCsv: (filters: ReportFilterValues<T>) => Promise<Blob>;
  csvFilename: string;
}): ReportPages<T, R> {
  const { refreshKey, pageSize, fetchPage, fetchCsv, csvFilename } = options;
  const { filters, inputs, changeInputs } = useReportFilters<T>({
    urlPrefix: options.urlPrefix,
    urlTypeName: options.urlTypeName,
    types: options.types,
  });
  const page = useCursorPages<R>(
    JSON.stringify([filters, refreshKey]),
    cursor => fetchPage(filters, { limit: pageSize, cursor }),
  );
  const csv = useCsvDownload(() => fetchCsv(filters), csvFilename);
  return {
    filters,
    inputs,
    changeInputs,
    filtered: Boolean(filters.types || filters.owner || filters.system),
    page,
    csv,
  };
}
