import {
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { ConfigReader, readDurationFromConfig } from '@backstage/config';
import {
  HumanDuration,
  JsonValue,
  durationToMilliseconds,
} from '@backstage/types';
import {
  FINDING_SEVERITIES,
  FragmentationThresholds,
  GovernanceRulesetConfig,
  fragmentationThresholdsSchema,
  tryEntityRefKey,
} from '@apiops-backstage/plugin-apiops-common';
import { z } from 'zod';
import type { ChangeSettings } from './changes/ChangeService';
import { CHANGE_RULES } from './changes/changeFindings';
import { DEFAULT_MAX_STORED_DEFINITIONS } from './database/DefinitionFeatureStore';
import {
  DEFAULT_PARSER_BATCH_TIMEOUT_MS,
  DefinitionParserPool,
} from './fragmentation';

/** The plugin's settings, read from `apiops` in app-config (config.d.ts). */
export interface ApiOpsConfig {
  snapshotSchedule: SchedulerServiceTaskScheduleDefinition;
  retentionDays: number;
  /** Worker threads parsing definitions during a snapshot; 0: none. */
  parserThreads: number;
  /**
   * Time a batch of definitions may take on a parser thread before the
   * thread is stopped and its definitions reported as timed out.
   */
  parserBatchTimeoutMs: number;
  /**
   * Most definitions whose features are kept in the database (the least
   * recently used go first); 0: features are kept in memory only.
   */
  maxStoredDefinitions: number;
  ownerPlaceholders?: string[];
  governance: GovernanceRulesetConfig;
  fragmentation: FragmentationThresholds;
  /** Notifications to the owners of APIs after each snapshot. */
  notifications: {
    enabled: boolean;
    /** The group told about APIs with no valid owner (a lower-case ref). */
    platformTeam?: string;
  };
  /** The definition evidence (lint, audit): its own task, budget and threads. */
  evidence: EvidenceConfig;
  /** The change detection (issue 15): `apiops.changes`. */
  changes: ChangeSettings;
}

/** `apiops.evidence`, read. */
export interface EvidenceConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Time a run takes definitions from the backlog. */
  budgetMs: number;
  threads: number;
  /** Time one definition may take on a thread. */
  definitionTimeoutMs: number;
  maxHeapMb: number;
  /** Whether the method's audit checklist is evaluated on OpenAPI definitions. */
  audit: boolean;
}

/** A configured value as a message shows it: strings and objects as JSON. */
function shown(value: unknown): string {
  return typeof value === 'object' || typeof value === 'string'
    ? JSON.stringify(value)
    : String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const DURATION_EXAMPLES = `{ minutes: 30 }, '30 minutes' or 'PT30M'`;

/** Reads a duration as the scheduler does; an issue when it is not one. */
function toDuration(value: unknown, ctx: z.RefinementCtx): HumanDuration {
  try {
    // The value comes from app-config, so it is JSON.
    return readDurationFromConfig(
      new ConfigReader({ value: value as JsonValue }),
      {
        key: 'value',
      },
    );
  } catch {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `must be a duration such as ${DURATION_EXAMPLES}, got ${shown(
        value,
      )}`,
    });
    return z.NEVER;
  }
}

/** A duration, as `readSchedulerServiceTaskScheduleDefinitionFromConfig` takes it. */
const durationSchema = z.unknown().transform(toDuration);

/** A schedule's frequency: a cron expression, manual only, or a duration. */
const frequencySchema = z
  .unknown()
  .transform(
    (value, ctx): SchedulerServiceTaskScheduleDefinition['frequency'] => {
      if (isRecord(value) && 'cron' in value) {
        if (
          typeof value.cron === 'string' &&
          value.cron.trim() !== '' &&
          Object.keys(value).length === 1
        ) {
          return { cron: value.cron };
        }
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must be { cron: '<expression>' } alone, got ${shown(
            value,
          )}`,
        });
        return z.NEVER;
      }
      if (isRecord(value) && 'trigger' in value) {
        if (value.trigger === 'manual' && Object.keys(value).length === 1) {
          return { trigger: 'manual' };
        }
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must be { trigger: 'manual' } alone, got ${shown(value)}`,
        });
        return z.NEVER;
      }
      return toDuration(value, ctx);
    },
  );

