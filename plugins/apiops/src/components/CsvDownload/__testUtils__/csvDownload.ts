import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

/** A file saved by `downloadBlob`: its name and the URL of its blob. */
export interface SavedFile {
  download: string;
  href: string;
}

/**
 * Mocks the saving of files: blobs get the object URL `url`, and the clicks
 * on download links are recorded in `saved` instead of followed. Call
 * `restore` once done.
 */
export function mockDownloads(url: string) {
  const original = {
    createObjectURL: URL.createObjectURL,
    revokeObjectURL: URL.revokeObjectURL,
  };
  const createObjectURL = jest.fn().mockReturnValue(url);
  const revokeObjectURL = jest.fn();
  Object.assign(URL, { createObjectURL, revokeObjectURL });
  const saved: SavedFile[] = [];
  const click = jest
    .spyOn(HTMLAnchorElement.prototype, 'click')
    .mockImplementation(function record(this: HTMLAnchorElement) {
      saved.push({ download: this.download, href: this.href });
    });

  const restore = () => {
    click.mockRestore();
    Object.assign(URL, original);
  };
  return { createObjectURL, revokeObjectURL, saved, restore };
}

/** Clicks the download button of a report, named `label`. */
export async function clickDownload(label = 'Download CSV') {
  await userEvent.click(screen.getByRole('button', { name: label }));
}
