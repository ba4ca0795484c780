import { ReactNode } from 'react';
import { CsvDownloadButton, CsvDownloadError } from '../CsvDownload';
import { ReportFilterLabels, ReportFilters } from '../ReportFilters';
import type { ReportPages } from './useReportPages';

/**
 * The bar above a report table: its filters, the download of the report as
 * CSV with the same filters, and why a download failed. Filters of the
 * report's own come as children, before the download button.
 */
export function ReportToolbar<T extends string>(props: {
  idPrefix: string;
  types: readonly T[];
  /** Whether several types can be picked. */
  multiple?: boolean;
  labels: ReportFilterLabels<T> & {
    download: string;
    downloadError: (message: string) => string;
  };
  report: Pick<ReportPages<T, unknown>, 'inputs' | 'changeInputs' | 'csv'>;
  /** Entity filters not offered (see `ReportFilters`). */
  hide?: ReadonlyArray<'owner' | 'system'>;
  children?: ReactNode;
}) {
  const { idPrefix, types, multiple, labels, report, hide, children } = props;
  const { csv } = report;
  return (
    <>
      <ReportFilters<T>
        idPrefix={idPrefix}
        types={types}
        multiple={multiple}
        labels={labels}
        value={report.inputs}
        onChange={report.changeInputs}
        hide={hide}
      >
        {children}
        <CsvDownloadButton
          label={labels.download}
          downloading={csv.downloading}
          onClick={csv.download}
        />
      </ReportFilters>
      <CsvDownloadError
        error={csv.error}
        message={labels.downloadError}
        onClose={csv.clearError}
      />
    </>
  );
}
