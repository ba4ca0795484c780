import type { ApiSnapshotResult } from '../reports/types';
import {
  CampaignApiFacts,
  evaluateCampaignGoal,
  isInCampaignScope,
} from './evaluateCampaignGoal';

const STATIONS = ['first', 'second', 'third', 'fourth'];

function result(overrides: Partial<ApiSnapshotResult> = {}): ApiSnapshotResult {
  return {
    entityRef: 'api:default/a',
    title: 'A',
    station: {
      id: 'second',
      source: 'assessment',
      cycle: 'api-productization-cycle',
    },
    owner: {
      ref: 'group:default/team',
      resolved: true,
      kind: 'group',
      memberCount: 2,
      gaps: [],
    },
    governance: { status: 'compliant', findings: [] },
    ...overrides,
  };
}

function facts(overrides: Partial<CampaignApiFacts> = {}): CampaignApiFacts {
  return {
    result: result(),
    clusters: [],
    now: new Date('2027-02-01T12:00:00Z'),
    stationsOf: cycle =>
      cycle === 'api-productization-cycle' ? STATIONS : undefined,
    ...overrides,
  };
}

describe('evaluateCampaignGoal', () => {
  it('meets station-at-least at or beyond the station, not before it', () => {
    const at = (station: string) =>
      evaluateCampaignGoal([{ type: 'station-at-least', station }], facts());
    expect(at('first')).toEqual([]);
    expect(at('second')).toEqual([]);
    expect(at('third')).toEqual([
      expect.objectContaining({
        condition: 'station-at-least',
        message: 'At the station second; the campaign asks for third or beyond',
      }),
    ]);
    expect(at('fourth')[0].fix).toMatch(/stations up to fourth/);
  });

  it('fails station-at-least for an unassessed API and one on another cycle', () => {
    const condition = [{ type: 'station-at-least' as const, station: 'first' }];
    expect(
      evaluateCampaignGoal(
        condition,
        facts({
          result: result({
            station: {
              id: 'unassessed',
              source: 'none',
              cycle: 'api-productization-cycle',
            },
          }),
        }),
      )[0].message,
    ).toMatch(/^Not assessed yet/);
    expect(
      evaluateCampaignGoal(
        condition,
        facts({
          result: result({
            station: {
              id: 'first',
              source: 'assessment',
              cycle: 'other-cycle',
            },
          }),
        }),
      )[0].message,
    ).toMatch(/^Follows the cycle other-cycle/);
  });

  it('fails no-ownership-gap per gap (of the types asked), with the fix', () => {
    const gaps = result({
      owner: {
        ref: 'group:default/paymnets',
        declared: 'paymnets',
        resolved: false,
        gaps: [
          {
            type: 'owner-unresolved',
            severity: 'error',
            message: 'No group paymnets',
          },
          { type: 'owner-mismatch', severity: 'warning', message: 'Mismatch' },
        ],
      },
    });
    const all = evaluateCampaignGoal(
      [{ type: 'no-ownership-gap' }],
      facts({ result: gaps }),
    );
    expect(all.map(r => r.message)).toEqual(['No group paymnets', 'Mismatch']);
    expect(all[0].fix).toMatch(/spec\.owner/);
    expect(
      evaluateCampaignGoal(
        [{ type: 'no-ownership-gap', gapTypes: ['owner-missing'] }],
        facts({ result: gaps }),
      ),
    ).toEqual([]);
  });

  it('fails no-finding on findings of the rule and of the severity or worse', () => {
    const withFindings = facts({
      result: result({
        governance: {
          status: 'non-compliant',
          findings: [
            {
              ruleId: 'description-present',
              severity: 'warning',
              message: 'No description',
              fix: 'Write one',
            },
            { ruleId: 'valid-owner', severity: 'error', message: 'Bad owner' },
            {
              ruleId: 'system-present',
              severity: 'info',
              message: 'No system',
            },
          ],
        },
      }),
    });
    const reasons = (condition: {
      ruleId?: string;
      severity?: 'error' | 'warning' | 'info';
    }) =>
      evaluateCampaignGoal(
        [{ type: 'no-finding', ...condition }],
        withFindings,
      ).map(r => r.message);
    expect(reasons({ severity: 'error' })).toEqual([
      'valid-owner (error): Bad owner',
    ]);
    expect(reasons({ severity: 'warning' })).toHaveLength(2);
    expect(reasons({ ruleId: 'description-present' })).toEqual([
      'description-present (warning): No description',
    ]);
    expect(
      reasons({ ruleId: 'description-present', severity: 'error' }),
    ).toEqual([]);
    expect(reasons({})).toHaveLength(3);
    expect(
      evaluateCampaignGoal(
        [{ type: 'no-finding', ruleId: 'description-present' }],
        withFindings,
      )[0].fix,
    ).toBe('Write one');
  });

  it('fails no-duplicate-cluster for undismissed clusters of the types asked', () => {
    const clustered = facts({
      clusters: [
        {
          id: 'duplicate-1',
          type: 'duplicate',
          dismissed: false,
          memberCount: 2,
        },
        {
          id: 'duplicate-2',
          type: 'duplicate',
          dismissed: true,
          memberCount: 3,
        },
        { id: 'overlap-1', type: 'overlap', dismissed: false, memberCount: 3 },
      ],
    });
    expect(
      evaluateCampaignGoal([{ type: 'no-duplicate-cluster' }], clustered).map(
        r => r.message,
      ),
    ).toEqual(['In the duplicate cluster duplicate-1 with 1 other API']);
    expect(
      evaluateCampaignGoal(
        [{ type: 'no-duplicate-cluster', types: ['overlap'] }],
        clustered,
      ).map(r => r.message),
    ).toEqual(['In the overlap cluster overlap-1 with 2 other APIs']);
  });

  it('fails assessment-fresh when never assessed or assessed too long ago', () => {
    const condition = [{ type: 'assessment-fresh' as const, maxAgeDays: 30 }];
    expect(evaluateCampaignGoal(condition, facts())[0].message).toBe(
      'Never assessed',
    );
    expect(
      evaluateCampaignGoal(
        condition,
        facts({ latestAssessmentAt: '2027-01-10T00:00:00.000Z' }),
      ),
    ).toEqual([]);
    expect(
      evaluateCampaignGoal(
        condition,
        facts({ latestAssessmentAt: '2026-12-01T00:00:00.000Z' }),
      )[0].message,
    ).toBe('Last assessed on 2026-12-01, 62 days ago');
  });

  it('needs every condition: the reasons of each one it fails', () => {
    const reasons = evaluateCampaignGoal(
      [
        { type: 'station-at-least', station: 'fourth' },
        { type: 'no-ownership-gap' },
        { type: 'assessment-fresh', maxAgeDays: 1 },
      ],
      facts(),
    );
    expect(reasons.map(r => r.condition)).toEqual([
      'station-at-least',
      'assessment-fresh',
    ]);
  });
});

