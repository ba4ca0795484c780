import type { Assessment } from '../../assessments/types';
import type { ApiStationStatus } from '../../status/types';
import {
  apiEntity,
  ruleContext,
  runRule,
  unassessedStation,
} from '../__fixtures__/ruleContext';
import { lifecycleStationConsistencyRule } from './lifecycleStationConsistencyRule';

function assessmentAt(
  station: string,
  answers: Assessment['answers'],
): Assessment {
  return {
    id: '1',
    entityRef: 'api:default/accounts-api',
    cycle: 'api-productization-cycle',
    station,
    answers,
    evidence: {},
    notes: {},
    assessedBy: 'user:default/ada.lindqvist',
    createdAt: '2026-11-26T14:03:12.518Z',
  };
}

function at(
  id: string,
  lifecycleStage: string | undefined,
  source: ApiStationStatus['source'] = 'assessment',
): ApiStationStatus {
  return { id, source, cycle: 'api-productization-cycle', lifecycleStage };
}

describe('lifecycleStationConsistencyRule', () => {
  it.each<{
    name: string;
    lifecycle: string | undefined;
    station: ApiStationStatus;
    options?: unknown;
    message?: string;
  }>([
    {
      name: 'production at design (assessment)',
      lifecycle: 'production',
      station: at('api-design', 'design'),
      message:
        "spec.lifecycle is 'production' but the API is at the station api-design (stage design), according to its latest assessment",
    },
    {
      name: 'production at design (annotation)',
      lifecycle: 'production',
      station: at('api-design', 'design', 'annotation'),
      message:
        "spec.lifecycle is 'production' but the API is at the station api-design (stage design), according to its apiops/station annotation",
    },
    {
      name: 'production at strategy',
      lifecycle: 'production',
      station: at('api-consumer-experience', 'strategy'),
      message: expect.stringContaining('(stage strategy)'),
    },
    {
      name: 'production at architecture',
      lifecycle: 'production',
      station: at('api-platform-architecture', 'architecture'),
      message: expect.stringContaining('(stage architecture)'),
    },
    {
      name: 'production at delivery',
      lifecycle: 'production',
      station: at('api-delivery', 'delivery'),
    },
    {
      name: 'production at publishing',
      lifecycle: 'production',
      station: at('api-publishing', 'publishing'),
    },
    {
      name: 'production at improving',
      lifecycle: 'production',
      station: at('monitoring-and-improving', 'improving'),
    },
    {
      name: 'production, unassessed',
      lifecycle: 'production',
      station: unassessedStation,
    },
    {
      name: 'experimental at design',
      lifecycle: 'experimental',
      station: at('api-design', 'design'),
    },
    {
      name: 'experimental at improving (not flagged by default)',
      lifecycle: 'experimental',
      station: at('monitoring-and-improving', 'improving'),
    },
    {
      name: 'deprecated at strategy',
      lifecycle: 'deprecated',
      station: at('api-product-strategy', 'strategy'),
    },
    {
      name: 'no lifecycle',
      lifecycle: undefined,
      station: at('api-design', 'design'),
    },
    {
      name: 'production, stage taken from the cycle when the station lacks it',
      lifecycle: 'production',
      station: at('api-design', undefined),
      message: expect.stringContaining('(stage design)'),
    },
    {
      name: 'production at a station of no known stage',
      lifecycle: 'production',
      station: at('some-other-station', undefined),
    },
    {
      name: 'a lifecycle named like an Object property',
      lifecycle: 'constructor',
      station: at('api-design', 'design'),
    },
    {
      name: 'experimental at improving, when configured',
      lifecycle: 'experimental',
      station: at('monitoring-and-improving', 'improving'),
      options: { inconsistentStages: { experimental: ['improving'] } },
      message: expect.stringContaining("is 'experimental'"),
    },
    {
      name: 'production at design, when the configuration leaves it out',
      lifecycle: 'production',
      station: at('api-design', 'design'),
      options: { inconsistentStages: { experimental: ['improving'] } },
    },
  ])('$name', ({ lifecycle, station, options, message }) => {
    const context = ruleContext({
      entity: apiEntity({ spec: { lifecycle } }),
      station,
    });
    expect(runRule(lifecycleStationConsistencyRule, context, options)).toEqual(
      (message ? [message] : []).map(m => ({
        ruleId: 'lifecycle-station-consistency',
        severity: 'warning',
        message: m,
        path: 'spec.lifecycle',
        fix: expect.any(String),
      })),
    );
  });

  it('tells the owners to fix the label or the annotation', () => {
    const [finding] = runRule(
      lifecycleStationConsistencyRule,
      ruleContext({ station: at('api-design', 'design', 'annotation') }),
    );
    expect(finding.fix).toBe(
      'Set spec.lifecycle in catalog-info.yaml to what the API really is at the design stage (e.g. experimental), or, if the API has moved on, update its apiops/station annotation or record an assessment in the APIOps tab so that its station shows where it stands.',
    );
  });

  it('names the criteria of the station the latest assessment does not meet', () => {
    const [finding] = runRule(
      lifecycleStationConsistencyRule,
      ruleContext({
        station: at('api-product-strategy', 'strategy'),
        latestAssessment: assessmentAt('api-product-strategy', {
          'business-goals-defined': 'met',
          'market-research-done': 'not-met',
          'stakeholder-approval': 'unknown',
        }),
        stationCriteria: {
          'api-product-strategy': [
            'business-goals-defined',
            'market-research-done',
            'stakeholder-approval',
            'api-opportunity-documented',
          ],
        },
      }),
    );
    expect(finding.message).toBe(
      "spec.lifecycle is 'production' but the API is at the station api-product-strategy (stage strategy), according to its latest assessment, which does not answer 'met' to these criteria of api-product-strategy: market-research-done, stakeholder-approval, api-opportunity-documented",
    );
    expect(finding.fix).toContain(
      'record a new assessment in the APIOps tab answering those criteria met',
    );
  });

  it('names no criteria for a station from the annotation, or without the criteria of the cycle', () => {
    const latestAssessment = assessmentAt('api-design', {});
    for (const context of [
      ruleContext({
        station: at('api-design', 'design', 'annotation'),
        latestAssessment,
        stationCriteria: { 'api-design': ['api-consistency'] },
      }),
      ruleContext({ station: at('api-design', 'design'), latestAssessment }),
    ]) {
      const [finding] = runRule(lifecycleStationConsistencyRule, context);
      expect(finding.message).not.toContain('criteria');
    }
  });

  it.each([
    [
      { inconsistentStages: { production: [] } },
      /inconsistentStages\.production: must name at least one/,
    ],
    [
      { inconsistentStages: ['design'] },
      /inconsistentStages: must map lifecycle values/,
    ],
  ])('refuses the options %j', (options, message) => {
    expect(() =>
      runRule(lifecycleStationConsistencyRule, ruleContext(), options),
    ).toThrow(message);
  });
});
