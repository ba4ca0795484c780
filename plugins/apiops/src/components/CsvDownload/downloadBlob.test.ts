import { mockDownloads } from './__testUtils__/csvDownload';
import { downloadBlob } from './downloadBlob';

describe('downloadBlob', () => {
  it('saves the blob under the file name through a link it removes, then revokes its URL', async () => {
    const downloads = mockDownloads('blob:report');
    const blob = new Blob(['a,b\n'], { type: 'text/csv' });

    try {
      downloadBlob(blob, 'report.csv');

      expect(downloads.createObjectURL).toHaveBeenCalledWith(blob);
      expect(downloads.saved).toEqual([
        { download: 'report.csv', href: 'blob:report' },
      ]);
      expect(document.querySelector('a')).toBeNull();
      expect(downloads.revokeObjectURL).not.toHaveBeenCalled();
      await new Promise(resolve => setTimeout(resolve, 0));
      expect(downloads.revokeObjectURL).toHaveBeenCalledWith('blob:report');
    } finally {
      downloads.restore();
    }
  });
});
