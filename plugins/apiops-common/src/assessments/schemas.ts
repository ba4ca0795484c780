import { z } from 'zod';
import { CRITERION_ANSWERS } from '../method/types';
import type { AssessmentRequest } from './types';

/**
 * The bounds {@link assessmentRequestSchema} enforces, for forms that want to
 * stop input early (e.g. `maxLength` on a text field).
 *
 * @public
 */
export const assessmentRequestLimits = Object.freeze({
  /** Most criteria in one of `answers`, `evidence` or `notes`. */
  maxCriteria: 100,
  /** Longest criterion id and cycle id. */
  maxIdLength: 100,
  /** Longest evidence URL. */
  maxEvidenceUrlLength: 2048,
  /** Longest note on one criterion. */
  maxCriterionNoteLength: 2000,
  /** Longest note on the whole assessment. */
  maxNoteLength: 4000,
});

const KEBAB_CASE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const limits = assessmentRequestLimits;

function kebabCaseId(what: string) {
  return z
    .string({ invalid_type_error: `must be a ${what} id (a string)` })
    .superRefine((value, ctx) => {
      if (value.length > limits.maxIdLength) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must be at most ${limits.maxIdLength} characters`,
        });
      } else if (!KEBAB_CASE_ID.test(value)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must be a kebab-case ${what} id (a-z, 0-9 and single dashes)`,
        });
      }
    });
}

function text(maxLength: number) {
  return z
    .string({ invalid_type_error: 'must be a string' })
    .superRefine((value, ctx) => {
      if (value.length > maxLength) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must be at most ${maxLength} characters`,
        });
      } else if (value.trim().length === 0) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: 'must not be blank',
        });
      } else if (value.includes('\u0000')) {
        // PostgreSQL cannot store it in text.
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: 'must not contain the NUL character (U+0000)',
        });
      }
    });
}

/** Whitespace, C0 controls or DEL: never part of a URL written out. */
function hasSpaceOrControl(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f) return true;
  }
  return /\s/.test(value);
}

/**
 * What is wrong with an evidence link, in the words of a validation message,
 * or `undefined` when the backend accepts it: an absolute `http:`/`https:`
 * URL with a host, no credentials, no spaces, not too long.
 *
 * @public
 */
export function evidenceUrlProblem(value: string): string | undefined {
  if (value.length > limits.maxEvidenceUrlLength) {
    return `must be at most ${limits.maxEvidenceUrlLength} characters`;
  }
  if (hasSpaceOrControl(value)) {
    return 'must be an http(s) URL without spaces';
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute http(s) URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return 'must be an http(s) URL';
  }
  if (!url.hostname) {
    return 'must be an http(s) URL with a host';
  }
  if (url.username || url.password) {
    return 'must not contain credentials';
  }
  return undefined;
}

/**
 * Whether a value is an evidence link the backend accepts (see
 * {@link evidenceUrlProblem}).
 *
 * @public
 */
export function isEvidenceUrl(value: string): boolean {
  return evidenceUrlProblem(value) === undefined;
}

const evidenceUrl = z
  .string({ invalid_type_error: 'must be an http(s) URL (a string)' })
  .superRefine((value, ctx) => {
    const problem = evidenceUrlProblem(value);
    if (problem) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    }
  });

const criterionAnswer = z.enum(CRITERION_ANSWERS, {
  errorMap: () => ({
    message: `must be one of ${CRITERION_ANSWERS.join(', ')}`,
  }),
});

function criterionMap<T extends z.ZodTypeAny>(value: T, required: boolean) {
  return z
    .record(kebabCaseId('criterion'), value, {
      required_error: 'is required',
      invalid_type_error: 'must be an object keyed by criterion id',
    })
    .superRefine((map, ctx) => {
      const size = Object.keys(map).length;
      if (size > limits.maxCriteria) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must have at most ${limits.maxCriteria} criteria`,
        });
      } else if (required && size === 0) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: 'must answer at least one criterion',
        });
      }
    });
}

/**
 * The shape of an {@link AssessmentRequest}, as a zod schema.
 *
 * It checks the shape only: that every criterion id in `evidence` and
 * `notes` also has an answer, but not that the method's cycle defines it
 * (the backend does that). Rules:
 *
 * - `answers` is required and answers at least one criterion; each value is
 *   `met`, `not-met` or `unknown`.
 * - Criterion ids (the keys of `answers`, `evidence`, `notes`) and `cycle`
 *   are kebab-case ids (`^[a-z0-9]+(-[a-z0-9]+)*$`) of at most 100
 *   characters; each map has at most 100 entries.
 * - `evidence` values are absolute `http:` or `https:` URLs with a host, no
 *   credentials and no spaces, at most 2048 characters.
 * - `notes` values (at most 2000 characters) and `note` (at most 4000) are
 *   not blank and have no NUL character.
 * - Fields other than `cycle`, `answers`, `evidence`, `notes`, `note` are
 *   rejected.
 *
 * Each issue's message is written to follow the field's path, as
 * {@link describeZodError} does:
 * `answers.api-design: must be one of met, not-met, unknown`.
 *
 * @public
 */
