import { governanceStatus } from './governanceStatus';
import { GOVERNANCE_STATUSES, type FindingSeverity } from './types';

describe('governanceStatus', () => {
  it.each<[FindingSeverity[], string]>([
    [[], 'compliant'],
    [['info'], 'compliant'],
    [['info', 'info'], 'compliant'],
    [['warning'], 'attention'],
    [['info', 'warning', 'info'], 'attention'],
    [['error'], 'non-compliant'],
    [['warning', 'error'], 'non-compliant'],
    [['error', 'warning', 'info'], 'non-compliant'],
  ])('%j → %s', (severities, status) => {
    expect(
      governanceStatus(
        severities.map(severity => ({ ruleId: 'r', severity, message: 'm' })),
      ),
    ).toBe(status);
  });

  it('names every status it can return', () => {
    expect([...GOVERNANCE_STATUSES].sort()).toEqual(
      ['attention', 'compliant', 'non-compliant'].sort(),
    );
  });
});
