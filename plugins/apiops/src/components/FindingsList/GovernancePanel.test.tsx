import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { GovernancePanel } from './GovernancePanel';

describe('GovernancePanel', () => {
  it('says the findings are evaluated now, with the ownership checks and relations of the snapshot', async () => {
    await renderInTestApp(
      <GovernancePanel
        governance={{ status: 'compliant', findings: [] }}
        computedAt="2026-11-26T14:19:48.315Z"
        snapshotAt="2026-11-26T14:11:52.323Z"
      />,
    );

    expect(await screen.findByText('Compliant')).toBeInTheDocument();
    expect(
      screen.getByText('No findings: every governance rule passes.'),
    ).toBeInTheDocument();
    const [evaluated, checked] = document.querySelectorAll('time');
    expect(evaluated).toHaveAttribute('datetime', '2026-11-26T14:19:48.315Z');
    expect(checked).toHaveAttribute('datetime', '2026-11-26T14:11:52.323Z');
    // Not "from the snapshot": the rules run again on every status.
    expect(evaluated.parentElement).toHaveTextContent(
      /^Evaluated \S.*, with the ownership checks and catalog relations of the snapshot taken \S/,
    );
  });

  it('names a refresh of the API when its inputs come from one', async () => {
    await renderInTestApp(
      <GovernancePanel
        governance={{ status: 'compliant', findings: [] }}
        computedAt="2026-11-26T14:19:48.315Z"
        snapshotAt="2026-11-26T14:11:52.323Z"
        refreshedAt="2026-11-26T14:15:00.000Z"
      />,
    );

    await screen.findByText('Compliant');
    const [evaluated, checked] = document.querySelectorAll('time');
    expect(checked).toHaveAttribute('datetime', '2026-11-26T14:15:00.000Z');
    expect(evaluated.parentElement).toHaveTextContent(
      /with the ownership checks and catalog relations of a refresh of this API \S/,
    );
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
