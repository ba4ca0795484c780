import { z } from 'zod';
import type { FragmentationType } from './types';

/**
 * What a dismissal says of a cluster: `not-a-duplicate` (the APIs look alike
 * but are not the same API), or `intended` (the finding is right, and it is
 * on purpose).
 *
 * @public
 */
export const FRAGMENTATION_DISMISSAL_VERDICTS = Object.freeze([
  'not-a-duplicate',
  'intended',
] as const);

/**
 * What a dismissal says of a cluster; see
 * {@link FRAGMENTATION_DISMISSAL_VERDICTS}.
 *
 * @public
 */
export type FragmentationDismissalVerdict =
  (typeof FRAGMENTATION_DISMISSAL_VERDICTS)[number];

/**
 * The longest reason of a dismissal, in characters (after trimming).
 *
 * @public
 */
export const DISMISSAL_REASON_MAX_LENGTH = 1000;

/**
 * The verdicts a cluster of a type may be dismissed with: `not-a-duplicate`
 * only where the finding says two APIs are (partly) the same API
 * (`duplicate`, `overlap`); `intended` for every type.
 *
 * @public
 */
export function dismissalVerdictsFor(
  type: FragmentationType | string,
): FragmentationDismissalVerdict[] {
  return type === 'duplicate' || type === 'overlap'
    ? ['not-a-duplicate', 'intended']
    : ['intended'];
}

/**
 * A dismissal as clusters carry it: present only while it applies (the
 * cluster's members and their definitions are what they were when it was
 * recorded).
 *
 * @public
 */
export const fragmentationDismissalSchema = z.object({
  verdict: z.enum(FRAGMENTATION_DISMISSAL_VERDICTS),
  /** Why the cluster is not a problem, as its dismisser wrote it. */
  reason: z.string(),
  /** Entity ref of the user (or subject of the service) who dismissed it. */
  dismissedBy: z.string(),
  /** When (ISO 8601). */
  dismissedAt: z.string(),
});

/**
 * A dismissal as clusters carry it; see {@link fragmentationDismissalSchema}.
 *
 * @public
 */
export type FragmentationDismissal = z.infer<
  typeof fragmentationDismissalSchema
>;

/**
 * The answer of `PUT /reports/fragmentation/clusters/{clusterId}/dismissal`:
 * the stored dismissal, with the cluster it is for and the fingerprint of
 * the cluster's members it holds for.
 *
 * @public
 */
export const fragmentationDismissalRecordSchema =
  fragmentationDismissalSchema.extend({
    clusterId: z.string(),
    /** The fingerprint of the cluster when it was dismissed. */
    fingerprint: z.string(),
  });

/**
 * The answer of `PUT /reports/fragmentation/clusters/{clusterId}/dismissal`.
 *
 * @public
 */
export type FragmentationDismissalRecord = z.infer<
  typeof fragmentationDismissalRecordSchema
>;

/**
 * The answer of `GET /reports/fragmentation/clusters/{clusterId}/dismissal`:
 * the dismissal recorded for the cluster, and whether it is stale (recorded
 * for another fingerprint: a member's definition changed since, so the
 * cluster is open again).
 *
 * @public
 */
export const fragmentationDismissalStateSchema =
  fragmentationDismissalRecordSchema.extend({
    stale: z.boolean(),
  });

/**
 * The answer of `GET /reports/fragmentation/clusters/{clusterId}/dismissal`.
 *
 * @public
 */
export type FragmentationDismissalState = z.infer<
  typeof fragmentationDismissalStateSchema
>;

/** C0 and C1 control characters and DEL; line breaks and tabs are allowed. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * The body of `PUT /reports/fragmentation/clusters/{clusterId}/dismissal`:
 * a verdict and a reason (trimmed, 1 to
 * {@link DISMISSAL_REASON_MAX_LENGTH} characters, no control characters but
 * line breaks and tabs). Unknown fields are refused.
 *
 * @public
 */
export const fragmentationDismissalRequestSchema = z
  .object({
    verdict: z.enum(FRAGMENTATION_DISMISSAL_VERDICTS, {
      errorMap: () => ({
        message: `must be one of ${FRAGMENTATION_DISMISSAL_VERDICTS.join(
          ', ',
        )}`,
      }),
    }),
    reason: z
      .string({
        required_error: 'is required: say why the cluster is not a problem',
        invalid_type_error: 'must be a string',
      })
      .transform(value => value.trim())
      .superRefine((value, ctx) => {
        if (value.length === 0) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: 'must not be blank: say why the cluster is not a problem',
          });
        } else if (value.length > DISMISSAL_REASON_MAX_LENGTH) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: `must be at most ${DISMISSAL_REASON_MAX_LENGTH} characters`,
          });
        } else if (CONTROL.test(value)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message:
              'must not contain control characters (line breaks and tabs are fine)',
          });
        }
      }),
  })
  .strict();

/**
 * The body of `PUT /reports/fragmentation/clusters/{clusterId}/dismissal`,
 * as parsed (the reason trimmed).
 *
 * @public
 */
export type FragmentationDismissalRequest = z.output<
  typeof fragmentationDismissalRequestSchema
>;

/**
 * Parses a dismissal request: the value, or a message that starts with the
 * field at fault (`reason: must not be blank…`).
 *
 * @public
 */
export function parseFragmentationDismissalRequest(
  body: unknown,
):
  | { ok: true; value: FragmentationDismissalRequest }
  | { ok: false; message: string } {
  const parsed = fragmentationDismissalRequestSchema.safeParse(body);
  if (parsed.success) {
    return { ok: true, value: parsed.data };
  }
  const [issue] = parsed.error.issues;
  if (issue.code === z.ZodIssueCode.unrecognized_keys) {
    return {
      ok: false,
      message: `${issue.keys[0]}: not a field of a dismissal (verdict, reason)`,
    };
  }
  const field = issue.path.length > 0 ? issue.path.join('.') : 'body';
  const message =
    issue.path.length === 0
      ? 'must be an object with verdict and reason'
      : issue.message;
  return { ok: false, message: `${field}: ${message}` };
}
