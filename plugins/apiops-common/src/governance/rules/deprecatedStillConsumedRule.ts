import { z } from 'zod';
import type { GovernanceRule } from '../types';
import { listRefs, specString } from './entityFields';

/**
 * Options of {@link deprecatedStillConsumedRule}.
 *
 * @public
 */
export interface DeprecatedStillConsumedOptions {
  /** The `spec.lifecycle` values that mean "deprecated". Default: `deprecated`. */
  lifecycles: string[];
}

const optionsSchema: z.ZodType<
  DeprecatedStillConsumedOptions,
  z.ZodTypeDef,
  unknown
> = z
  .object({
    lifecycles: z
      .array(
        z
          .string({ invalid_type_error: 'must be a list of strings' })
          .trim()
          .min(1, 'must not be blank'),
        { invalid_type_error: 'must be a list of strings' },
      )
      .min(1, 'must name at least one lifecycle')
      .default(() => ['deprecated']),
  })
  .strict();

/**
 * `deprecated-still-consumed`: a deprecated API has no consumers left. The
 * message names the consumers (the first ten, then how many more).
 *
 * @public
 */
export const deprecatedStillConsumedRule: GovernanceRule<DeprecatedStillConsumedOptions> =
  {
    id: 'deprecated-still-consumed',
    title: 'No one consumes the deprecated API',
    description:
      'Reports a deprecated API (option `lifecycles`; `deprecated` by default) that components still consume, naming them, so that its owners can move them to the successor before retiring it.',
    severity: 'warning',
    optionsSchema,
    check({ entity, consumers }, { lifecycles }) {
      if (consumers.length === 0) {
        return [];
      }
      const lifecycle = specString(entity, 'lifecycle');
      if (lifecycle === undefined || !lifecycles.includes(lifecycle)) {
        return [];
      }
      const who =
        consumers.length === 1
          ? consumers[0]
          : `${consumers.length} components: ${listRefs(consumers)}`;
      return [
        {
          message: `The API is ${lifecycle} but still consumed by ${who}`,
          path: 'spec.lifecycle',
          fix: 'Move the consumers to the successor of the API and remove the API from their spec.consumesApis; retire the API once nothing consumes it.',
        },
      ];
    },
  };
