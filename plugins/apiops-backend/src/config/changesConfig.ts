import { HumanDuration, durationToMilliseconds } from '@backstage/types';
import { z } from 'zod';
import type { ChangeSettings } from '../changes/ChangeService';
import { CHANGE_RULES } from '../changes/changeFindings';
import { positiveDuration, shown, wholeNumber, flag } from './configSchemas';

/** `apiops.changes`: the change detection of each snapshot. */
export const changesSchema = z
  .object({
    enabled: flag.default(true),
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

/**
 * `apiops.changes`, parsed, as the change detection takes it; its budget
 * within the snapshot's `timeout`.
 */
export function readChangeSettings(
  changes: z.output<typeof changesSchema>,
  snapshotTimeout: HumanDuration,
): ChangeSettings {
  return {
    enabled: changes.enabled,
    threads: changes.threads,
    timeoutMs: durationToMilliseconds(changes.definitionTimeout),
    // Within the snapshot's timeout: at most a third of it, so that a
    // first snapshot of a large catalog (every API a baseline) completes.
    budgetMs: Math.min(
      durationToMilliseconds(changes.budget),
      Math.floor(durationToMilliseconds(snapshotTimeout) / 3),
    ),
    maxHeapMb: changes.maxHeapMb,
    maxChangesPerEvent: changes.maxChangesPerEvent,
    maxEventsPerApi: changes.maxEventsPerApi,
    versionSemantics: changes.versionSemantics,
    severities: changes.rules,
  };
}
