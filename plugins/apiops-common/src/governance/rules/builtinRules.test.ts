import { createRuleset } from '../createRuleset';
import {
  apiEntity,
  assessment,
  ruleContext,
} from '../__fixtures__/ruleContext';
import { governanceStatus } from '../governanceStatus';
import { builtinRules } from './builtinRules';

const KEBAB_CASE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

describe('builtinRules', () => {
  it('has the documented rules, each with a unique kebab-case id', () => {
    const ids = builtinRules.map(rule => rule.id);
    expect(ids).toEqual([
      'valid-owner',
      'known-lifecycle',
      'lifecycle-station-consistency',
      'description-present',
      'system-present',
      'definition-parses',
      'providers-known',
      'deprecated-still-consumed',
      'assessment-fresh',
      'station-annotation-consistency',
    ]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(KEBAB_CASE);
    }
  });

  it('gives every rule a title and a description for the rules reference', () => {
    for (const rule of builtinRules) {
      expect(rule.title).toMatch(/^\S/);
      expect(rule.description).toMatch(/^\S.{20,}/);
    }
  });

  it('creates a ruleset with the default options of every rule', () => {
    const ruleset = createRuleset(builtinRules);
    expect(
      Object.fromEntries(ruleset.rules.map(rule => [rule.id, rule.options])),
    ).toEqual({
      'valid-owner': undefined,
      'known-lifecycle': {
        values: ['experimental', 'production', 'deprecated'],
      },
      'lifecycle-station-consistency': {
        inconsistentStages: {
          production: ['strategy', 'architecture', 'design'],
        },
      },
      'description-present': undefined,
      'system-present': undefined,
      'definition-parses': undefined,
      'providers-known': undefined,
      'deprecated-still-consumed': { lifecycles: ['deprecated'] },
      'assessment-fresh': { maxAgeDays: 180, neverAssessed: 'off' },
      'station-annotation-consistency': undefined,
    });
  });

  it('finds nothing wrong with a healthy API, assessed or not', () => {
    const ruleset = createRuleset(builtinRules);
    expect(ruleset.evaluate(ruleContext())).toEqual([]);
    expect(
      ruleset.evaluate(
        ruleContext({
          latestAssessment: assessment(),
          station: {
            id: 'api-delivery',
            source: 'assessment',
            cycle: 'api-productization-cycle',
            lifecycleStage: 'delivery',
          },
        }),
      ),
    ).toEqual([]);
  });

  it('never fails on a bare entity', () => {
    const findings = createRuleset(builtinRules).evaluate(
      ruleContext({
        entity: {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'API',
          metadata: { name: 'bare' },
        },
        providers: [],
      }),
    );
    expect(findings.filter(f => /failed/.test(f.message))).toEqual([]);
    expect(findings.map(f => f.ruleId)).toEqual([
      'known-lifecycle',
      'description-present',
      'system-present',
      'providers-known',
    ]);
  });

  it('gives every finding a fix', () => {
    const findings = createRuleset(builtinRules, {
      rules: { 'assessment-fresh': { options: { neverAssessed: 'info' } } },
    }).evaluate(
      ruleContext({
        entity: apiEntity({
          metadata: { description: undefined },
          spec: { lifecycle: 'deprecated', system: undefined },
        }),
        ownership: {
          declared: 'tbd',
          resolved: false,
          gaps: [
            { type: 'owner-missing', severity: 'error', message: 'no owner' },
          ],
        },
        station: {
          id: 'api-delivery',
          source: 'assessment',
          cycle: 'api-productization-cycle',
          conflict: {
            assessment: 'api-delivery',
            annotation: 'api-design',
            message: 'conflict',
          },
        },
        providers: [{ ref: 'component:default/gone', exists: false }],
        consumers: ['component:default/a'],
        definitionProblem: 'bad yaml',
      }),
    );
    expect(findings.map(f => f.ruleId)).toEqual([
      'valid-owner',
      'description-present',
      'system-present',
      'definition-parses',
      'providers-known',
      'deprecated-still-consumed',
      'assessment-fresh',
      'station-annotation-consistency',
    ]);
    for (const finding of findings) {
      expect(finding.fix).toMatch(/^\S.{20,}\.$/);
    }
    expect(governanceStatus(findings)).toBe('non-compliant');
  });

  // The planted governance cases of examples/README.md, as the snapshot
  // would see them.
  it.each<[string, Parameters<typeof ruleContext>[0], string[], string]>([
    [
      'statements-api-v1 (deprecated, consumed)',
      {
        entity: apiEntity({ spec: { lifecycle: 'deprecated' } }),
        consumers: ['component:default/kestrel-web-banking'],
      },
      ['deprecated-still-consumed'],
      'attention',
    ],
    [
      'mortgage-calculator-api (no system, experimental at design)',
      {
        entity: apiEntity({
          spec: { lifecycle: 'experimental', system: undefined },
        }),
        station: {
          id: 'api-design',
          source: 'annotation',
          cycle: 'api-productization-cycle',
          lifecycleStage: 'design',
          annotation: 'api-design',
        },
      },
      ['system-present'],
      'attention',
    ],
    [
      'reporting-datasets-api (definition does not parse)',
      { definitionProblem: 'Nested mappings are not allowed' },
      ['definition-parses'],
      'non-compliant',
    ],
    [
      'beneficiaries-api (production, annotated at api-design)',
      {
        station: {
          id: 'api-design',
          source: 'annotation',
          cycle: 'api-productization-cycle',
          lifecycleStage: 'design',
          annotation: 'api-design',
        },
      },
      ['lifecycle-station-consistency'],
      'attention',
    ],
    [
      'data-quality-api (lifecycle beta-ish)',
      { entity: apiEntity({ spec: { lifecycle: 'beta-ish' } }) },
      ['known-lifecycle'],
      'attention',
    ],
    [
      'accounts-api (clean, production at monitoring-and-improving)',
      {
        station: {
          id: 'monitoring-and-improving',
          source: 'annotation',
          cycle: 'api-productization-cycle',
          lifecycleStage: 'improving',
          annotation: 'monitoring-and-improving',
        },
      },
      [],
      'compliant',
    ],
  ])('%s', (_name, overrides, ruleIds, status) => {
    const findings = createRuleset(builtinRules).evaluate(
      ruleContext(overrides),
    );
    expect(findings.map(f => f.ruleId)).toEqual(ruleIds);
    expect(governanceStatus(findings)).toBe(status);
  });
});
