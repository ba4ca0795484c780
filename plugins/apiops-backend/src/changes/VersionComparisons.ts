import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ApiVersionComparison,
  ApiVersionFamily,
  ApiVersionMember,
  EntityRefKey,
  FragmentationCluster,
  entityRefKey,
} from '@apiops-backstage/plugin-apiops-common';
import type { ChangeStore } from '../database/ChangeStore';
import type { SnapshotStore } from '../database/SnapshotStore';
import { definitionHashOf } from '../evidence/definitionHash';
import { getEntityOrThrow } from '../services/getEntityOrThrow';
import { ChangeDiffer } from './ChangeDiffer';
import { emptyCounts } from './diffDefinitions';
import type { DefinitionDiff } from './types';

/** Version comparisons kept in memory, by the pair of definition hashes. */
const COMPARISON_CACHE_SIZE = 200;
/** Entity fields a version comparison reads. */
const MEMBER_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.type',
  'spec.definition',
  'spec.lifecycle',
  'spec.owner',
];

/**
 * The version families of the APIs (`/versions`): the live versions of an
 * API (the version-sprawl cluster of the latest snapshot), each consecutive
 * pair compared on a worker thread, the comparisons kept in memory by the
 * pair of definition hashes. The caller checks the permission to read the
 * reports; the catalog read is the caller's own.
 *
 * @internal
 */
export class VersionComparisons {
  private readonly comparisons = new Map<string, DefinitionDiff>();

  private constructor(
    private readonly options: {
      store: ChangeStore;
      snapshots: SnapshotStore;
      catalog: CatalogService;
      logger: LoggerService;
      /** Of `apiops.changes`: the limits of one comparison. */
      settings: {
        timeoutMs: number;
        maxHeapMb: number;
        maxChangesPerEvent: number;
      };
    },
  ) {}

  static create(options: VersionComparisons['options']): VersionComparisons {
    return new VersionComparisons(options);
  }

  /**
   * The API's version family, oldest major first, with each consecutive
   * pair compared (cached by the pair of definition hashes).
   */
  async getVersionFamily(
    entityRef: EntityRefKey,
    credentials: BackstageCredentials,
  ): Promise<ApiVersionFamily> {
    const entity = await getEntityOrThrow(
      this.options.catalog,
      entityRef,
      credentials,
    );
    const key = entityRefKey(entity);
    const clusters = await this.options.snapshots.listClustersOf(key);
    const family = clusters.find(
      (c): c is Extract<FragmentationCluster, { type: 'version-sprawl' }> =>
        c.type === 'version-sprawl',
    );
    const listed = family
      ? [...family.members].sort(
          (a, b) =>
            majorOf(a.version) - majorOf(b.version) ||
            a.entityRef.localeCompare(b.entityRef),
        )
      : [
          {
            entityRef: key,
            title: entity.metadata.title ?? entity.metadata.name,
            version: undefined,
            lifecycle:
              typeof entity.spec?.lifecycle === 'string'
                ? entity.spec.lifecycle
                : undefined,
            owner: undefined as string | undefined,
          },
        ];
    // The caller's own catalog read: members it may not see are left out.
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: listed.map(m => m.entityRef), fields: MEMBER_FIELDS },
      { credentials },
    );
    const members: Array<{ member: ApiVersionMember; entity: Entity }> = [];
    listed.forEach((m, i) => {
      const found = items[i];
      if (!found) return;
      members.push({
        entity: found,
        member: {
          entityRef: m.entityRef,
          ...(m.title ? { title: m.title } : {}),
          major: majorOf(m.version),
          ...(m.lifecycle ? { lifecycle: m.lifecycle } : {}),
          ...ownerOf(m.owner, found),
        },
      });
    });
    // info.version of each member, as the change detection stored it.
    const hashes = members.map(m => definitionHashOf(m.entity));
    const facts = await this.options.store.getFacts(
      hashes.filter((h): h is string => h !== undefined),
    );
    members.forEach(({ member }, i) => {
      const version = hashes[i] ? facts.get(hashes[i]!)?.version : undefined;
      if (version) member.version = version;
    });
    const comparisons: ApiVersionComparison[] = [];
    if (members.length > 1) {
      const differ = ChangeDiffer.create({
        threads: 1,
        timeoutMs: this.options.settings.timeoutMs,
        maxHeapMb: this.options.settings.maxHeapMb,
        logger: this.options.logger,
      });
      try {
        for (let i = 0; i + 1 < members.length; i += 1) {
          comparisons.push(
            await this.compare(
              differ,
              members[i],
              members[i + 1],
              hashes[i],
              hashes[i + 1],
            ),
          );
        }
      } finally {
        await differ.close();
      }
    }
    return { members: members.map(m => m.member), comparisons };
  }

  private async compare(
    differ: ChangeDiffer,
    from: { member: ApiVersionMember; entity: Entity },
    to: { member: ApiVersionMember; entity: Entity },
    fromHash: string | undefined,
    toHash: string | undefined,
  ): Promise<ApiVersionComparison> {
    const base = { from: from.member, to: to.member };
    const none = { counts: emptyCounts(), changes: [], changeCount: 0 };
    const typeOf = (e: Entity) =>
      String(e.spec?.type ?? '').toLocaleLowerCase('en-US');
    if (fromHash === undefined || toHash === undefined) {
      return {
        ...base,
        ...none,
        problem: 'a definition is missing or not text',
      };
    }
    if (typeOf(from.entity) !== typeOf(to.entity)) {
      return {
        ...base,
        ...none,
        problem: `the versions have different types (${typeOf(
          from.entity,
        )}, ${typeOf(to.entity)})`,
      };
    }
    const cacheKey = `${fromHash}\0${toHash}\0${this.options.settings.maxChangesPerEvent}`;
    let diff = this.comparisons.get(cacheKey);
    if (!diff) {
      const outcome = await differ.diff(
        typeOf(from.entity),
        String(from.entity.spec?.definition),
        String(to.entity.spec?.definition),
        {
          maxChanges: this.options.settings.maxChangesPerEvent,
          ignoreVersionSegments: true,
        },
      );
      if (outcome.kind !== 'done') {
        return {
          ...base,
          ...none,
          problem:
            outcome.kind === 'stopped'
              ? outcome.problem
              : 'no worker thread could compare the definitions',
        };
      }
      diff = outcome.value;
      if (this.comparisons.size >= COMPARISON_CACHE_SIZE) {
        this.comparisons.delete(this.comparisons.keys().next().value!);
      }
      this.comparisons.set(cacheKey, diff);
    }
    if (diff.before.version && !from.member.version)
      from.member.version = diff.before.version;
    if (diff.after.version && !to.member.version)
      to.member.version = diff.after.version;
    return {
      ...base,
      counts: diff.counts,
      changes: diff.changes,
      changeCount: diff.changeCount,
      ...(diff.problem ? { problem: diff.problem } : {}),
    };
  }
}

/** The major number of a family member's version key (`2`); 0 without one. */
function majorOf(version: string | undefined): number {
  const n = Number.parseInt(version ?? '', 10);
  return Number.isFinite(n) ? n : 0;
}

/** A family member's owner: the cluster's, else the entity's `spec.owner`. */
function ownerOf(
  owner: string | undefined,
  entity: Entity,
): { owner?: string } {
  if (owner) return { owner };
  return typeof entity.spec?.owner === 'string'
    ? { owner: entity.spec.owner }
    : {};
}
