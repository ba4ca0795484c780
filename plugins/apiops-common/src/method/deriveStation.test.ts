import { deriveStation, isStationPassed } from './deriveStation';
import { CriterionAnswer } from './types';

// The default cycle's core stations and criteria as apiops-cycles-method-data
// 4.2.1 has them (ids only). The backend tests check the real data.
const stations = [
  {
    id: 'api-product-strategy',
    criteria: [
      'metrics-feedback-available',
      'business-goals-defined',
      'market-research-done',
      'stakeholder-approval',
    ],
  },
  {
    id: 'api-consumer-experience',
    criteria: [
      'api-opportunity-documented',
      'api-reusability',
      'hide-backend-discrepancies',
      'value-prop-validated',
      'consumer-segments-identified',
      'api-roadmap-defined',
    ],
  },
  {
    id: 'api-platform-architecture',
    criteria: [
      'api-reusability',
      'hide-backend-discrepancies',
      'value-prop-validated',
      'consumer-segments-identified',
      'api-roadmap-defined',
    ],
  },
  {
    id: 'api-design',
    criteria: [
      'architecture-patterns-validated',
      'hide-backend-discrepancies',
      'design-reflects-business-value',
      'api-consistency',
    ],
  },
  {
    id: 'api-delivery',
    criteria: [
      'architecture-patterns-validated',
      'hide-backend-discrepancies',
      'design-reflects-business-value',
      'api-consistency',
    ],
  },
  {
    id: 'api-audit',
    criteria: [
      'architecture-patterns-validated',
      'design-reflects-business-value',
      'api-description-available',
      'api-consistency',
      'api-contract-tested',
    ],
  },
  {
    id: 'api-publishing',
    criteria: [
      'audit-passed',
      'audit-reports-shared',
      'api-ready-for-publishing',
      'api-documentation-ready',
    ],
  },
  {
    id: 'monitoring-and-improving',
    criteria: [
      'api-documentation-ready',
      'consumer-support-ready',
      'legal-compliance-clear',
    ],
  },
];

type Answers = Record<string, CriterionAnswer | undefined>;

function criteriaOf(...stationIds: string[]): string[] {
  return stations
    .filter(station => stationIds.includes(station.id))
    .flatMap(station => station.criteria);
}

/** Answers every criterion of the given stations with `answer`. */
function answer(
  answerValue: CriterionAnswer,
  ...stationIds: string[]
): Answers {
  return Object.fromEntries(
    criteriaOf(...stationIds).map(criterion => [criterion, answerValue]),
  );
}

const allStationIds = stations.map(station => station.id);