/** `apiops.snapshot`: the schedule of the catalog-wide snapshot and more. */
const snapshotSchema = z
  .object({
    frequency: frequencySchema.default({ minutes: 30 }),
    timeout: durationSchema.default({ minutes: 10 }),
    initialDelay: durationSchema.default({ seconds: 10 }),
    retentionDays: z
      .number({
        errorMap: (_issue, ctx) => ({
          message: `must be a positive number of days, got ${shown(ctx.data)}`,
        }),
      })
      .positive()
      .finite()
      .default(90),
    parserThreads: z
      .number({
        errorMap: (_issue, ctx) => ({
          message: `must be a whole number from 0 to 64, got ${shown(
            ctx.data,
          )}`,
        }),
      })
      .int()
      .min(0)
      .max(64)
      .default(() => DefinitionParserPool.defaultThreads()),
    parserBatchTimeout: durationSchema
      .refine(duration => !(durationToMilliseconds(duration) <= 0), {
        message: 'must be a duration longer than zero',
      })
      .default({ milliseconds: DEFAULT_PARSER_BATCH_TIMEOUT_MS }),
    maxStoredDefinitions: z
      .number({
        errorMap: (_issue, ctx) => ({
          message: `must be a whole number from 0 to 10000000, got ${shown(
            ctx.data,
          )}`,
        }),
      })
      .int()
      .min(0)
      .max(10_000_000)
      .default(DEFAULT_MAX_STORED_DEFINITIONS),
  })
  .strict();

/** A duration longer than zero. */
const positiveDuration = durationSchema.refine(
  duration => !(durationToMilliseconds(duration) <= 0),
  { message: 'must be a duration longer than zero' },
);

/** `apiops.evidence`: the backlog task of the definition evidence (lint, audit). */
const evidenceSchema = z
  .object({
    frequency: frequencySchema.default({ minutes: 10 }),
    timeout: durationSchema.default({ minutes: 15 }),
    initialDelay: durationSchema.default({ minutes: 1 }),
    budget: positiveDuration.default({ minutes: 5 }),
    threads: z
      .number({
        errorMap: (_issue, ctx) => ({
          message: `must be a whole number from 1 to 16, got ${shown(
            ctx.data,
          )}`,
        }),
      })
      .int()
      .min(1)
      .max(16)
      .default(1),
    definitionTimeout: positiveDuration.default({ seconds: 30 }),
    maxHeapMb: z
      .number({
        errorMap: (_issue, ctx) => ({
          message: `must be a whole number of MB from 64 to 8192, got ${shown(
            ctx.data,
          )}`,
        }),
      })
      .int()
      .min(64)
      .max(8192)
      .default(512),
    audit: z
      .boolean({
        errorMap: (_issue, ctx) => ({
          message: `must be true or false, got ${shown(ctx.data)}`,
        }),
      })
      .default(true),
  })
  .strict();

/** A whole number in a range, with a message naming the range. */
function wholeNumber(min: number, max: number, what = '') {
  return z
    .number({
      errorMap: (_issue, ctx) => ({
        message: `must be a whole number${what} from ${min} to ${max}, got ${shown(
          ctx.data,
        )}`,
      }),
    })
    .int()
    .min(min)
    .max(max);
}

/** `apiops.changes`: the change detection of each snapshot. */
const changesSchema = z
  .object({
    enabled: z
      .boolean({
        errorMap: (_issue, ctx) => ({
          message: `must be true or false, got ${shown(ctx.data)}`,
        }),
      })
      .default(true),
    threads: wholeNumber(1, 16).default(1),
    definitionTimeout: positiveDuration.default({ seconds: 20 }),
    budget: positiveDuration.default({ minutes: 5 }),
    maxHeapMb: wholeNumber(64, 8192, ' of MB').default(512),
    maxChangesPerEvent: wholeNumber(1, 5000).default(200),
    maxEventsPerApi: wholeNumber(1, 100000).default(200),
    versionSemantics: z
      .enum(['semver', 'any-change', 'off'], {
        errorMap: (_issue, ctx) => ({
          message: `must be semver, any-change or off, got ${shown(ctx.data)}`,
        }),
      })
      .default('semver'),
    rules: z
      .record(
        z.enum([
          CHANGE_RULES.breakingWithoutMajor,
          CHANGE_RULES.removedWithoutDeprecation,
          CHANGE_RULES.sunsetPassed,
        ]),
        z.enum(['error', 'warning', 'info', 'off'], {
          errorMap: (_issue, ctx) => ({
            message: `must be error, warning, info or off, got ${shown(
              ctx.data,
            )}`,
          }),
        }),
      )
      .default({}),
  })
  .strict();

