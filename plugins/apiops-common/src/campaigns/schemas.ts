import { z } from 'zod';
import { FRAGMENTATION_TYPES } from '../fragmentation/types';
import { OWNER_GAP_TYPES } from '../ownership/types';

/*
 * Campaigns: a goal over each API's snapshot result, with a scope, a start
 * and a due date. The request shapes are checked here (shape only: that a
 * station, rule or entity exists is the backend's check); the response
 * shapes are shared by the REST routes, the MCP actions and the frontend.
 */

/**
 * The bounds {@link campaignRequestSchema} enforces, for forms that want to
 * stop input early.
 *
 * @public
 */
export const campaignRequestLimits = Object.freeze({
  maxTitleLength: 200,
  maxDescriptionLength: 4000,
  maxConditions: 10,
  /** Most values of one scope dimension (teams, systems, domains, lifecycles). */
  maxScopeValues: 100,
  maxRefLength: 255,
  maxLifecycleLength: 64,
  maxAgeDays: 3650,
});

/**
 * The kinds of goal condition a campaign can set for each API in its scope.
 *
 * - `station-at-least`: the API stands at the station or beyond it in the
 *   cycle (an unassessed API does not).
 * - `no-ownership-gap`: the API has no ownership gap (of the given types,
 *   every type when none are given).
 * - `no-finding`: the API has no governance finding of the rule and/or of
 *   the severity or worse.
 * - `no-duplicate-cluster`: the API is in no fragmentation cluster of the
 *   given types (`duplicate` when none are given) that has not been
 *   dismissed.
 * - `assessment-fresh`: the API's latest assessment is younger than the
 *   given number of days.
 *
 * @public
 */
export const CAMPAIGN_CONDITION_TYPES = Object.freeze([
  'station-at-least',
  'no-ownership-gap',
  'no-finding',
  'no-duplicate-cluster',
  'assessment-fresh',
] as const);

/**
 * A kind of goal condition; see {@link CAMPAIGN_CONDITION_TYPES}.
 *
 * @public
 */
export type CampaignConditionType = (typeof CAMPAIGN_CONDITION_TYPES)[number];

/** The severities, worst first (FINDING_SEVERITIES as a tuple). */
const SEVERITIES = ['error', 'warning', 'info'] as const;

const KEBAB_CASE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Rule ids of modules may be namespaced (`spectral:oas3-schema`). */
const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Whether a `YYYY-MM-DD` string is a real calendar date. */
function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [+match[1], +match[2], +match[3]];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 2000 &&
    year <= 2999 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

const calendarDate = z
  .string({
    required_error: 'is required',
    invalid_type_error: 'must be a date as YYYY-MM-DD',
  })
  .refine(isCalendarDate, {
    message: 'must be a date as YYYY-MM-DD (years 2000 to 2999)',
  });

function kebabId(what: string) {
  return z
    .string({ invalid_type_error: `must be a ${what} id (a string)` })
    .max(100, `must be at most 100 characters`)
    .regex(KEBAB_CASE_ID, `must be a kebab-case ${what} id`);
}

function enumOf<T extends string>(values: readonly [T, ...T[]]) {
  return z.enum(values, {
    errorMap: () => ({ message: `must be one of ${values.join(', ')}` }),
  });
}

function nonEmptyList<T extends z.ZodTypeAny>(item: T, max: number) {
  return z
    .array(item, { invalid_type_error: 'must be a list' })
    .min(1, 'must name at least one value, or be left out')
    .max(max, `must have at most ${max} values`);
}

/**
 * A goal condition of a campaign: a discriminated union on `type`. Unknown
 * fields are refused.
 *
 * @public
 */
