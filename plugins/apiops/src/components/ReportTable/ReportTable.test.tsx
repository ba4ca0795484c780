import { renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
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

  describe('row ids', () => {
    // Material Table warns of rows without an id in development only: it
    // keeps a row's state (its sort and page among them) by id.
    const MISSING_ID = /requires all rows to have an unique id/;
    let nodeEnv: string | undefined;
    let warn: jest.SpyInstance;
    beforeEach(() => {
      nodeEnv = process.env.NODE_ENV;
      process.env.NODE_ENV = 'development';
      warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    });
    afterEach(() => {
      process.env.NODE_ENV = nodeEnv;
      warn.mockRestore();
    });
    const warned = () =>
      warn.mock.calls.some(args => MISSING_ID.test(String(args[0])));

    it('gives each row the id it is asked for, so Material Table keeps its state', async () => {
      await renderInTestApp(
        <ReportTable<Row>
          columns={columns}
          rows={[{ name: 'Accounts API' }, { name: 'Cards API' }]}
          rowId={row => `api:default/${row.name}`}
          loading={false}
          emptyMessage="Nothing here"
          paging={{ type: 'cursor', pageLabel: 'Page 1' }}
        />,
      );
      expect(await screen.findByText('Cards API')).toBeVisible();
      expect(warned()).toBe(false);
    });

    it('leaves rows without an id when none is asked for (and Material Table says so)', async () => {
      await renderInTestApp(
        <ReportTable<Row>
          columns={columns}
          rows={[{ name: 'Accounts API' }]}
          loading={false}
          emptyMessage="Nothing here"
          paging={{ type: 'cursor', pageLabel: 'Page 1' }}
        />,
      );
      expect(await screen.findByText('Accounts API')).toBeVisible();
      expect(warned()).toBe(true);
    });
  });

  it('names the column whose header was clicked, for a sort on the server', async () => {
    const onOrderChange = jest.fn();
    await renderInTestApp(
      <ReportTable<Row>
        columns={[{ title: 'Name', field: 'name', customSort: () => 0 }]}
        rows={[{ name: 'Accounts API' }]}
        loading={false}
        emptyMessage="Nothing here"
        paging={{ type: 'cursor', pageLabel: 'Page 1' }}
        options={{ sorting: true, draggable: false }}
        onOrderChange={onOrderChange}
      />,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Name' }));
    expect(onOrderChange).toHaveBeenCalledWith(
      expect.objectContaining({ title: 'Name', field: 'name' }),
      'asc',
    );
  });

  describe('on a narrow screen', () => {
    type Api = { name: string; owner: string; system: string; status: string };
    const apiColumns = [
      { title: 'API', field: 'name' as const },
      { title: 'Owner', field: 'owner' as const, fold: true },
      {
        title: 'System',
        field: 'system' as const,
        fold: true,
        render: (api: Api) => `System ${api.system}`,
      },
      { title: 'Status', field: 'status' as const },
    ];
    const rows: Api[] = [
      {
        name: 'Accounts API',
        owner: 'ledger-team',
        system: 'core',
        status: 'Compliant',
      },
    ];
    const original = window.matchMedia;

    /** A viewport `width` px wide, as media queries see it. */
    function viewport(width: number) {
      window.matchMedia = jest.fn().mockImplementation((query: string) => {
        const max = /max-width:\s*([\d.]+)px/.exec(query);
        const min = /min-width:\s*([\d.]+)px/.exec(query);
        const matches =
          (!max || width <= Number(max[1])) &&
          (!min || width >= Number(min[1]));
        return {
          matches,
          media: query,
          onchange: null,
          addListener: jest.fn(),
          removeListener: jest.fn(),
          addEventListener: jest.fn(),
          removeEventListener: jest.fn(),
          dispatchEvent: jest.fn(),
        };
      });
    }

    afterEach(() => {
      window.matchMedia = original;
    });

    async function renderApis() {
      await renderInTestApp(
        <ReportTable<Api>
          columns={apiColumns}
          rows={rows}
          loading={false}
          emptyMessage="Nothing here"
          paging={{ type: 'local', pageSize: 10, pageSizeOptions: [10] }}
        />,
      );
      await screen.findByText('Accounts API');
      return screen
        .getAllByRole('columnheader')
        .map(header => header.textContent);
    }

    it('folds the secondary columns into the key column at 800 px', async () => {
      viewport(800);
      expect(await renderApis()).toEqual(['API', 'Status']);
      const cell = screen.getByText('Accounts API').closest('td')!;
      const folded = within(cell);
      expect(folded.getByText('Owner').tagName).toBe('DT');
      expect(folded.getByText('ledger-team').tagName).toBe('DD');
      expect(folded.getByText('System core')).toBeInTheDocument();
      expect(screen.getByText('Compliant').closest('td')).not.toBe(cell);
    });

    it('shows every column on a wide screen', async () => {
      viewport(1280);
      expect(await renderApis()).toEqual(['API', 'Owner', 'System', 'Status']);
      expect(screen.queryByRole('term')).not.toBeInTheDocument();
    });
  });
});