describe('isInCampaignScope', () => {
  const api = {
    teams: ['group:default/payments', 'group:default/bank'],
    system: 'system:default/payments-hub',
    domain: 'domain:default/money',
    lifecycle: 'Production',
  };

  it('covers every API with an empty scope', () => {
    expect(isInCampaignScope({}, api)).toBe(true);
    expect(isInCampaignScope({}, { teams: [] })).toBe(true);
  });

  it('matches teams through the groups above the owner', () => {
    expect(isInCampaignScope({ teams: ['group:default/bank'] }, api)).toBe(
      true,
    );
    expect(isInCampaignScope({ teams: ['group:default/cards'] }, api)).toBe(
      false,
    );
  });

  it('needs every dimension given, any value of each', () => {
    expect(
      isInCampaignScope(
        {
          lifecycles: ['experimental', 'production'],
          systems: ['system:default/payments-hub'],
        },
        api,
      ),
    ).toBe(true);
    expect(
      isInCampaignScope(
        { lifecycles: ['production'], domains: ['domain:default/other'] },
        api,
      ),
    ).toBe(false);
    expect(
      isInCampaignScope({ systems: ['system:default/x'] }, { teams: [] }),
    ).toBe(false);
    expect(
      isInCampaignScope({ lifecycles: ['production'] }, { teams: [] }),
    ).toBe(false);
  });
});