export const campaignConditionSchema = z.discriminatedUnion(
  'type',
  [
    z
      .object({
        type: z.literal('station-at-least'),
        /** A core station id of the cycle. */
        station: kebabId('station'),
        /** The cycle of the station; the API productization cycle when absent. */
        cycle: kebabId('cycle').optional(),
      })
      .strict(),
    z
      .object({
        type: z.literal('no-ownership-gap'),
        /** Only gaps of these types count; every type when absent. */
        gapTypes: nonEmptyList(enumOf(OWNER_GAP_TYPES), 6).optional(),
      })
      .strict(),
    z
      .object({
        type: z.literal('no-finding'),
        /** Only findings of this rule count. */
        ruleId: z
          .string({ invalid_type_error: 'must be a rule id (a string)' })
          .regex(RULE_ID, 'must be a rule id such as valid-owner')
          .optional(),
        /** Only findings of this severity or worse count. */
        severity: enumOf(SEVERITIES).optional(),
      })
      .strict(),
    z
      .object({
        type: z.literal('no-duplicate-cluster'),
        /** The cluster types that count; `duplicate` when absent. */
        types: nonEmptyList(enumOf(FRAGMENTATION_TYPES), 6).optional(),
      })
      .strict(),
    z
      .object({
        type: z.literal('assessment-fresh'),
        /** The latest assessment must be younger than this many days. */
        maxAgeDays: z
          .number({
            required_error: 'is required',
            invalid_type_error: 'must be a number of days',
          })
          .int('must be a whole number of days')
          .min(1, 'must be at least 1 day')
          .max(
            campaignRequestLimits.maxAgeDays,
            `must be at most ${campaignRequestLimits.maxAgeDays} days`,
          ),
      })
      .strict(),
  ],
  {
    errorMap: (issue, ctx) =>
      issue.code === z.ZodIssueCode.invalid_union_discriminator
        ? {
            message: `must be one of ${CAMPAIGN_CONDITION_TYPES.join(', ')}`,
          }
        : { message: ctx.defaultError },
  },
);

/**
 * A goal condition of a campaign; see {@link campaignConditionSchema}.
 *
 * @public
 */
export type CampaignCondition = z.infer<typeof campaignConditionSchema>;

const ref = z
  .string({ invalid_type_error: 'must be an entity ref (a string)' })
  .min(1, 'must be an entity ref')
  .max(campaignRequestLimits.maxRefLength, 'must be at most 255 characters');

/**
 * Which APIs a campaign covers. Each dimension given narrows it (an API is
 * in scope when it matches every dimension given, and a dimension when it
 * matches any of its values); an empty scope covers every API.
 *
 * - `teams`: group refs; an API owned by the group or by any of its
 *   descendant groups matches.
 * - `systems`, `domains`: refs of the API's system, and of that system's
 *   domain.
 * - `lifecycles`: `spec.lifecycle` values, compared in lower case.
 *
 * @public
 */
export const campaignScopeSchema = z
  .object(
    {
      teams: nonEmptyList(ref, campaignRequestLimits.maxScopeValues).optional(),
      systems: nonEmptyList(
        ref,
        campaignRequestLimits.maxScopeValues,
      ).optional(),
      domains: nonEmptyList(
        ref,
        campaignRequestLimits.maxScopeValues,
      ).optional(),
      lifecycles: nonEmptyList(
        z
          .string({ invalid_type_error: 'must be a lifecycle (a string)' })
          .trim()
          .min(1, 'must not be blank')
          .max(campaignRequestLimits.maxLifecycleLength)
          .refine(value => !CONTROL.test(value), {
            message: 'must not contain control characters',
          }),
        campaignRequestLimits.maxScopeValues,
      ).optional(),
    },
    { invalid_type_error: 'must be an object' },
  )
  .strict();

/**
 * Which APIs a campaign covers; see {@link campaignScopeSchema}.
 *
 * @public
 */
export type CampaignScope = z.infer<typeof campaignScopeSchema>;

function text(max: number, what: string) {
  return z
    .string({
      required_error: 'is required',
      invalid_type_error: 'must be a string',
    })
    .transform(value => value.trim())
    .superRefine((value, ctx) => {
      if (value.length === 0) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must not be blank: ${what}`,
        });
      } else if (value.length > max) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must be at most ${max} characters`,
        });
      } else if (CONTROL.test(value)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message:
            'must not contain control characters (line breaks and tabs are fine)',
        });
      }
    });
}

/**
 * The body of `POST /campaigns` and `PUT /campaigns/{campaignId}`: a title,
 * an optional description, the goal (every condition must hold), the scope,
 * and the start and due dates (`YYYY-MM-DD`, UTC; the due date on or after
 * the start date). Unknown fields are refused.
 *
 * @public
 */
