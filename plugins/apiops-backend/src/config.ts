import {
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { GovernanceRulesetConfig } from '@apiops-backstage/plugin-apiops-common';

/** The plugin's settings, read from `apiops` in app-config (config.d.ts). */
export interface ApiOpsConfig {
  snapshotSchedule: SchedulerServiceTaskScheduleDefinition;
  retentionDays: number;
  ownerPlaceholders?: string[];
  governance: GovernanceRulesetConfig;
}

const SCHEDULE_DEFAULTS = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 10 },
};

/** Reads the `apiops` settings, with their defaults. */
export function readApiOpsConfig(config: RootConfigService): ApiOpsConfig {
  const { retentionDays = 90, ...schedule } =
    config.getOptionalConfig('apiops.snapshot')?.get<{
      retentionDays?: number;
    }>() ?? {};
  if (
    typeof retentionDays !== 'number' ||
    !Number.isFinite(retentionDays) ||
    retentionDays <= 0
  ) {
    throw new Error(
      'apiops.snapshot.retentionDays must be a positive number of days',
    );
  }
  return {
    snapshotSchedule: {
      ...readSchedulerServiceTaskScheduleDefinitionFromConfig(
        new ConfigReader({ ...SCHEDULE_DEFAULTS, ...schedule }),
      ),
      scope: 'global',
    },
    retentionDays,
    ownerPlaceholders: config.getOptionalStringArray(
      'apiops.ownership.placeholders',
    ),
    governance: {
      rules: config
        .getOptionalConfig('apiops.governance.rules')
        ?.get<GovernanceRulesetConfig['rules']>(),
    },
  };
}
