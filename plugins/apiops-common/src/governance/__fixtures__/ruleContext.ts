import { Entity } from '@backstage/catalog-model';
import type { Assessment } from '../../assessments/types';
import type { OwnershipResult } from '../../ownership/types';
import type { ApiStationStatus } from '../../status/types';
import { createRuleset } from '../createRuleset';
import type { GovernanceFinding, GovernanceRule, RuleContext } from '../types';

/** The stages of the default cycle's core stations (method data 4.2.1). */
export const DEFAULT_STATION_STAGES: Readonly<Record<string, string>> =
  Object.freeze({
    'api-product-strategy': 'strategy',
    'api-consumer-experience': 'strategy',
    'api-platform-architecture': 'architecture',
    'api-design': 'design',
    'api-delivery': 'delivery',
    'api-audit': 'publishing',
    'api-publishing': 'publishing',
    'monitoring-and-improving': 'improving',
  });

export const NOW = new Date('2026-06-01T12:00:00.000Z');

/**
 * A healthy API entity as a rule sees it (without `spec.definition`);
 * `spec` and `metadata` entries override.
 */
export function apiEntity(
  overrides: {
    metadata?: Partial<Entity['metadata']>;
    spec?: Record<string, unknown>;
  } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: 'accounts-api',
      namespace: 'default',
      description: 'Deposit accounts and balances of retail customers.',
      ...overrides.metadata,
    },
    spec: {
      type: 'openapi',
      lifecycle: 'production',
      owner: 'accounts-team',
      system: 'core-accounts',
      ...overrides.spec,
    },
  };
}

export const healthyOwnership: OwnershipResult = Object.freeze({
  ref: 'group:default/accounts-team',
  declared: 'accounts-team',
  resolved: true,
  kind: 'group',
  title: 'Accounts Team',
  memberCount: 2,
  gaps: [],
});

export const unassessedStation: ApiStationStatus = Object.freeze({
  id: 'unassessed',
  source: 'none',
  cycle: 'api-productization-cycle',
});

export function assessment(overrides: Partial<Assessment> = {}): Assessment {
  return {
    id: 'a-1',
    entityRef: 'api:default/accounts-api',
    cycle: 'api-productization-cycle',
    station: 'api-delivery',
    answers: { 'api-consistency': 'met' },
    evidence: {},
    notes: {},
    assessedBy: 'user:default/ada.lindqvist',
    createdAt: '2026-05-01T12:00:00.000Z',
    ...overrides,
  };
}

/** A context in which every built-in rule is satisfied. */
export function ruleContext(overrides: Partial<RuleContext> = {}): RuleContext {
  return {
    entity: apiEntity(),
    ownership: healthyOwnership,
    station: unassessedStation,
    stationStages: DEFAULT_STATION_STAGES,
    providers: [{ ref: 'component:default/accounts-service', exists: true }],
    consumers: [],
    now: NOW,
    ...overrides,
  };
}

/**
 * Runs one rule through the engine, as the snapshot does, with the given
 * options (the rule's defaults when absent).
 */
export function runRule<TOptions>(
  rule: GovernanceRule<TOptions>,
  context: RuleContext,
  options?: unknown,
): GovernanceFinding[] {
  return createRuleset(
    [rule as GovernanceRule],
    options === undefined ? undefined : { rules: { [rule.id]: { options } } },
  ).evaluate(context);
}