/** `apiops.governance.rules.<id>`: shape only; `createRuleset` checks ids and options. */
const ruleConfigSchema = z
  .object({
    enabled: z.boolean().optional(),
    severity: z
      .enum(['error', 'warning', 'info'], {
        errorMap: (_issue, ctx) => ({
          message: `must be one of ${FINDING_SEVERITIES.join(
            ', ',
          )}, got ${shown(ctx.data)}`,
        }),
      })
      .optional(),
    options: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

/** `apiops.notifications`. */
const notificationsSchema = z
  .object({
    enabled: z
      .boolean({
        errorMap: (_issue, ctx) => ({
          message: `must be true or false, got ${shown(ctx.data)}`,
        }),
      })
      .default(true),
    platformTeam: z
      .string({
        errorMap: (_issue, ctx) => ({
          message: `must be a group ref such as group:default/platform-team, got ${shown(
            ctx.data,
          )}`,
        }),
      })
      .optional()
      .transform((value, ctx) => {
        if (value === undefined) return undefined;
        const key = tryEntityRefKey(value, {
          defaultKind: 'group',
          defaultNamespace: 'default',
        });
        if (!key || !key.startsWith('group:')) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: `must be a group ref such as group:default/platform-team, got ${shown(
              value,
            )}`,
          });
          return z.NEVER;
        }
        return key as string;
      }),
  })
  .strict();

/**
 * Everything under `apiops` in app-config, with its defaults: unknown keys
 * are refused, so that a misspelt setting stops the backend instead of
 * silently doing nothing. `config.d.ts` declares the same keys.
 */
const apiOpsConfigSchema = z
  .object({
    snapshot: snapshotSchema.default({}),
    ownership: z
      .object({
        placeholders: z
          .array(z.string().min(1, 'must not be empty'))
          .optional(),
      })
      .strict()
      .default({}),
    fragmentation: fragmentationThresholdsSchema.default({}),
    governance: z
      .object({
        rules: z.record(z.string(), ruleConfigSchema).optional(),
      })
      .strict()
      .default({}),
    notifications: notificationsSchema.default({}),
    evidence: evidenceSchema.default({}),
    changes: changesSchema.default({}),
    // Read by the lint module (plugins/apiops-backend-module-lint), which
    // checks it; the plugin only lets it through.
    lint: z.unknown().optional(),
  })
  .strict();

/** The schema inside optional values, defaults and transforms. */
function unwrap(schema: z.ZodTypeAny): z.ZodTypeAny {
  const def = schema._def as {
    typeName?: z.ZodFirstPartyTypeKind;
    innerType?: z.ZodTypeAny;
    schema?: z.ZodTypeAny;
  };
  switch (def.typeName) {
    case z.ZodFirstPartyTypeKind.ZodOptional:
    case z.ZodFirstPartyTypeKind.ZodNullable:
    case z.ZodFirstPartyTypeKind.ZodDefault:
      return unwrap(def.innerType!);
    case z.ZodFirstPartyTypeKind.ZodEffects:
      return unwrap(def.schema!);
    default:
      return schema;
  }
}

/** The keys the schema knows at a path of the configuration. */
function knownKeysAt(
  schema: z.ZodTypeAny,
  path: ReadonlyArray<string | number>,
): string[] {
  let current = unwrap(schema);
  for (const segment of path) {
    const def = current._def as {
      typeName?: z.ZodFirstPartyTypeKind;
      shape?: () => z.ZodRawShape;
      valueType?: z.ZodTypeAny;
      type?: z.ZodTypeAny;
    };
    let next: z.ZodTypeAny | undefined;
    if (def.typeName === z.ZodFirstPartyTypeKind.ZodObject) {
      next = def.shape!()[segment];
    } else if (def.typeName === z.ZodFirstPartyTypeKind.ZodRecord) {
      next = def.valueType;
    } else if (def.typeName === z.ZodFirstPartyTypeKind.ZodArray) {
      next = def.type;
    }
    if (!next) {
      return [];
    }
    current = unwrap(next);
  }
  const def = current._def as {
    typeName?: z.ZodFirstPartyTypeKind;
    shape?: () => z.ZodRawShape;
  };
  return def.typeName === z.ZodFirstPartyTypeKind.ZodObject
    ? Object.keys(def.shape!())
    : [];
}

/** Edit distance of two strings (insertions, deletions, substitutions). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The known key an unknown one was probably meant to be: the closest one
 * (ignoring case), if it is close enough to be a typo.
 */
