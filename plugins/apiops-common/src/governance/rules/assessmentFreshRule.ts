import { z } from 'zod';
import type { FindingSeverity, GovernanceRule } from '../types';

/**
 * Options of {@link assessmentFreshRule}.
 *
 * @public
 */
export interface AssessmentFreshOptions {
  /** The age, in whole days, past which an assessment is stale. Default: 180. */
  maxAgeDays: number;
  /**
   * What to report about an API that was never assessed: `off` (the
   * default: nothing) or the severity of a "never assessed" finding.
   */
  neverAssessed: 'off' | FindingSeverity;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const optionsSchema: z.ZodType<AssessmentFreshOptions, z.ZodTypeDef, unknown> =
  z
    .object({
      maxAgeDays: z
        .number({ invalid_type_error: 'must be a number of days' })
        .int('must be a whole number of days')
        .min(1, 'must be at least 1 day')
        .default(180),
      neverAssessed: z
        .enum(['off', 'error', 'warning', 'info'], {
          errorMap: () => ({
            message: 'must be one of off, error, warning, info',
          }),
        })
        .default('off'),
    })
    .strict();

function day(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/**
 * `assessment-fresh`: the API's latest assessment is recent.
 *
 * Decision: an API that was never assessed gets no finding by default
 * (option `neverAssessed`): adoption of the method is a rollout matter for
 * the platform team, shown by the station reports, not a governance problem
 * of each API; with a finding, every API of a fresh installation would need
 * attention.
 *
 * @public
 */
export const assessmentFreshRule: GovernanceRule<AssessmentFreshOptions> = {
  id: 'assessment-fresh',
  title: "The API's assessment is recent",
  description:
    'Reports an API whose latest assessment is older than `maxAgeDays` (180 by default): where it stands on the cycle may no longer be true. APIs that were never assessed are reported only when `neverAssessed` is set to a severity.',
  severity: 'warning',
  optionsSchema,
  check({ latestAssessment, station, now }, { maxAgeDays, neverAssessed }) {
    if (!latestAssessment) {
      if (neverAssessed === 'off') {
        return [];
      }
      return [
        {
          message:
            station.source === 'annotation'
              ? `The API has never been assessed; its station ${station.id} is only declared by an annotation`
              : 'The API has never been assessed',
          severity: neverAssessed,
          fix: "Record an assessment in the API's APIOps tab (or from CI through the APIOps REST API), answering the criteria of the cycle's stations.",
        },
      ];
    }
    const recordedAt = Date.parse(latestAssessment.createdAt);
    if (Number.isNaN(recordedAt)) {
      return [
        {
          message: `The date of the latest assessment, '${latestAssessment.createdAt}', cannot be read`,
          fix: "Record a new assessment in the API's APIOps tab.",
        },
      ];
    }
    const ageDays = Math.floor((now.getTime() - recordedAt) / DAY_MS);
    if (ageDays <= maxAgeDays) {
      return [];
    }
    return [
      {
        message: `The latest assessment is ${ageDays} days old (recorded on ${day(
          recordedAt,
        )}); assessments older than ${maxAgeDays} days are stale`,
        fix: `Re-assess the API in its APIOps tab to confirm or update its station (${latestAssessment.station}).`,
      },
    ];
  },
};
