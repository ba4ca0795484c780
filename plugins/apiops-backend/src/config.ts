import {
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import {
  FragmentationThresholds,
  GovernanceRulesetConfig,
  resolveFragmentationThresholds,
} from '@apiops-backstage/plugin-apiops-common';

/** The plugin's settings, read from `apiops` in app-config (config.d.ts). */
export interface ApiOpsConfig {
  snapshotSchedule: SchedulerServiceTaskScheduleDefinition;
  retentionDays: number;
  ownerPlaceholders?: string[];
  governance: GovernanceRulesetConfig;
  fragmentation: FragmentationThresholds;
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
    fragmentation: readFragmentation(config),
    governance: {
      rules: config
        .getOptionalConfig('apiops.governance.rules')
        ?.get<GovernanceRulesetConfig['rules']>(),
    },
  };
}

function readFragmentation(config: RootConfigService): FragmentationThresholds {
  const overrides =
    config
      .getOptionalConfig('apiops.fragmentation')
      ?.get<Partial<FragmentationThresholds>>() ?? {};
  try {
    return resolveFragmentationThresholds(overrides);
  } catch (error) {
    throw new Error(
      `apiops.fragmentation: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
}