function closestKey(key: string, known: readonly string[]): string | undefined {
  const typed = key.toLocaleLowerCase('en-US');
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 4)) + 1;
  for (const candidate of known) {
    const distance = editDistance(typed, candidate.toLocaleLowerCase('en-US'));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** A path of the configuration as app-config spells it: `apiops.a.b[0]`. */
function configKey(path: ReadonlyArray<string | number>): string {
  return path.reduce<string>(
    (key, segment) =>
      typeof segment === 'number' ? `${key}[${segment}]` : `${key}.${segment}`,
    'apiops',
  );
}

/** One line per problem, each naming the full key at fault. */
function describeIssues(issues: readonly z.ZodIssue[]): string[] {
  return issues.flatMap(issue => {
    if (issue.code === z.ZodIssueCode.unrecognized_keys) {
      const known = knownKeysAt(apiOpsConfigSchema, issue.path);
      return issue.keys.map(key => {
        const meant = closestKey(key, known);
        const hint = meant
          ? `; did you mean ${configKey([...issue.path, meant])}?`
          : `; the known keys are ${known.join(', ')}`;
        return `${configKey([
          ...issue.path,
          key,
        ])} is not a known setting${hint}`;
      });
    }
    // The schema's own messages are predicates: "must be …".
    if (/^[a-z]/.test(issue.message)) {
      return [`${configKey(issue.path)} ${issue.message}`];
    }
    if (issue.code === z.ZodIssueCode.invalid_type) {
      const expected = /^[aeiou]/.test(issue.expected)
        ? `an ${issue.expected}`
        : `a ${issue.expected}`;
      return [
        `${configKey(issue.path)} must be ${expected}, got ${issue.received}`,
      ];
    }
    return [`${configKey(issue.path)}: ${issue.message}`];
  });
}

/**
 * Reads the `apiops` settings, with their defaults.
 *
 * @throws Error naming every unknown key (and the known key it was probably
 * meant to be) and every invalid value, e.g. `apiops.fragmentation.duplicateJacard
 * is not a known setting; did you mean apiops.fragmentation.duplicateJaccard?`
 */
export function readApiOpsConfig(config: RootConfigService): ApiOpsConfig {
  const result = apiOpsConfigSchema.safeParse(
    config.getOptional('apiops') ?? {},
  );
  if (!result.success) {
    throw new Error(
      `Invalid APIOps configuration: ${describeIssues(result.error.issues).join(
        '; ',
      )}`,
    );
  }
  const {
    snapshot,
    ownership,
    fragmentation,
    governance,
    notifications,
    evidence,
    changes,
  } = result.data;
  const {
    budget,
    threads,
    definitionTimeout,
    maxHeapMb,
    audit,
    ...evidenceSchedule
  } = evidence;
  const {
    retentionDays,
    parserThreads,
    parserBatchTimeout,
    maxStoredDefinitions,
    ...schedule
  } = snapshot;
  return {
    snapshotSchedule: { ...schedule, scope: 'global' },
    retentionDays,
    parserThreads,
    parserBatchTimeoutMs: durationToMilliseconds(parserBatchTimeout),
    maxStoredDefinitions,
    ownerPlaceholders: ownership.placeholders,
    fragmentation,
    governance: { rules: governance.rules },
    notifications: {
      enabled: notifications.enabled,
      ...(notifications.platformTeam
        ? { platformTeam: notifications.platformTeam }
        : {}),
    },
    evidence: {
      schedule: { ...evidenceSchedule, scope: 'global' },
      budgetMs: durationToMilliseconds(budget),
      threads,
      definitionTimeoutMs: durationToMilliseconds(definitionTimeout),
      maxHeapMb,
      audit,
    },
    changes: {
      enabled: changes.enabled,
      threads: changes.threads,
      timeoutMs: durationToMilliseconds(changes.definitionTimeout),
      // Within the snapshot's timeout: at most a third of it, so that a
      // first snapshot of a large catalog (every API a baseline) completes.
      budgetMs: Math.min(
        durationToMilliseconds(changes.budget),
        Math.floor(durationToMilliseconds(snapshot.timeout) / 3),
      ),
      maxHeapMb: changes.maxHeapMb,
      maxChangesPerEvent: changes.maxChangesPerEvent,
      maxEventsPerApi: changes.maxEventsPerApi,
      versionSemantics: changes.versionSemantics,
      severities: changes.rules,
    },
  };
}
