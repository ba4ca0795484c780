import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { ReportTable } from './ReportTable';

type Row = { name: string };

const columns = [{ title: 'Name', field: 'name' as const }];

describe('ReportTable', () => {
  it('shows the rows under the declared columns', async () => {
    await renderInTestApp(
      <ReportTable<Row>
        columns={columns}
        rows={[{ name: 'Accounts API' }]}
        loading={false}
        emptyMessage="Nothing here"
        paging={{ type: 'local', pageSize: 10, pageSizeOptions: [10] }}
      />,
    );
    expect(await screen.findByText('Accounts API')).toBeVisible();
    expect(screen.queryByText('Nothing here')).not.toBeInTheDocument();
  });

  it('says so when there are no rows', async () => {
    await renderInTestApp(
      <ReportTable<Row>
        columns={columns}
        rows={[]}
        loading={false}
        emptyMessage="Nothing here"
        paging={{ type: 'cursor', pageLabel: 'Page 1' }}
      />,
    );
    expect(await screen.findByText('Nothing here')).toBeVisible();
  });

  it('shows the error in place of the table', async () => {
    await renderInTestApp(
      <ReportTable<Row>
        columns={columns}
        rows={[]}
        loading={false}
        error={new Error('The report is unavailable')}
        emptyMessage="Nothing here"
        paging={{ type: 'cursor', pageLabel: 'Page 1' }}
      />,
    );
    expect(
      await screen.findByText('Error: The report is unavailable'),
    ).toBeVisible();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