export const campaignRequestSchema = z
  .object(
    {
      title: text(
        campaignRequestLimits.maxTitleLength,
        'name the goal, e.g. No ownership gaps in production APIs',
      ),
      description: text(
        campaignRequestLimits.maxDescriptionLength,
        'leave it out, or say why the goal matters',
      ).optional(),
      conditions: z
        .array(campaignConditionSchema, {
          required_error: 'is required: the goal, one or more conditions',
          invalid_type_error: 'must be a list of conditions',
        })
        .min(1, 'must have at least one condition')
        .max(
          campaignRequestLimits.maxConditions,
          `must have at most ${campaignRequestLimits.maxConditions} conditions`,
        ),
      scope: campaignScopeSchema.default({}),
      startDate: calendarDate,
      dueDate: calendarDate,
    },
    {
      required_error: 'must be a JSON object',
      invalid_type_error: 'must be a JSON object',
    },
  )
  .strict()
  .superRefine((request, ctx) => {
    if (request.dueDate < request.startDate) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['dueDate'],
        message: `must be on or after startDate (${request.startDate})`,
      });
    }
  });

/**
 * A campaign as a client sends it; see {@link campaignRequestSchema}.
 *
 * @public
 */
export type CampaignRequest = z.input<typeof campaignRequestSchema>;

/**
 * A campaign request as parsed (texts trimmed, scope defaulted).
 *
 * @public
 */
export type ParsedCampaignRequest = z.output<typeof campaignRequestSchema>;

/**
 * Where a campaign stands in time and against its goal:
 *
 * - `upcoming`: before its start date;
 * - `active`: started, APIs remain;
 * - `due-soon`: APIs remain and it is due within seven days;
 * - `overdue`: past its due date with APIs remaining;
 * - `achieved`: started, and every API in scope meets the goal.
 *
 * @public
 */
export const CAMPAIGN_STATES = Object.freeze([
  'upcoming',
  'active',
  'due-soon',
  'overdue',
  'achieved',
] as const);

/**
 * Where a campaign stands; see {@link CAMPAIGN_STATES}.
 *
 * @public
 */
export type CampaignState = (typeof CAMPAIGN_STATES)[number];

/**
 * A stored campaign: the request's fields (scope refs normalized to lower
 * case, full refs), its id, who created and last changed it, and its
 * revision (1 when created, one more per change).
 *
 * @public
 */
export const campaignSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().optional(),
  conditions: z.array(campaignConditionSchema),
  scope: campaignScopeSchema,
  startDate: z.string(),
  dueDate: z.string(),
  revision: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});

/**
 * A stored campaign; see {@link campaignSchema}.
 *
 * @public
 */
export type Campaign = z.infer<typeof campaignSchema>;

/**
 * Why an API does not meet a condition of a campaign, and what to do.
 *
 * @public
 */
export const campaignFailureReasonSchema = z.object({
  condition: z.enum(CAMPAIGN_CONDITION_TYPES),
  message: z.string(),
  fix: z.string(),
});

/**
 * Why an API does not meet a condition; see {@link campaignFailureReasonSchema}.
 *
 * @public
 */
export type CampaignFailureReason = z.infer<typeof campaignFailureReasonSchema>;

/**
 * How far a campaign (or one team of it) is, at one snapshot: the APIs in
 * scope and those meeting the goal.
 *
 * @public
 */
export const campaignCountsSchema = z.object({
  inScope: z.number().int(),
  met: z.number().int(),
  /** `inScope - met`: the APIs that remain. */
  remaining: z.number().int(),
  /** `met / inScope`, absent when no API is in scope. */
  share: z.number().optional(),
});

/**
 * How far a campaign is; see {@link campaignCountsSchema}.
 *
 * @public
 */
export type CampaignCounts = z.infer<typeof campaignCountsSchema>;

/**
 * The progress of a campaign at the latest snapshot that evaluated it.
 *
 * @public
 */
export const campaignProgressSchema = campaignCountsSchema.extend({
  state: z.enum(CAMPAIGN_STATES),
  /** The snapshot that computed it; absent before the first one. */
  snapshotId: z.string().optional(),
  /** When that snapshot finished (ISO 8601). */
  computedAt: z.string().optional(),
  /**
   * True when the campaign changed (goal, scope, dates) after that snapshot:
   * the next snapshot computes its progress again.
   */
  outdated: z.boolean(),
  /** Teams past the due date with APIs remaining. */
  overdueTeams: z.number().int(),
  /** APIs in scope that no team owns (no valid group owner). */
  withoutTeam: campaignCountsSchema.optional(),
});

/**
 * The progress of a campaign; see {@link campaignProgressSchema}.
 *
 * @public
 */
export type CampaignProgress = z.infer<typeof campaignProgressSchema>;

/**
 * The progress of one team in a campaign: the APIs in scope it owns itself
 * or through its descendant groups.
 *
 * @public
 */