export const assessmentRequestSchema: z.ZodType<
  AssessmentRequest,
  z.ZodTypeDef,
  unknown
> = z
  .object(
    {
      cycle: kebabCaseId('cycle').optional(),
      answers: criterionMap(criterionAnswer, true),
      evidence: criterionMap(evidenceUrl, false).optional(),
      notes: criterionMap(
        text(limits.maxCriterionNoteLength),
        false,
      ).optional(),
      note: text(limits.maxNoteLength).optional(),
    },
    {
      required_error: 'must be a JSON object',
      invalid_type_error: 'must be a JSON object',
    },
  )
  .strict()
  .superRefine((request, ctx) => {
    for (const field of ['evidence', 'notes'] as const) {
      for (const criterionId of Object.keys(request[field] ?? {})) {
        if (!Object.hasOwn(request.answers, criterionId)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: [field, criterionId],
            message: 'must be for a criterion that has an answer in answers',
          });
        }
      }
    }
  });

const MAX_SEGMENT_LENGTH = 64;
const PLAIN_SEGMENT = /^[A-Za-z0-9_-]+$/;
const MAX_DESCRIBED_ISSUES = 3;

/**
 * Formats the path of a zod issue as a field name: `answers.api-design`,
 * `items[0]`, `evidence["Not An Id"]`; `body` for the value as a whole.
 * Long segments are cut short so that a message never echoes a huge key.
 */
function formatZodIssuePath(path: ReadonlyArray<string | number>): string {
  let field = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      field += `[${segment}]`;
      continue;
    }
    const shown =
      segment.length > MAX_SEGMENT_LENGTH
        ? `${segment.slice(0, MAX_SEGMENT_LENGTH)}…`
        : segment;
    if (PLAIN_SEGMENT.test(segment)) {
      field += field ? `.${shown}` : shown;
    } else {
      field += `[${JSON.stringify(shown)}]`;
    }
  }
  return field || 'body';
}

function describeIssue(issue: z.ZodIssue): { field: string; message: string } {
  if (issue.code === z.ZodIssueCode.unrecognized_keys) {
    const field = formatZodIssuePath([...issue.path, issue.keys[0]]);
    const others =
      issue.keys.length > 1 ? ` (and ${issue.keys.length - 1} more)` : '';
    return { field, message: `is not a known field${others}` };
  }
  if (
    issue.code === z.ZodIssueCode.invalid_type &&
    issue.received === 'undefined' &&
    issue.path.length > 0
  ) {
    return { field: formatZodIssuePath(issue.path), message: 'is required' };
  }
  return { field: formatZodIssuePath(issue.path), message: issue.message };
}

/**
 * Describes a zod error in one line, each issue prefixed with the field it
 * is about, e.g.
 * `answers.api-design: must be one of met, not-met, unknown; evidence.market-research-done: must be an http(s) URL`.
 * At most three issues are spelled out.
 *
 * @public
 */
export function describeZodError(error: z.ZodError): string {
  const described = error.issues
    .slice(0, MAX_DESCRIBED_ISSUES)
    .map(issue => {
      const { field, message } = describeIssue(issue);
      return `${field}: ${message}`;
    })
    .join('; ');
  const more = error.issues.length - MAX_DESCRIBED_ISSUES;
  return more > 0 ? `${described} (and ${more} more)` : described;
}

/**
 * The result of {@link parseAssessmentRequest}: the request, or the first
 * field at fault and a message naming it (for a 400 answer).
 *
 * @public
 */
export type AssessmentRequestParseResult =
  | { ok: true; value: AssessmentRequest }
  | {
      ok: false;
      /** Path of the first field at fault, e.g. `answers.api-design`. */
      field: string;
      /** Every problem found (up to three), each prefixed with its field. */
      message: string;
      /** zod's issues, for machine use. */
      issues: z.ZodIssue[];
    };

/**
 * Checks the shape of an assessment request body (see
 * {@link assessmentRequestSchema}) without throwing.
 *
 * @public
 */
export function parseAssessmentRequest(
  body: unknown,
): AssessmentRequestParseResult {
  const result = assessmentRequestSchema.safeParse(body);
  if (result.success) {
    return { ok: true, value: result.data };
  }
  return {
    ok: false,
    field: describeIssue(result.error.issues[0]).field,
    message: describeZodError(result.error),
    issues: result.error.issues,
  };
}

/**
 * A recorded assessment, as the REST API and the MCP tools answer it.
 *
 * @public
 */
export const assessmentSchema = z.object({
  id: z.string(),
  entityRef: z.string(),
  cycle: z.string(),
  station: z.string(),
  answers: z.record(z.enum(CRITERION_ANSWERS)),
  evidence: z.record(z.string()),
  notes: z.record(z.string()),
  note: z.string().optional(),
  assessedBy: z.string(),
  createdAt: z.string(),
});
