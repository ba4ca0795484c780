import { Entity } from '@backstage/catalog-model';
import type { Assessment } from '../assessments/types';
import type { OwnershipResult } from '../ownership/types';
import type { ApiStationStatus } from '../status/types';

/**
 * How bad a governance finding is. Any `error` makes an API non-compliant,
 * any `warning` puts it under attention; `info` does not count.
 *
 * @public
 */
export type FindingSeverity = 'error' | 'warning' | 'info';

/**
 * The severities of governance findings, worst first.
 *
 * @public
 */
export const FINDING_SEVERITIES: readonly FindingSeverity[] = Object.freeze([
  'error',
  'warning',
  'info',
] as const);

/**
 * The governance status of an API, from its findings: `non-compliant` (any
 * error), `attention` (any warning), else `compliant`.
 *
 * @public
 */
export const GOVERNANCE_STATUSES = Object.freeze([
  'compliant',
  'attention',
  'non-compliant',
] as const);

/**
 * The governance status of an API; see {@link GOVERNANCE_STATUSES}.
 *
 * @public
 */
export type GovernanceStatus = (typeof GOVERNANCE_STATUSES)[number];

/**
 * What a rule's check reports: the engine adds the rule id and the severity.
 *
 * @public
 */
export interface RuleResult {
  /** What is wrong, for the API's owners. */
  message: string;
  /** Where, as a dotted path into the entity (e.g. `spec.owner`). */
  path?: string;
  /** How to fix it: a concrete step for the API's owners. */
  fix?: string;
  /**
   * The severity of this result, for rules whose results differ in how bad
   * they are (e.g. `valid-owner` takes it from each ownership gap); the
   * rule's severity when absent. A severity set in the configuration wins
   * over both.
   */
  severity?: FindingSeverity;
}

/**
 * A finding of a governance rule about one entity.
 *
 * @public
 */
export interface GovernanceFinding extends RuleResult {
  ruleId: string;
  severity: FindingSeverity;
  /**
   * The definition evidence provider that found it (e.g. `lint`); absent for
   * the findings of governance rules.
   */
  source?: string;
  /**
   * Where in the API's definition, as a JSON path (e.g.
   * `$.paths['/pets'].get.operationId`), for findings about the definition.
   */
  definitionPath?: string;
  /** The documentation of the rule behind the finding. */
  documentationUrl?: string;
}

/**
 * A component that the catalog says provides an API (`apiProvidedBy`).
 *
 * @public
 */
export interface RuleContextProvider {
  /** The component's entity ref, in lower case. */
  ref: string;
  /** Whether the catalog has an entity with that ref. */
  exists: boolean;
}

/**
 * What a rule sees of the API it checks. The snapshot computes all of it
 * before any rule runs, once per API; rules only read it.
 *
 * @public
 */
export interface RuleContext {
  /**
   * The API entity as the catalog has it, without `spec.definition`. A rule
   * runs on the main thread for every API of every snapshot: it sees the
   * definition through what was computed from it once and kept by its hash,
   * `definitionProblem` here (checks of the definition itself belong to
   * evidence providers, which run on worker threads). The APIOps backend
   * removes it before it evaluates a ruleset; `GovernanceRuleset.evaluate`
   * passes the context on as it is given.
   */
  entity: Entity;
  /** Who owns the API and its ownership gaps. */
  ownership: OwnershipResult;
  /** Where the API stands on the cycle (`unassessed` when nowhere). */
  station: ApiStationStatus;
  /** The API's latest recorded assessment, if it has one. */
  latestAssessment?: Assessment;
  /**
   * The lifecycle stage of each core station of the cycle in use, by station
   * id (e.g. `api-design` → `design`). Shared by every API of a snapshot; a
   * fallback for when `station.lifecycleStage` is absent.
   */
  stationStages: Readonly<Record<string, string>>;
  /**
   * The criteria of each core station of the cycle in use, by station id, in
   * the station's order, so that a rule can name the criteria behind the
   * station an assessment gives. Absent when the caller does not know them.
   */
  stationCriteria?: Readonly<Record<string, readonly string[]>>;
  /** The components the catalog says provide the API. */
  providers: ReadonlyArray<RuleContextProvider>;
  /** The entity refs of the components the catalog says consume the API. */
  consumers: ReadonlyArray<string>;
  /**
   * Why the API's definition does not parse for its `spec.type`, when it
   * does not; absent when it parses or when its type is not analysed.
   */
  definitionProblem?: string;
  /** The time of the evaluation; one value for a whole snapshot. */
  now: Date;
}

