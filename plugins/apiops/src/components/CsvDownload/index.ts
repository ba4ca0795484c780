export { CsvDownloadButton, CsvDownloadError } from './CsvDownloadButton';
export { useCsvDownload } from './useCsvDownload';
