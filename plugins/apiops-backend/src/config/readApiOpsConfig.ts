import {
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { durationToMilliseconds } from '@backstage/types';
import {
  FINDING_SEVERITIES,
  FragmentationThresholds,
  GovernanceRulesetConfig,
  fragmentationThresholdsSchema,
} from '@apiops-backstage/plugin-apiops-common';
import { z } from 'zod';
import type { ChangeSettings } from '../changes/ChangeService';
import { changesSchema, readChangeSettings } from './changesConfig';
import { shown } from './configSchemas';
import { describeIssues } from './describeIssues';
import {
  EvidenceConfig,
  evidenceSchema,
  readEvidenceConfig,
} from './evidenceConfig';
import {
  NotificationsConfig,
  notificationsSchema,
  readNotificationsConfig,
} from './notificationsConfig';
import { snapshotSchema } from './snapshotConfig';

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
  notifications: NotificationsConfig;
  /** The definition evidence (lint, audit): its own task, budget and threads. */
  evidence: EvidenceConfig;
  /** The change detection (issue 15): `apiops.changes`. */
  changes: ChangeSettings;
}

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
      `Invalid APIOps configuration: ${describeIssues(
        apiOpsConfigSchema,
        result.error.issues,
      ).join('; ')}`,
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
    notifications: readNotificationsConfig(notifications),
    evidence: readEvidenceConfig(evidence),
    changes: readChangeSettings(changes, snapshot.timeout),
  };
}
