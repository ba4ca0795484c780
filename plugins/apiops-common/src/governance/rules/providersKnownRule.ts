import { stringifyEntityRef } from '@backstage/catalog-model';
import type { GovernanceRule, RuleResult } from '../types';

/**
 * `providers-known`: a component in the catalog provides the API, and every
 * component said to provide it exists.
 *
 * @public
 */
export const providersKnownRule: GovernanceRule = {
  id: 'providers-known',
  title: 'The components providing the API are known',
  description:
    'Reports an API that no component provides (nobody can tell what runs it) and every providing component that the catalog does not have.',
  severity: 'warning',
  check({ entity, providers }) {
    if (providers.length === 0) {
      const apiRef = stringifyEntityRef(entity);
      return [
        {
          message: 'No component in the catalog provides the API',
          fix: `Add ${apiRef} to spec.providesApis of the component that implements the API (in that component's catalog-info.yaml), and register the component if it is not in the catalog.`,
        },
      ];
    }
    const results: RuleResult[] = [];
    for (const provider of providers) {
      if (!provider.exists) {
        results.push({
          message: `The providing component ${provider.ref} is not in the catalog`,
          fix: `Register ${provider.ref} in the catalog, or correct the reference to it in spec.providesApis if the API is provided by another component.`,
        });
      }
    }
    return results;
  },
};
