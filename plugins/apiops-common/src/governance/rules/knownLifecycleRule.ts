import { z } from 'zod';
import type { GovernanceRule } from '../types';
import { specString } from './entityFields';

/**
 * Options of {@link knownLifecycleRule}.
 *
 * @public
 */
export interface KnownLifecycleOptions {
  /**
   * The lifecycle values in use, compared case-sensitively. Default:
   * `experimental`, `production`, `deprecated` (Backstage's own).
   */
  values: string[];
}

const DEFAULT_LIFECYCLES = ['experimental', 'production', 'deprecated'];

const optionsSchema: z.ZodType<KnownLifecycleOptions, z.ZodTypeDef, unknown> = z
  .object({
    values: z
      .array(
        z
          .string({ invalid_type_error: 'must be a list of strings' })
          .trim()
          .min(1, 'must not be blank'),
        { invalid_type_error: 'must be a list of strings' },
      )
      .min(1, 'must name at least one lifecycle')
      .default(() => [...DEFAULT_LIFECYCLES]),
  })
  .strict();

/**
 * `known-lifecycle`: `spec.lifecycle` is one of the organization's values.
 *
 * @public
 */
export const knownLifecycleRule: GovernanceRule<KnownLifecycleOptions> = {
  id: 'known-lifecycle',
  title: 'The API has a known lifecycle',
  description:
    "Checks that spec.lifecycle is one of the configured values (option `values`; Backstage's experimental, production and deprecated by default), so that consumers can tell whether they may rely on the API.",
  severity: 'warning',
  optionsSchema,
  check({ entity }, { values }) {
    const lifecycle = specString(entity, 'lifecycle');
    const known = values.join(', ');
    if (lifecycle === undefined) {
      return [
        {
          message: 'The API has no spec.lifecycle',
          path: 'spec.lifecycle',
          fix: `Set spec.lifecycle in catalog-info.yaml to one of ${known}.`,
        },
      ];
    }
    if (values.includes(lifecycle)) {
      return [];
    }
    const lower = lifecycle.toLocaleLowerCase('en-US');
    const sameButCase = values.find(
      value => value.toLocaleLowerCase('en-US') === lower,
    );
    return [
      {
        message: `spec.lifecycle '${lifecycle}' is not a known lifecycle (${known})`,
        path: 'spec.lifecycle',
        fix: sameButCase
          ? `Set spec.lifecycle in catalog-info.yaml to '${sameButCase}': lifecycle values are case-sensitive.`
          : `Set spec.lifecycle in catalog-info.yaml to one of ${known}.`,
      },
    ];
  },
};
