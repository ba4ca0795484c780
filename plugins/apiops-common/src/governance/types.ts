import { Entity } from '@backstage/catalog-model';

/**
 * How bad a governance finding is. Any `error` makes an API non-compliant,
 * any `warning` puts it under attention.
 *
 * @public
 */
export type FindingSeverity = 'error' | 'warning' | 'info';

/**
 * What a rule's check reports: the engine adds the rule id and severity.
 *
 * @public
 */
export interface RuleResult {
  /** What is wrong, for the API's owners. */
  message: string;
  /** Where, as a dotted path into the entity (e.g. `spec.owner`). */
  path?: string;
  /** How to fix it. */
  fix?: string;
}

/**
 * A finding of a governance rule about one entity.
 *
 * @public
 */
export interface GovernanceFinding extends RuleResult {
  ruleId: string;
  severity: FindingSeverity;
}

/**
 * What a rule sees of the API it checks.
 *
 * @public
 */
export interface RuleContext {
  /** The API entity as the catalog has it. */
  entity: Entity;
}

/**
 * A governance rule: data (id, title, severity, what it applies to) and a
 * pure check returning what it found.
 *
 * @public
 */
export interface GovernanceRule {
  /** Unique, kebab-case, e.g. `api-description`. */
  id: string;
  title: string;
  /** Default severity; configuration may override it. */
  severity: FindingSeverity;
  /** Which entities the rule applies to; every API entity when absent. */
  appliesTo?: (entity: Entity) => boolean;
  check(context: RuleContext): RuleResult[];
}
