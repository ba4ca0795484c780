import { useState } from 'react';
import { downloadBlob } from './downloadBlob';

/**
 * The state of the CSV download of a report: `download` fetches the CSV and
 * saves it as `filename`; `error` holds why it failed until cleared.
 */
export function useCsvDownload(
  fetchCsv: () => Promise<Blob>,
  filename: string,
) {
  const [downloading, setDownloading] = useState(false);
  const [error, setError] = useState<Error>();

  const download = async () => {
    setDownloading(true);
    setError(undefined);
    try {
      downloadBlob(await fetchCsv(), filename);
    } catch (e) {
      setError(e as Error);
    } finally {
      setDownloading(false);
    }
  };
  const clearError = () => setError(undefined);

  return { downloading, error, download, clearError };
}
