import { z } from 'zod';
import { DEFAULT_MAX_STORED_DEFINITIONS } from '../database/DefinitionFeatureStore';
import {
  DEFAULT_PARSER_BATCH_TIMEOUT_MS,
  DefinitionParserPool,
} from '../fragmentation';
import {
  durationSchema,
  frequencySchema,
  positiveDuration,
  shown,
  wholeNumber,
} from './configSchemas';

/** `apiops.snapshot`: the schedule of the catalog-wide snapshot and more. */
export const snapshotSchema = z
  .object({
    frequency: frequencySchema.default({ minutes: 30 }),
    timeout: durationSchema.default({ minutes: 10 }),
    initialDelay: durationSchema.default({ seconds: 10 }),
    retentionDays: z
      .number({
        errorMap: (_issue, ctx) => ({
          message: `must be a positive number of days, got ${shown(ctx.data)}`,
        }),
      })
      .positive()
      .finite()
      .default(90),
    parserThreads: wholeNumber(0, 64).default(() =>
      DefinitionParserPool.defaultThreads(),
    ),
    parserBatchTimeout: positiveDuration.default({
      milliseconds: DEFAULT_PARSER_BATCH_TIMEOUT_MS,
    }),
    maxStoredDefinitions: wholeNumber(0, 10_000_000).default(
      DEFAULT_MAX_STORED_DEFINITIONS,
    ),
  })
  .strict();
