import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { GovernancePanel } from './GovernancePanel';

describe('GovernancePanel', () => {
  it('says which snapshot a compliant status comes from', async () => {
    await renderInTestApp(
      <GovernancePanel
        governance={{ status: 'compliant', findings: [] }}
        snapshotAt="2026-11-26T14:11:52.323Z"
      />,
    );

    expect(await screen.findByText('Compliant')).toBeInTheDocument();
    expect(
      screen.getByText('No findings: every governance rule passes.'),
    ).toBeInTheDocument();
    const time = document.querySelector('time')!;
    expect(time).toHaveAttribute('datetime', '2026-11-26T14:11:52.323Z');
    expect(time.parentElement).toHaveTextContent(/^From the snapshot taken \S/);
  });

  it('says so when no snapshot has seen the API', async () => {
    await renderInTestApp(<GovernancePanel governance={undefined} />);

    expect(
      await screen.findByText(/^Not yet in a snapshot/),
    ).toBeInTheDocument();
    expect(document.querySelector('time')).toBeNull();
  });

  it('names the permission when the governance was withheld', async () => {
    await renderInTestApp(
      <GovernancePanel
        governance={undefined}
        snapshotAt="2026-11-26T14:11:52.323Z"
        withheld
      />,
    );

    expect(
      await screen.findByText(
        'Governance findings are report data: they need the permission apiops.report.read, which you do not have.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/^Not yet in a snapshot/),
    ).not.toBeInTheDocument();
  });
});
