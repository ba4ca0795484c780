import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CampaignScope,
  DEFAULT_METHOD_CYCLE,
  ParsedCampaignRequest,
  tryEntityRefKey,
} from '@apiops-backstage/plugin-apiops-common';
import { CampaignInput } from '../database/CampaignStore';
import { MethodCatalog } from '../method';

/** The kind of the refs of each scope dimension. */
const SCOPE_KINDS = {
  teams: 'group',
  systems: 'system',
  domains: 'domain',
} as const;

/**
 * A parsed campaign request as it is stored: every station of a condition
 * is a core station of its cycle and every rule id a rule the backend has;
 * the scope's refs are full lower-case refs of entities the caller may read
 * in the catalog (groups, systems, domains), and its lifecycles lower case,
 * each once. Any other value is an `InputError` naming its field
 * (`conditions[0].station`, `scope.teams[1]`).
 *
 * @internal
 */
export async function checkCampaignReferences(
  request: ParsedCampaignRequest,
  deps: {
    method: MethodCatalog;
    ruleIds: ReadonlySet<string>;
    catalog: CatalogService;
    credentials: BackstageCredentials;
  },
): Promise<CampaignInput> {
  const { method, ruleIds } = deps;
  request.conditions.forEach((condition, index) => {
    const field = `conditions[${index}]`;
    if (condition.type === 'station-at-least') {
      const cycle = condition.cycle ?? DEFAULT_METHOD_CYCLE;
      if (!method.hasCycle(cycle)) {
        throw new InputError(
          `${field}.cycle: unknown APIOps Cycles cycle '${cycle}'; expected one of ${method
            .listCycles()
            .join(', ')}`,
        );
      }
      const stations = method.coreStations(cycle);
      if (!stations.includes(condition.station)) {
        throw new InputError(
          `${field}.station: '${
            condition.station
          }' is not a station of the cycle '${cycle}'; expected one of ${stations.join(
            ', ',
          )}`,
        );
      }
    } else if (
      condition.type === 'no-finding' &&
      condition.ruleId !== undefined &&
      !ruleIds.has(condition.ruleId)
    ) {
      throw new InputError(
        `${field}.ruleId: no governance rule '${condition.ruleId}'; GET /rules lists them`,
      );
    }
  });

  const scope: CampaignScope = {};
  for (const dimension of ['teams', 'systems', 'domains'] as const) {
    const values = request.scope[dimension];
    if (values) {
      scope[dimension] = await checkRefs(
        values,
        SCOPE_KINDS[dimension],
        `scope.${dimension}`,
        deps,
      );
    }
  }
  if (request.scope.lifecycles) {
    scope.lifecycles = [
      ...new Set(
        request.scope.lifecycles.map(value => value.toLocaleLowerCase('en-US')),
      ),
    ];
  }
  return {
    title: request.title,
    ...(request.description ? { description: request.description } : {}),
    conditions: request.conditions,
    scope,
    startDate: request.startDate,
    dueDate: request.dueDate,
  };
}

/**
 * The refs as lower-case full refs of the kind, each once; an `InputError`
 * naming the first that is not a ref of the kind or not an entity the
 * caller may read.
 */
async function checkRefs(
  values: readonly string[],
  kind: string,
  field: string,
  deps: { catalog: CatalogService; credentials: BackstageCredentials },
): Promise<string[]> {
  const keys = values.map((value, index) => {
    const key = tryEntityRefKey(value, {
      defaultKind: kind,
      defaultNamespace: 'default',
    });
    if (!key) {
      throw new InputError(
        `${field}[${index}]: '${value}' is not an entity ref`,
      );
    }
    if (!key.startsWith(`${kind}:`)) {
      throw new InputError(
        `${field}[${index}]: '${value}' is not a ${kind}; give a ${kind} ref such as ${kind}:default/name`,
      );
    }
    return key;
  });
  const { items } = await deps.catalog.getEntitiesByRefs(
    { entityRefs: keys, fields: ['kind', 'metadata.name'] },
    { credentials: deps.credentials },
  );
  items.forEach((item, index) => {
    if (!item) {
      throw new InputError(
        `${field}[${index}]: no ${kind} ${keys[index]} in the catalog`,
      );
    }
  });
  return [...new Set(keys)];
}
