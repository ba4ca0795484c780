import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ApiConsumer,
  EntityRefKey,
  OwnershipIndex,
  keyOf,
  relationKeys,
  systemOf,
  tryEntityRefKey,
} from '@apiops-backstage/plugin-apiops-common';
import type { EventLoopYielder } from '../fragmentation/EventLoopYielder';

/** Entity fields the snapshot reads of groups, users and components. */
export const ORG_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.type',
  'spec.owner',
  'spec.parent',
  'spec.children',
  'spec.memberOf',
  'spec.profile.displayName',
  'spec.providesApis',
  'spec.consumesApis',
  'spec.domain',
  'spec.system',
  'relations',
];

/** The kinds the snapshot reads besides APIs. */
export const ORG_KINDS = [
  'Group',
  'User',
  'Component',
  'System',
  'Domain',
  'Resource',
] as const;

/**
 * What the snapshot knows of the catalog around its APIs: who owns what, who
 * provides and consumes each API, and the system and domain of each API.
 * Every lookup is by {@link EntityRefKey}, and each concept has one
 * definition here.
 *
 * @internal
 */
export interface CatalogIndex {
  /** Owners, groups, users and the components declaring each API. */
  readonly ownership: OwnershipIndex;
  /**
   * The components providing an API: those declaring it (which exist), and
   * those the API's own `apiProvidedBy` relations name (which may not).
   */
  providersOf(api: Entity): Array<{ ref: string; exists: boolean }>;
  /** The refs of the components consuming an API. */
  consumersOf(api: Entity): string[];
  /**
   * The components consuming an API, with their titles, systems and owners
   * (for the consumers of a change).
   */
  consumerDetailsOf(api: Entity): ApiConsumer[];
  /** The API's system: {@link systemOf}. */
  systemOf(api: Entity): EntityRefKey | undefined;
  /** The domain of the API's system, if the system names one. */
  domainOf(api: Entity): EntityRefKey | undefined;
}

/**
 * Streams the groups, users, components, systems, domains and resources of
 * the catalog into a {@link CatalogIndex}.
 *
 * @internal
 */
export async function buildCatalogIndex(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  /** Lets the event loop run between entities of a long page. */
  yielder?: EventLoopYielder,
): Promise<CatalogIndex> {
  const builder = OwnershipIndex.builder();
  const consumers = new Map<EntityRefKey, string[]>();
  const consumerDetails = new Map<string, ApiConsumer>();
  const systemDomains = new Map<EntityRefKey, EntityRefKey>();
  for await (const page of catalog.streamEntities(
    { filter: { kind: [...ORG_KINDS] }, fields: ORG_FIELDS },
    { credentials },
  )) {
    for (const entity of page) {
      if (yielder?.due) await yielder.yield();
      builder.add(entity);
      const kind = entity.kind.toLocaleLowerCase('en-US');
      if (kind === 'system') {
        const domain = domainOfSystem(entity);
        if (domain) systemDomains.set(keyOf(entity), domain);
      } else if (kind === 'component') {
        const componentRef = stringifyEntityRef(entity);
        const consumed = consumedApis(entity);
        if (consumed.size > 0) {
          const system = systemOf(entity);
          const owner = tryEntityRefKey(entity.spec?.owner, {
            defaultKind: 'group',
            defaultNamespace: entity.metadata.namespace,
          });
          consumerDetails.set(componentRef, {
            entityRef: componentRef,
            ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
            ...(system ? { system } : {}),
            ...(owner ? { owner } : {}),
          });
        }
        for (const apiKey of consumed) {
          const list = consumers.get(apiKey);
          if (list) list.push(componentRef);
          else consumers.set(apiKey, [componentRef]);
        }
      }
    }
  }
  const ownership = builder.build();
  return {
    ownership,
    providersOf: api => providersOf(api, ownership),
    consumersOf: api => consumers.get(keyOf(api)) ?? [],
    consumerDetailsOf: api =>
      (consumers.get(keyOf(api)) ?? []).map(
        ref => consumerDetails.get(ref) ?? { entityRef: ref },
      ),
    systemOf,
    domainOf: api => {
      const system = systemOf(api);
      return system ? systemDomains.get(system) : undefined;
    },
  };
}

/**
 * A system's domain: the target of its `partOf` relation to a domain, else
 * its `spec.domain` (before the catalog has made the relation).
 */
function domainOfSystem(system: Entity): EntityRefKey | undefined {
  return (
    relationKeys(system, 'partOf').find(key => key.startsWith('domain:')) ??
    tryEntityRefKey(system.spec?.domain, {
      defaultKind: 'domain',
      defaultNamespace: system.metadata.namespace,
    })
  );
}

/**
 * The APIs a component consumes, from its `consumesApi` relations or, where
 * the catalog has not made them, `spec.consumesApis`.
 */
function consumedApis(component: Entity): Set<EntityRefKey> {
  const keys = new Set(relationKeys(component, 'consumesApi'));
  const declared = component.spec?.consumesApis;
  if (Array.isArray(declared)) {
    for (const ref of declared) {
      const key = tryEntityRefKey(ref, {
        defaultKind: 'api',
        defaultNamespace: component.metadata.namespace,
      });
      if (key) keys.add(key);
    }
  }
  return keys;
}

function providersOf(
  api: Entity,
  ownership: OwnershipIndex,
): Array<{ ref: string; exists: boolean }> {
  const declared = new Set(ownership.getProviders(keyOf(api)));
  const providers = [...declared].map(ref => ({ ref, exists: true }));
  for (const ref of relationKeys(api, 'apiProvidedBy')) {
    if (!declared.has(ref)) {
      declared.add(ref);
      providers.push({ ref, exists: ownership.getOwner(ref) !== undefined });
    }
  }
  return providers;
}
