import { durationToMilliseconds } from '@backstage/types';
import { z } from 'zod';
import { DEFAULT_MAX_STORED_DEFINITIONS } from '../database/DefinitionFeatureStore';
import {
  DEFAULT_PARSER_BATCH_TIMEOUT_MS,
  DefinitionParserPool,
} from '../fragmentation';
import { durationSchema, frequencySchema, shown } from './configSchemas';

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
    parserThreads: z
      .number({
        errorMap: (_issue, ctx) => ({
          message: `must be a whole number from 0 to 64, got ${shown(
            ctx.data,
          )}`,
        }),
      })
      .int()
      .min(0)
      .max(64)
      .default(() => DefinitionParserPool.defaultThreads()),
    parserBatchTimeout: durationSchema
      .refine(duration => !(durationToMilliseconds(duration) <= 0), {
        message: 'must be a duration longer than zero',
      })
      .default({ milliseconds: DEFAULT_PARSER_BATCH_TIMEOUT_MS }),
    maxStoredDefinitions: z
      .number({
        errorMap: (_issue, ctx) => ({
          message: `must be a whole number from 0 to 10000000, got ${shown(
            ctx.data,
          )}`,
        }),
      })
      .int()
      .min(0)
      .max(10_000_000)
      .default(DEFAULT_MAX_STORED_DEFINITIONS),
  })
  .strict();
