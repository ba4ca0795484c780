import { z } from 'zod';
import { GovernanceConfigError } from './GovernanceConfigError';
import {
  FINDING_SEVERITIES,
  type ConfiguredGovernanceRule,
  type FindingSeverity,
  type GovernanceFinding,
  type GovernanceRule,
  type GovernanceRuleConfig,
  type GovernanceRuleset,
  type GovernanceRulesetConfig,
  type RuleContext,
  type RuleOptionsIssue,
  type RuleOptionsSchema,
  type RuleResult,
} from './types';

/** Longest text taken from what a failing rule threw. */
const MAX_FAILURE_DETAIL_LENGTH = 500;
/** Most option issues spelled out in one error message. */
const MAX_DESCRIBED_ISSUES = 3;

const severitySchema = z.enum(['error', 'warning', 'info'], {
  errorMap: () => ({
    message: `must be one of ${FINDING_SEVERITIES.join(', ')}`,
  }),
});

const ruleConfigSchema = z
  .object(
    {
      enabled: z
        .boolean({ invalid_type_error: 'must be true or false' })
        .optional(),
      severity: severitySchema.optional(),
      options: z.unknown().optional(),
    },
    { invalid_type_error: 'must be an object' },
  )
  .strict();

const rulesetConfigSchema = z
  .object(
    {
      rules: z
        .record(z.unknown(), { invalid_type_error: 'must be an object' })
        .optional(),
    },
    { invalid_type_error: 'must be an object' },
  )
  .strict();

/** A rule ready to run: everything looked up and parsed once. */
interface CompiledRule {
  readonly id: string;
  readonly rule: GovernanceRule;
  readonly severity: FindingSeverity;
  readonly severityOverride: FindingSeverity | undefined;
  readonly options: unknown;
}

function isSeverity(value: unknown): value is FindingSeverity {
  return value === 'error' || value === 'warning' || value === 'info';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let field = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      field += `[${segment}]`;
    } else {
      const name = String(segment);
      field += field ? `.${name}` : name;
    }
  }
  return field;
}

function describeIssues(issues: ReadonlyArray<RuleOptionsIssue>): string {
  const described = issues
    .slice(0, MAX_DESCRIBED_ISSUES)
    .map(issue => {
      const field = formatIssuePath(issue.path);
      return field ? `${field}: ${issue.message}` : issue.message;
    })
    .join('; ');
  const more = issues.length - MAX_DESCRIBED_ISSUES;
  return more > 0 ? `${described} (and ${more} more)` : described;
}

function describeThrown(error: unknown): string {
  let detail: string;
  try {
    // Duck-typed: errors from another realm (vm, jest) fail `instanceof Error`.
    const { message, name } =
      typeof error === 'object' && error !== null
        ? (error as { message?: unknown; name?: unknown })
        : { message: undefined, name: undefined };
    if (typeof message === 'string' && message !== '') {
      detail = message;
    } else if (typeof name === 'string' && name !== '') {
      detail = name;
    } else {
      detail = String(error);
    }
  } catch {
    detail = 'an error that cannot be shown';
  }
  return detail.length > MAX_FAILURE_DETAIL_LENGTH
    ? `${detail.slice(0, MAX_FAILURE_DETAIL_LENGTH)}…`
    : detail;
}

function failure(ruleId: string, detail: string): GovernanceFinding {
  return {
    ruleId,
    severity: 'error',
    message: `rule ${ruleId} failed: ${detail}`,
    fix: `This is a defect of the rule, not of the API: report it to the maintainers of the rule ${ruleId}, or disable the rule in the APIOps governance configuration until it is fixed.`,
  };
}

/** Layers `over` on `base`: settings replace, options objects merge. */
function mergeRuleConfig(
  base: GovernanceRuleConfig | undefined,
  over: GovernanceRuleConfig,
): GovernanceRuleConfig {
  if (!base) {
    return over;
  }
  let options = over.options === undefined ? base.options : over.options;
  if (isPlainObject(base.options) && isPlainObject(over.options)) {
    options = { ...base.options, ...over.options };
  }
  return {
    enabled: over.enabled ?? base.enabled,
    severity: over.severity ?? base.severity,
    options,
  };
}

/** Validates the configuration as a whole, e.g. as read from app-config. */
function parseConfig(
  config: GovernanceRulesetConfig | undefined,
  ruleIds: ReadonlySet<string>,
): Map<string, GovernanceRuleConfig> {
  const parsed = new Map<string, GovernanceRuleConfig>();
  if (config === undefined) {
    return parsed;
  }
  const outer = rulesetConfigSchema.safeParse(config);
  if (!outer.success) {
    throw new GovernanceConfigError(
      `Invalid governance configuration: ${describeIssues(outer.error.issues)}`,
    );
  }
  for (const [ruleId, entry] of Object.entries(outer.data.rules ?? {})) {
    if (!ruleIds.has(ruleId)) {
      throw new GovernanceConfigError(
        `Unknown governance rule '${ruleId}' in the configuration; the known rules are ${
          [...ruleIds].join(', ') || 'none'
        }`,
        ruleId,
      );
    }
    const result = ruleConfigSchema.safeParse(entry ?? {});
    if (!result.success) {
      throw new GovernanceConfigError(
        `Invalid configuration of governance rule '${ruleId}': ${describeIssues(
          result.error.issues,
        )}`,
        ruleId,
      );
    }
    parsed.set(ruleId, result.data);
  }
  return parsed;
}

