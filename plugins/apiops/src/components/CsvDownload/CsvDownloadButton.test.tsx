import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CsvDownloadButton, CsvDownloadError } from './CsvDownloadButton';
import { clickDownload } from './__testUtils__/csvDownload';

describe('CsvDownloadButton', () => {
  it('downloads on a click', async () => {
    const onClick = jest.fn();
    await renderInTestApp(
      <CsvDownloadButton
        label="Export"
        downloading={false}
        onClick={onClick}
      />,
    );

    await clickDownload('Export');
    expect(onClick).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('is disabled, with a spinner, while downloading', async () => {
    await renderInTestApp(
      <CsvDownloadButton label="Export" downloading onClick={jest.fn()} />,
    );

    expect(screen.getByRole('button', { name: 'Export' })).toBeDisabled();
    expect(screen.getByRole('progressbar')).toBeInTheDocument();
  });
});

describe('CsvDownloadError', () => {
  it('shows the message of the error until closed', async () => {
    const onClose = jest.fn();
    await renderInTestApp(
      <CsvDownloadError
        error={new Error('Service Unavailable')}
        message={message => `Failed: ${message}`}
        onClose={onClose}
      />,
    );

    expect(screen.getByRole('alert')).toHaveTextContent(
      'Failed: Service Unavailable',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('shows nothing without an error', async () => {
    await renderInTestApp(
      <CsvDownloadError message={message => message} onClose={jest.fn()} />,
    );

    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