export const campaignTeamProgressSchema = campaignCountsSchema.extend({
  groupRef: z.string(),
  title: z.string(),
  /** Past the due date with APIs remaining. */
  overdue: z.boolean(),
});

/**
 * The progress of one team; see {@link campaignTeamProgressSchema}.
 *
 * @public
 */
export type CampaignTeamProgress = z.infer<typeof campaignTeamProgressSchema>;

/**
 * A campaign with its progress, as `GET /campaigns` lists it; with `team`
 * when the list is for one team.
 *
 * @public
 */
export const campaignWithProgressSchema = campaignSchema.extend({
  progress: campaignProgressSchema,
  team: campaignTeamProgressSchema.optional(),
});

/**
 * A campaign with its progress; see {@link campaignWithProgressSchema}.
 *
 * @public
 */
export type CampaignWithProgress = z.infer<typeof campaignWithProgressSchema>;

/**
 * One point of a campaign's burn-up: the counts at one snapshot.
 *
 * @public
 */
export const campaignProgressPointSchema = z.object({
  snapshotId: z.string(),
  computedAt: z.string(),
  inScope: z.number().int(),
  met: z.number().int(),
});

/**
 * One point of a burn-up; see {@link campaignProgressPointSchema}.
 *
 * @public
 */
export type CampaignProgressPoint = z.infer<typeof campaignProgressPointSchema>;

/**
 * The answer of `GET /campaigns/{campaignId}/progress`: the campaign, its
 * progress (or the team's, with `team`), and the burn-up: one point per
 * snapshot that changed the counts, from the start date on, the latest
 * snapshot last.
 *
 * @public
 */
export const campaignProgressReportSchema = z.object({
  campaign: campaignWithProgressSchema,
  points: z.array(campaignProgressPointSchema),
});

/**
 * The answer of `GET /campaigns/{campaignId}/progress`; see
 * {@link campaignProgressReportSchema}.
 *
 * @public
 */
export type CampaignProgressReport = z.infer<
  typeof campaignProgressReportSchema
>;

/**
 * An API in a campaign's scope that does not meet its goal, and why.
 *
 * @public
 */
export const campaignFailingApiSchema = z.object({
  entityRef: z.string(),
  title: z.string(),
  /** The API's owner ref, when it names one. */
  owner: z.string().optional(),
  system: z.string().optional(),
  lifecycle: z.string().optional(),
  reasons: z.array(campaignFailureReasonSchema),
});

/**
 * A failing API of a campaign; see {@link campaignFailingApiSchema}.
 *
 * @public
 */
export type CampaignFailingApi = z.infer<typeof campaignFailingApiSchema>;

/**
 * A campaign an API fails, with why and what to do: the answer of
 * `GET /entities/{kind}/{namespace}/{name}/campaigns` lists these.
 *
 * @public
 */
export const apiCampaignFailureSchema = z.object({
  campaign: campaignWithProgressSchema,
  reasons: z.array(campaignFailureReasonSchema),
});

/**
 * A campaign an API fails; see {@link apiCampaignFailureSchema}.
 *
 * @public
 */
export type ApiCampaignFailure = z.infer<typeof apiCampaignFailureSchema>;

/**
 * The first problem of a campaign request, as `field: message`.
 */
function describeFirstIssue(error: z.ZodError): string {
  const [issue] = error.issues;
  const path = issue.path
    .map((segment, index) =>
      typeof segment === 'number'
        ? `[${segment}]`
        : `${index === 0 ? '' : '.'}${segment}`,
    )
    .join('');
  if (issue.code === z.ZodIssueCode.unrecognized_keys) {
    const field = path ? `${path}.${issue.keys[0]}` : issue.keys[0];
    return `${field}: is not a known field`;
  }
  if (
    issue.code === z.ZodIssueCode.invalid_type &&
    issue.received === 'undefined' &&
    issue.path.length > 0 &&
    !/^is required/.test(issue.message)
  ) {
    return `${path}: is required`;
  }
  return `${path || 'body'}: ${issue.message}`;
}

/**
 * Parses the body of a campaign request: the value, or a message that
 * starts with the field at fault, e.g.
 * `dueDate: must be on or after startDate (2027-01-01)` or
 * `conditions[0].type: must be one of …`.
 *
 * @public
 */
export function parseCampaignRequest(
  body: unknown,
): { ok: true; value: ParsedCampaignRequest } | { ok: false; message: string } {
  const parsed = campaignRequestSchema.safeParse(body);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, message: describeFirstIssue(parsed.error) };
}
