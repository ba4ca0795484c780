import type { Assessment } from '../../assessments/types';
import type { ApiStationStatus } from '../../status/types';
import type { FindingSeverity } from '../types';
import {
  assessment,
  NOW,
  ruleContext,
  runRule,
  unassessedStation,
} from '../__fixtures__/ruleContext';
import { assessmentFreshRule } from './assessmentFreshRule';

const DAY_MS = 24 * 60 * 60 * 1000;

function daysBefore(days: number, extraMs = 0): string {
  return new Date(NOW.getTime() - days * DAY_MS - extraMs).toISOString();
}

const annotated: ApiStationStatus = {
  id: 'api-design',
  source: 'annotation',
  cycle: 'api-productization-cycle',
  lifecycleStage: 'design',
  annotation: 'api-design',
};

describe('assessmentFreshRule', () => {
  it.each<{
    name: string;
    latest?: Assessment;
    station?: ApiStationStatus;
    options?: unknown;
    expected?: { severity: FindingSeverity; message: string };
  }>([
    {
      name: 'assessed today',
      latest: assessment({ createdAt: NOW.toISOString() }),
    },
    {
      name: 'assessed 180 days ago',
      latest: assessment({ createdAt: daysBefore(180, DAY_MS - 1) }),
    },
    {
      name: 'assessed 181 days ago',
      latest: assessment({ createdAt: daysBefore(181) }),
      expected: {
        severity: 'warning',
        message:
          'The latest assessment is 181 days old (recorded on 2025-12-02); assessments older than 180 days are stale',
      },
    },
    {
      name: 'assessed 31 days ago, maxAgeDays 30',
      latest: assessment({ createdAt: daysBefore(31) }),
      options: { maxAgeDays: 30 },
      expected: {
        severity: 'warning',
        message: expect.stringMatching(
          /^The latest assessment is 31 days old .*older than 30 days/,
        ),
      },
    },
    {
      name: 'assessed 30 days ago, maxAgeDays 30',
      latest: assessment({ createdAt: daysBefore(30) }),
      options: { maxAgeDays: 30 },
    },
    {
      name: 'assessed in the future (clock skew)',
      latest: assessment({ createdAt: '2026-06-02T00:00:00.000Z' }),
    },
    {
      name: 'an assessment date that cannot be read',
      latest: assessment({ createdAt: 'yesterday' }),
      expected: {
        severity: 'warning',
        message:
          "The date of the latest assessment, 'yesterday', cannot be read",
      },
    },
    { name: 'never assessed (default: nothing)', station: unassessedStation },
    {
      name: 'never assessed, reported as info',
      station: unassessedStation,
      options: { neverAssessed: 'info' },
      expected: {
        severity: 'info',
        message: 'The API has never been assessed',
      },
    },
    {
      name: 'never assessed, station by annotation, reported as warning',
      station: annotated,
      options: { neverAssessed: 'warning' },
      expected: {
        severity: 'warning',
        message:
          'The API has never been assessed; its station api-design is only declared by an annotation',
      },
    },
  ])('$name', ({ latest, station, options, expected }) => {
    const context = ruleContext({
      latestAssessment: latest,
      station: station ?? unassessedStation,
    });
    expect(runRule(assessmentFreshRule, context, options)).toEqual(
      (expected ? [expected] : []).map(e => ({
        ruleId: 'assessment-fresh',
        ...e,
        fix: expect.any(String),
      })),
    );
  });

  it('tells the owners to re-assess, naming the station', () => {
    const [finding] = runRule(
      assessmentFreshRule,
      ruleContext({
        latestAssessment: assessment({ createdAt: daysBefore(400) }),
      }),
    );
    expect(finding.fix).toBe(
      'Re-assess the API in its APIOps tab to confirm or update its station (api-delivery).',
    );
  });

  it.each([
    [{ maxAgeDays: 0 }, 'maxAgeDays: must be at least 1 day'],
    [{ maxAgeDays: 1.5 }, 'maxAgeDays: must be a whole number of days'],
    [{ maxAgeDays: '180' }, 'maxAgeDays: must be a number of days'],
    [
      { neverAssessed: 'sometimes' },
      'neverAssessed: must be one of off, error, warning, info',
    ],
  ])('refuses the options %j', (options, message) => {
    expect(() => runRule(assessmentFreshRule, ruleContext(), options)).toThrow(
      `Invalid options of governance rule 'assessment-fresh': ${message}`,
    );
  });
});
