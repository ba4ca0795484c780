import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { durationToMilliseconds } from '@backstage/types';
import { z } from 'zod';
import {
  durationSchema,
  frequencySchema,
  positiveDuration,
  wholeNumber,
  flag,
} from './configSchemas';

/** `apiops.evidence`, read. */
export interface EvidenceConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Time a run takes definitions from the backlog. */
  budgetMs: number;
  threads: number;
  /** Time one definition may take on a thread. */
  definitionTimeoutMs: number;
  maxHeapMb: number;
  /** Whether the method's audit checklist is evaluated on OpenAPI definitions. */
  audit: boolean;
}

/** `apiops.evidence`: the backlog task of the definition evidence (lint, audit). */
export const evidenceSchema = z
  .object({
    frequency: frequencySchema.default({ minutes: 10 }),
    timeout: durationSchema.default({ minutes: 15 }),
    initialDelay: durationSchema.default({ minutes: 1 }),
    budget: positiveDuration.default({ minutes: 5 }),
    threads: wholeNumber(1, 16).default(1),
    definitionTimeout: positiveDuration.default({ seconds: 30 }),
    maxHeapMb: wholeNumber(64, 8192, ' of MB').default(512),
    audit: flag.default(true),
  })
  .strict();

/** `apiops.evidence`, parsed, as the evidence task takes it. */
export function readEvidenceConfig(
  evidence: z.output<typeof evidenceSchema>,
): EvidenceConfig {
  const {
    budget,
    threads,
    definitionTimeout,
    maxHeapMb,
    audit,
    ...evidenceSchedule
  } = evidence;
  return {
    schedule: { ...evidenceSchedule, scope: 'global' },
    budgetMs: durationToMilliseconds(budget),
    threads,
    definitionTimeoutMs: durationToMilliseconds(definitionTimeout),
    maxHeapMb,
    audit,
  };
}
