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
import { DefinitionParserPool } from './fragmentation';

/** The plugin's settings, read from `apiops` in app-config (config.d.ts). */
export interface ApiOpsConfig {
  snapshotSchedule: SchedulerServiceTaskScheduleDefinition;
  retentionDays: number;
  /** Worker threads parsing definitions during a snapshot; 0: none. */
  parserThreads: number;
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
  const {
    retentionDays = 90,
    parserThreads = DefinitionParserPool.defaultThreads(),
    ...schedule
  } = config.getOptionalConfig('apiops.snapshot')?.get<{
    retentionDays?: number;
    parserThreads?: number;
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
  if (
    typeof parserThreads !== 'number' ||
    !Number.isInteger(parserThreads) ||
    parserThreads < 0 ||
    parserThreads > 64
  ) {
    throw new Error(
      'apiops.snapshot.parserThreads must be a whole number from 0 to 64',
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
    parserThreads,
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
