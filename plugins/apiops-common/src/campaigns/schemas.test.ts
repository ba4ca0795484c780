import { parseCampaignRequest } from './schemas';

const valid = {
  title: ' No ownership gaps in production APIs ',
  conditions: [{ type: 'no-ownership-gap' }],
  scope: { lifecycles: ['production'] },
  startDate: '2027-01-04',
  dueDate: '2027-03-31',
};

function messageOf(body: unknown): string {
  const parsed = parseCampaignRequest(body);
  if (parsed.ok) throw new Error('expected a refusal');
  return parsed.message;
}

describe('parseCampaignRequest', () => {
  it('accepts a campaign, trimming the title and defaulting the scope', () => {
    const parsed = parseCampaignRequest(valid);
    expect(parsed).toEqual({
      ok: true,
      value: { ...valid, title: 'No ownership gaps in production APIs' },
    });
    const noScope = parseCampaignRequest({ ...valid, scope: undefined });
    expect(noScope.ok && noScope.value.scope).toEqual({});
  });

  it('accepts every condition type', () => {
    const parsed = parseCampaignRequest({
      ...valid,
      conditions: [
        { type: 'station-at-least', station: 'api-design' },
        {
          type: 'station-at-least',
          station: 'api-design',
          cycle: 'api-productization-cycle',
        },
        { type: 'no-ownership-gap', gapTypes: ['owner-missing'] },
        { type: 'no-finding', ruleId: 'valid-owner' },
        { type: 'no-finding', severity: 'error' },
        {
          type: 'no-finding',
          ruleId: 'spectral:oas3-schema',
          severity: 'warning',
        },
        { type: 'no-duplicate-cluster' },
        { type: 'no-duplicate-cluster', types: ['duplicate', 'overlap'] },
        { type: 'assessment-fresh', maxAgeDays: 90 },
      ],
    });
    expect(parsed.ok).toBe(true);
  });

  it.each([
    [
      { ...valid, dueDate: '2027-01-03' },
      /^dueDate: must be on or after startDate \(2027-01-04\)$/,
    ],
    [
      { ...valid, dueDate: '2027-02-30' },
      /^dueDate: must be a date as YYYY-MM-DD/,
    ],
    [{ ...valid, startDate: '4 January 2027' }, /^startDate: must be a date/],
    [{ ...valid, startDate: undefined }, /^startDate: is required/],
    [{ ...valid, title: '   ' }, /^title: must not be blank/],
    [{ ...valid, title: 'x'.repeat(201) }, /^title: must be at most 200/],
    [{ ...valid, description: 7 }, /^description: must be a string/],
    [
      { ...valid, conditions: [] },
      /^conditions: must have at least one condition/,
    ],
    [{ ...valid, conditions: undefined }, /^conditions: is required/],
    [
      { ...valid, conditions: [{ type: 'no-typos' }] },
      /^conditions\[0\]\.type: must be one of station-at-least, no-ownership-gap/,
    ],
    [
      { ...valid, conditions: [{ type: 'station-at-least' }] },
      /^conditions\[0\]\.station: is required/,
    ],
    [
      {
        ...valid,
        conditions: [{ type: 'no-ownership-gap', gapTypes: ['owner-lost'] }],
      },
      /^conditions\[0\]\.gapTypes\[0\]: must be one of owner-missing/,
    ],
    [
      { ...valid, conditions: [{ type: 'no-finding', severity: 'fatal' }] },
      /^conditions\[0\]\.severity: must be one of error, warning, info$/,
    ],
    [
      { ...valid, conditions: [{ type: 'assessment-fresh', maxAgeDays: 0 }] },
      /^conditions\[0\]\.maxAgeDays: must be at least 1 day/,
    ],
    [
      { ...valid, conditions: [{ type: 'assessment-fresh', maxAgeDays: 1.5 }] },
      /^conditions\[0\]\.maxAgeDays: must be a whole number/,
    ],
    [
      { ...valid, conditions: [{ type: 'no-ownership-gap', extra: 1 }] },
      /^conditions\[0\]\.extra: is not a known field$/,
    ],
    [
      { ...valid, scope: { teams: [] } },
      /^scope\.teams: must name at least one value/,
    ],
    [
      { ...valid, scope: { owners: ['x'] } },
      /^scope\.owners: is not a known field$/,
    ],
    [
      { ...valid, scope: { lifecycles: [' '] } },
      /^scope\.lifecycles\[0\]: must not be blank$/,
    ],
    [{ ...valid, colour: 'red' }, /^colour: is not a known field$/],
    [[], /^body: must be a JSON object$/],
  ])('refuses %j naming the field', (body, message) => {
    expect(messageOf(body)).toMatch(message);
  });

  it('takes no-finding without a rule or a severity: no finding at all', () => {
    expect(
      parseCampaignRequest({ ...valid, conditions: [{ type: 'no-finding' }] })
        .ok,
    ).toBe(true);
  });
});
