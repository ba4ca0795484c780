import type { GovernanceRule } from '../types';
import { specString } from './entityFields';

/**
 * `system-present`: the API belongs to a system (`spec.system`).
 *
 * @public
 */
export const systemPresentRule: GovernanceRule = {
  id: 'system-present',
  title: 'The API belongs to a system',
  description:
    'Checks that the API names the system it belongs to in spec.system, so that it shows up with its system and domain and can be compared with its neighbours.',
  severity: 'warning',
  check({ entity }) {
    if (specString(entity, 'system') !== undefined) {
      return [];
    }
    return [
      {
        message: 'The API does not belong to any system',
        path: 'spec.system',
        fix: 'Set spec.system in catalog-info.yaml to the system the API belongs to (e.g. system:default/payments-hub).',
      },
    ];
  },
};
