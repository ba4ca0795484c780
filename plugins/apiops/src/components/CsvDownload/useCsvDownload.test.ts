import { act, renderHook } from '@testing-library/react';
import { mockDownloads } from './__testUtils__/csvDownload';
import { useCsvDownload } from './useCsvDownload';

describe('useCsvDownload', () => {
  const csv = new Blob(['a,b\n'], { type: 'text/csv' });

  it('fetches the CSV and saves it under the file name, downloading meanwhile', async () => {
    const downloads = mockDownloads('blob:report');
    let resolveCsv: (blob: Blob) => void = () => {};
    const fetchCsv = jest.fn(
      () => new Promise<Blob>(resolve => (resolveCsv = resolve)),
    );

    try {
      const { result } = renderHook(() =>
        useCsvDownload(fetchCsv, 'report.csv'),
      );
      expect(result.current.downloading).toBe(false);

      let done: Promise<void> = Promise.resolve();
      act(() => {
        done = result.current.download();
      });
      expect(result.current.downloading).toBe(true);
      expect(fetchCsv).toHaveBeenCalledTimes(1);

      await act(async () => {
        resolveCsv(csv);
        await done;
      });
      expect(result.current.downloading).toBe(false);
      expect(result.current.error).toBeUndefined();
      expect(downloads.createObjectURL).toHaveBeenCalledWith(csv);
      expect(downloads.saved).toEqual([
        { download: 'report.csv', href: 'blob:report' },
      ]);
    } finally {
      downloads.restore();
    }
  });

  it('keeps the error of a failed download until cleared or tried again', async () => {
    const fetchCsv = jest
      .fn()
      .mockRejectedValueOnce(new Error('Service Unavailable'))
      .mockRejectedValueOnce(new Error('Bad Gateway'));
    const { result } = renderHook(() => useCsvDownload(fetchCsv, 'report.csv'));

    await act(() => result.current.download());
    expect(result.current.downloading).toBe(false);
    expect(result.current.error?.message).toBe('Service Unavailable');

    act(() => result.current.clearError());
    expect(result.current.error).toBeUndefined();

    await act(() => result.current.download());
    expect(result.current.error?.message).toBe('Bad Gateway');
  });
});
