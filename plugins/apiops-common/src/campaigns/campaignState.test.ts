import { campaignCounts, campaignStateOf } from './campaignState';

const campaign = { startDate: '2027-01-04', dueDate: '2027-03-31' };
const at = (iso: string) => new Date(iso);
const remaining = (n: number) => ({ inScope: 10, remaining: n });

describe('campaignStateOf', () => {
  it('is upcoming before the start date, active from its first moment', () => {
    expect(
      campaignStateOf(campaign, remaining(3), at('2027-01-03T23:59:59Z')),
    ).toBe('upcoming');
    expect(
      campaignStateOf(campaign, remaining(3), at('2027-01-04T00:00:00Z')),
    ).toBe('active');
  });

  it('is due soon in the last seven days, overdue once the due date has ended', () => {
    expect(
      campaignStateOf(campaign, remaining(3), at('2027-03-24T23:59:59Z')),
    ).toBe('active');
    expect(
      campaignStateOf(campaign, remaining(3), at('2027-03-25T00:00:00Z')),
    ).toBe('due-soon');
    expect(
      campaignStateOf(campaign, remaining(3), at('2027-03-31T23:59:59Z')),
    ).toBe('due-soon');
    expect(
      campaignStateOf(campaign, remaining(3), at('2027-04-01T00:00:00Z')),
    ).toBe('overdue');
    expect(
      campaignStateOf(campaign, undefined, at('2027-04-01T00:00:00Z')),
    ).toBe('overdue');
  });

  it('is achieved once nothing remains, even past its due date', () => {
    expect(
      campaignStateOf(campaign, remaining(0), at('2027-02-01T00:00:00Z')),
    ).toBe('achieved');
    expect(
      campaignStateOf(campaign, remaining(0), at('2027-05-01T00:00:00Z')),
    ).toBe('achieved');
  });
});

describe('campaignCounts', () => {
  it('derives what remains and the share met', () => {
    expect(campaignCounts(4, 1)).toEqual({
      inScope: 4,
      met: 1,
      remaining: 3,
      share: 0.25,
    });
    expect(campaignCounts(0, 0)).toEqual({ inScope: 0, met: 0, remaining: 0 });
  });
});
