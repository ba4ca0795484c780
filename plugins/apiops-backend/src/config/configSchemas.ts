import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { ConfigReader, readDurationFromConfig } from '@backstage/config';
import {
  HumanDuration,
  JsonValue,
  durationToMilliseconds,
} from '@backstage/types';
import { z } from 'zod';

/** A configured value as a message shows it: strings and objects as JSON. */
export function shown(value: unknown): string {
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

/** A switch (`enabled`, `owasp`): true or false, nothing else. */
export const flag = z.boolean({
  errorMap: (_issue, ctx) => ({
    message: `must be true or false, got ${shown(ctx.data)}`,
  }),
});

/** A duration, as `readSchedulerServiceTaskScheduleDefinitionFromConfig` takes it. */
export const durationSchema = z.unknown().transform(toDuration);

/** A schedule's frequency: a cron expression, manual only, or a duration. */
export const frequencySchema = z
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

/** A duration longer than zero. */
export const positiveDuration = durationSchema.refine(
  duration => !(durationToMilliseconds(duration) <= 0),
  { message: 'must be a duration longer than zero' },
);

/** A whole number in a range, with a message naming the range. */
export function wholeNumber(min: number, max: number, what = '') {
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