/**
 * One problem with a value given to {@link RuleOptionsSchema.safeParse}.
 *
 * @public
 */
export interface RuleOptionsIssue {
  /** Where in the options, e.g. `['values', 0]`; empty for the whole value. */
  path: ReadonlyArray<PropertyKey>;
  message: string;
}

/**
 * The schema of a rule's options: anything with a zod-style `safeParse`.
 * Every zod schema (v3 or v4) fits, without tying modules to the zod version
 * of this package.
 *
 * @public
 */
export interface RuleOptionsSchema<TOptions> {
  safeParse(input: unknown):
    | { success: true; data: TOptions }
    | {
        success: false;
        error: { issues: ReadonlyArray<RuleOptionsIssue> };
      };
}

/**
 * A governance rule: data (id, title, severity, what it applies to, the
 * schema of its options) and a pure check returning what it found.
 *
 * @public
 */
export interface GovernanceRule<TOptions = unknown> {
  /** Unique, kebab-case, e.g. `description-present`. */
  id: string;
  title: string;
  /** What the rule checks and why, for the rules reference. */
  description?: string;
  /** Default severity; configuration may override it. */
  severity: FindingSeverity;
  /**
   * Which entities the rule applies to (as the context has them, without
   * `spec.definition`); every API entity when absent.
   */
  appliesTo?: (entity: Entity) => boolean;
  /**
   * The schema of the rule's options. The engine parses the configured
   * options (an empty object when none are configured) once, when the
   * ruleset is created, and passes the result to every `check`. A rule
   * without a schema takes no options and gets `undefined`.
   */
  optionsSchema?: RuleOptionsSchema<TOptions>;
  /**
   * Checks one API. Pure: reads the context, returns one result per problem
   * (none when all is well), never changes anything. A check that throws
   * becomes an `error` finding of the rule for that API.
   */
  check(context: RuleContext, options: TOptions): RuleResult[];
}

/**
 * The configuration of one rule in a ruleset, e.g. from `app-config.yaml`.
 *
 * @public
 */
export interface GovernanceRuleConfig {
  /** `false` turns the rule off; rules are on unless configured off. */
  enabled?: boolean;
  /** The severity of every finding of the rule, whatever the rule says. */
  severity?: FindingSeverity;
  /** The rule's options, validated against its `optionsSchema`. */
  options?: unknown;
}

/**
 * The configuration of a ruleset: settings per rule id.
 *
 * @public
 */
export interface GovernanceRulesetConfig {
  rules?: Record<string, GovernanceRuleConfig>;
}

/**
 * A rule of a ruleset as configured.
 *
 * @public
 */
export interface ConfiguredGovernanceRule {
  id: string;
  title: string;
  description?: string;
  /** The severity in effect: the configured one, else the rule's own. */
  severity: FindingSeverity;
  /** Whether the configuration sets the severity of the rule's findings. */
  severityOverridden: boolean;
  enabled: boolean;
  /** The parsed options, defaults filled in; `undefined` for a rule without options. */
  options: unknown;
}

/**
 * A validated set of configured rules that evaluates APIs.
 *
 * @public
 */
export interface GovernanceRuleset {
  /** Every rule of the ruleset, enabled or not, in the order given. */
  readonly rules: ReadonlyArray<ConfiguredGovernanceRule>;
  /**
   * Runs every enabled rule that applies to the context's entity and returns
   * their findings, rule by rule. Never throws because of a rule: a rule that
   * throws becomes an `error` finding of that rule.
   */
  evaluate(context: RuleContext): GovernanceFinding[];
  /**
   * A new ruleset with more rules and/or more configuration layered over
   * this one's (per rule: `enabled` and `severity` replace, `options`
   * objects are merged key by key). This ruleset is left as it is.
   *
   * @throws {@link GovernanceConfigError} as {@link createRuleset} does.
   */
  extend(extension: {
    rules?: GovernanceRule[];
    config?: GovernanceRulesetConfig;
  }): GovernanceRuleset;
}
