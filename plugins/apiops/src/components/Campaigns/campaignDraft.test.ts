import { draftOf, fieldOfMessage, requestOf } from './campaignDraft';
import { overdueCampaign } from './__fixtures__/campaigns';

describe('campaignDraft', () => {
  it('starts a new campaign today, due in three months, with no ownership gaps as its goal', () => {
    const draft = draftOf(undefined, new Date('2027-01-31T10:00:00Z'));
    expect(draft).toMatchObject({
      startDate: '2027-01-31',
      dueDate: '2027-05-01',
      conditions: [expect.objectContaining({ type: 'no-ownership-gap' })],
    });
  });

  it('gives back the request of a stored campaign', () => {
    const request = requestOf(draftOf(overdueCampaign, new Date()));
    expect(request).toEqual({
      title: overdueCampaign.title,
      description: overdueCampaign.description,
      conditions: overdueCampaign.conditions,
      scope: overdueCampaign.scope,
      startDate: overdueCampaign.startDate,
      dueDate: overdueCampaign.dueDate,
    });
  });

  it('leaves out empty texts and lists, and splits lists on commas', () => {
    const draft = {
      ...draftOf(undefined, new Date('2027-01-01T00:00:00Z')),
      title: 'T',
      teams: ' payments-team , ,cards-team',
      conditions: [
        {
          ...draftOf(undefined, new Date()).conditions[0],
          type: 'no-finding' as const,
          ruleId: ' ',
          severity: 'error' as const,
        },
      ],
    };
    expect(requestOf(draft)).toEqual({
      title: 'T',
      conditions: [{ type: 'no-finding', severity: 'error' }],
      scope: { teams: ['payments-team', 'cards-team'] },
      startDate: '2027-01-01',
      dueDate: '2027-04-01',
    });
  });

  it('finds the field of the form a message of the backend names', () => {
    expect(fieldOfMessage('dueDate: must be on or after startDate (x)')).toBe(
      'dueDate',
    );
    expect(fieldOfMessage("conditions[1].station: 'x' is not a station")).toBe(
      'conditions.1',
    );
    expect(
      fieldOfMessage('scope.teams[0]: no group group:default/x in the catalog'),
    ).toBe('teams');
    expect(fieldOfMessage('title: must not be blank')).toBe('title');
    expect(fieldOfMessage('You may not manage campaigns')).toBeUndefined();
  });
});