function checkRuleShape(rule: GovernanceRule, index: number): void {
  if (
    typeof rule !== 'object' ||
    rule === null ||
    typeof rule.id !== 'string' ||
    rule.id === ''
  ) {
    throw new GovernanceConfigError(`Governance rule #${index + 1} has no id`);
  }
  if (typeof rule.check !== 'function') {
    throw new GovernanceConfigError(
      `Governance rule '${rule.id}' has no check function`,
      rule.id,
    );
  }
  if (!isSeverity(rule.severity)) {
    throw new GovernanceConfigError(
      `Governance rule '${rule.id}' has the severity '${String(
        rule.severity,
      )}'; it must be one of ${FINDING_SEVERITIES.join(', ')}`,
      rule.id,
    );
  }
}

function parseOptions(
  rule: GovernanceRule,
  config: GovernanceRuleConfig | undefined,
): unknown {
  const configured = config?.options;
  if (!rule.optionsSchema) {
    if (configured !== undefined) {
      throw new GovernanceConfigError(
        `Governance rule '${rule.id}' takes no options`,
        rule.id,
      );
    }
    return undefined;
  }
  let result: ReturnType<RuleOptionsSchema<unknown>['safeParse']>;
  try {
    result = rule.optionsSchema.safeParse(configured ?? {});
  } catch (error) {
    throw new GovernanceConfigError(
      `The options schema of governance rule '${
        rule.id
      }' failed: ${describeThrown(error)}`,
      rule.id,
    );
  }
  if (!result.success) {
    throw new GovernanceConfigError(
      `Invalid options of governance rule '${rule.id}': ${describeIssues(
        result.error.issues,
      )}`,
      rule.id,
    );
  }
  return result.data;
}

function build(
  rules: ReadonlyArray<GovernanceRule>,
  config: ReadonlyMap<string, GovernanceRuleConfig>,
): GovernanceRuleset {
  const described: ConfiguredGovernanceRule[] = [];
  const active: CompiledRule[] = [];

  for (const rule of rules) {
    const ruleConfig = config.get(rule.id);
    const options = parseOptions(rule, ruleConfig);
    const severityOverride = ruleConfig?.severity;
    const enabled = ruleConfig?.enabled !== false;
    described.push(
      Object.freeze({
        id: rule.id,
        title: rule.title,
        description: rule.description,
        severity: severityOverride ?? rule.severity,
        severityOverridden: severityOverride !== undefined,
        enabled,
        options,
      }),
    );
    if (enabled) {
      active.push({
        id: rule.id,
        rule,
        severity: rule.severity,
        severityOverride,
        options,
      });
    }
  }

  function evaluate(context: RuleContext): GovernanceFinding[] {
    const findings: GovernanceFinding[] = [];
    const entity = context.entity;
    for (const compiled of active) {
      const { id, rule } = compiled;
      let results: RuleResult[];
      try {
        if (rule.appliesTo && !rule.appliesTo(entity)) {
          continue;
        }
        results = rule.check(context, compiled.options);
      } catch (error) {
        findings.push(failure(id, describeThrown(error)));
        continue;
      }
      if (!Array.isArray(results)) {
        findings.push(failure(id, 'its check did not return an array'));
        continue;
      }
      for (const result of results) {
        if (
          typeof result !== 'object' ||
          result === null ||
          typeof result.message !== 'string'
        ) {
          findings.push(
            failure(id, 'its check returned a result without a message'),
          );
          continue;
        }
        const finding: GovernanceFinding = {
          ruleId: id,
          severity:
            compiled.severityOverride ??
            (isSeverity(result.severity) ? result.severity : compiled.severity),
          message: result.message,
        };
        if (typeof result.path === 'string') {
          finding.path = result.path;
        }
        if (typeof result.fix === 'string') {
          finding.fix = result.fix;
        }
        findings.push(finding);
      }
    }
    return findings;
  }

  return Object.freeze({
    rules: Object.freeze(described),
    evaluate,
    extend(extension: {
      rules?: GovernanceRule[];
      config?: GovernanceRulesetConfig;
    }): GovernanceRuleset {
      const allRules = [...rules, ...(extension.rules ?? [])];
      const ruleIds = collectRuleIds(allRules);
      const merged = new Map(config);
      for (const [ruleId, over] of parseConfig(extension.config, ruleIds)) {
        merged.set(ruleId, mergeRuleConfig(merged.get(ruleId), over));
      }
      return build(allRules, merged);
    },
  });
}

function collectRuleIds(rules: ReadonlyArray<GovernanceRule>): Set<string> {
  const ids = new Set<string>();
  rules.forEach((rule, index) => {
    checkRuleShape(rule, index);
    if (ids.has(rule.id)) {
      throw new GovernanceConfigError(
        `Governance rule '${rule.id}' is defined twice`,
        rule.id,
      );
    }
    ids.add(rule.id);
  });
  return ids;
}

/**
 * Creates a ruleset from rules and their configuration, validating both at
 * once: every rule id is unique, every configured rule id is known, every
 * setting is valid and every rule's options pass its `optionsSchema`
 * (parsed here, once; `evaluate` reuses them). Disabled rules never run; a
 * configured severity applies to every finding of its rule.
 *
 * @param rules - the rules, e.g. `[...builtinRules, ...moduleRules]`; they
 *   run in this order.
 * @param config - settings per rule id, e.g. from `app-config.yaml`.
 * @throws {@link GovernanceConfigError} naming the rule (and the setting or
 *   option) at fault.
 * @public
 */
export function createRuleset(
  rules: ReadonlyArray<GovernanceRule>,
  config?: GovernanceRulesetConfig,
): GovernanceRuleset {
  const ruleIds = collectRuleIds(rules);
  return build([...rules], parseConfig(config, ruleIds));
}