describe('deriveStation', () => {
  it.each<[string, Answers, string]>([
    ['nothing answered', {}, 'api-product-strategy'],
    [
      'everything unknown',
      answer('unknown', ...allStationIds),
      'api-product-strategy',
    ],
    [
      'everything not met',
      answer('not-met', ...allStationIds),
      'api-product-strategy',
    ],
    [
      'everything undefined',
      Object.fromEntries(criteriaOf(...allStationIds).map(c => [c, undefined])),
      'api-product-strategy',
    ],
    [
      'strategy met, the rest unknown',
      {
        ...answer('unknown', ...allStationIds),
        ...answer('met', 'api-product-strategy'),
      },
      'api-consumer-experience',
    ],
    [
      'strategy met, the rest unanswered',
      answer('met', 'api-product-strategy'),
      'api-consumer-experience',
    ],
    [
      'strategy met but for one criterion left unknown',
      {
        ...answer('met', 'api-product-strategy'),
        'market-research-done': 'unknown',
      },
      'api-product-strategy',
    ],
    [
      'strategy met but for one criterion not met',
      {
        ...answer('met', 'api-product-strategy'),
        'stakeholder-approval': 'not-met',
      },
      'api-product-strategy',
    ],
    [
      // api-platform-architecture's criteria are a subset of
      // api-consumer-experience's: passing the latter passes the former.
      'strategy and consumer experience met (shared criteria pass architecture too)',
      answer('met', 'api-product-strategy', 'api-consumer-experience'),
      'api-design',
    ],
    [
      'consumer experience met but for its own criterion',
      {
        ...answer('met', 'api-product-strategy', 'api-consumer-experience'),
        'api-opportunity-documented': 'unknown',
      },
      'api-consumer-experience',
    ],
    [
      // design and delivery share all their criteria
      'up to design met (shared criteria pass delivery too)',
      answer(
        'met',
        'api-product-strategy',
        'api-consumer-experience',
        'api-platform-architecture',
        'api-design',
      ),
      'api-audit',
    ],
    [
      'a shared criterion not met holds the API at its first station',
      {
        ...answer('met', ...allStationIds),
        'hide-backend-discrepancies': 'not-met',
      },
      'api-consumer-experience',
    ],
    [
      'a criterion shared by audit and design not met holds the API at design',
      {
        ...answer('met', ...allStationIds),
        'api-consistency': 'unknown',
      },
      'api-design',
    ],
    [
      'all met but for audit-only criterion',
      {
        ...answer('met', ...allStationIds),
        'api-contract-tested': 'not-met',
      },
      'api-audit',
    ],
    [
      'all met but for a criterion shared by publishing and monitoring',
      {
        ...answer('met', ...allStationIds),
        'api-documentation-ready': 'unknown',
      },
      'api-publishing',
    ],
    [
      'all met but for a monitoring-only criterion',
      {
        ...answer('met', ...allStationIds),
        'legal-compliance-clear': 'not-met',
      },
      'monitoring-and-improving',
    ],
    [
      'all met but the last criterion left unanswered',
      {
        ...answer('met', ...allStationIds),
        'consumer-support-ready': undefined,
      },
      'monitoring-and-improving',
    ],
    ['all met', answer('met', ...allStationIds), 'monitoring-and-improving'],
    [
      'later stations met, strategy not: the first unmet station wins',
      {
        ...answer('met', ...allStationIds),
        'business-goals-defined': 'not-met',
      },
      'api-product-strategy',
    ],
    [
      'only later stations met',
      answer('met', 'api-publishing', 'monitoring-and-improving'),
      'api-product-strategy',
    ],
    [
      'answers to criteria of no station are ignored',
      {
        ...answer('met', 'api-product-strategy'),
        'automation-owner-confirmed': 'not-met',
        'no-such-criterion': 'unknown',
      },
      'api-consumer-experience',
    ],
    [
      'answers to criteria of no station do not pass a station',
      { 'automation-owner-confirmed': 'met', 'no-such-criterion': 'met' },
      'api-product-strategy',
    ],
  ])('%s → %s', (_name, answers, expected) => {
    expect(deriveStation(stations, answers)).toBe(expected);
  });

  it('follows the order it is given, not a built-in one', () => {
    const reversed = [...stations].reverse();
    expect(deriveStation(reversed, {})).toBe('monitoring-and-improving');
    expect(
      deriveStation(reversed, answer('met', 'monitoring-and-improving')),
    ).toBe('api-publishing');
    expect(deriveStation(reversed, answer('met', ...allStationIds))).toBe(
      'api-product-strategy',
    );
  });

  it.each<[string, { id: string; criteria: string[] }[], Answers, string]>([
    [
      'a station with no criteria is passed',
      [
        { id: 'a', criteria: [] },
        { id: 'b', criteria: ['x'] },
        { id: 'c', criteria: ['y'] },
      ],
      {},
      'b',
    ],
    [
      'stations with no criteria only: the last one',
      [
        { id: 'a', criteria: [] },
        { id: 'b', criteria: [] },
      ],
      {},
      'b',
    ],
    [
      'a station with no criteria at the end is reached',
      [
        { id: 'a', criteria: ['x'] },
        { id: 'b', criteria: [] },
      ],
      { x: 'met' },
      'b',
    ],
    ['a single unpassed station', [{ id: 'a', criteria: ['x'] }], {}, 'a'],
    [
      'a single passed station',
      [{ id: 'a', criteria: ['x'] }],
      { x: 'met' },
      'a',
    ],
  ])('%s', (_name, someStations, answers, expected) => {
    expect(deriveStation(someStations, answers)).toBe(expected);
  });

  it('throws on an empty list of stations', () => {
    expect(() => deriveStation([], {})).toThrow(/empty/);
  });
});

describe('isStationPassed', () => {
  it.each<[string[], Answers, boolean]>([
    [[], {}, true],
    [['x'], {}, false],
    [['x'], { x: 'met' }, true],
    [['x'], { x: 'unknown' }, false],
    [['x'], { x: 'not-met' }, false],
    [['x'], { x: undefined }, false],
    [['x', 'y'], { x: 'met' }, false],
    [['x', 'y'], { x: 'met', y: 'met' }, true],
    [['x', 'y'], { x: 'met', y: 'met', z: 'not-met' }, true],
  ])('criteria %j with answers %j → %p', (criteria, answers, expected) => {
    expect(isStationPassed({ criteria }, answers)).toBe(expected);
  });
});
