import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/**
 * The most refs of one catalog read. The catalog client splits larger
 * requests itself; this keeps each read (and its response) small.
 *
 * @internal
 */
export const VISIBILITY_BATCH_SIZE = 200;

/**
 * Which of some entity refs one caller may read in the catalog, for the
 * lifetime of one request.
 *
 * @internal
 */
export interface EntityVisibility {
  /** Everything is visible (the policy allows every catalog read). */
  readonly all: boolean;
  /** The refs of `refs` the caller may read, in batches with its credentials. */
  visible(refs: Iterable<string>): Promise<Set<string>>;
}

/**
 * Decides what a caller may see of the reports: the APIs and groups it may
 * read in the catalog. One conditional decision on `catalog.entity.read` per
 * request: an `ALLOW` shows everything with no further call, a `DENY` shows
 * nothing, a `CONDITIONAL` asks the catalog with the caller's credentials,
 * which applies the conditions and leaves out what the caller may not read.
 *
 * Service credentials take the same path: the permission framework answers
 * them at once (allow, or deny by the token's access restrictions), never
 * conditionally, so a pipeline sees what its token lets it read.
 *
 * @internal
 */
export class CatalogVisibility {
  private constructor(
    private readonly permissions: PermissionsService,
    private readonly catalog: CatalogService,
    private readonly batchSize: number,
  ) {}

  static create(options: {
    permissions: PermissionsService;
    catalog: CatalogService;
    /** Refs per catalog read; {@link VISIBILITY_BATCH_SIZE} by default. */
    batchSize?: number;
  }): CatalogVisibility {
    return new CatalogVisibility(
      options.permissions,
      options.catalog,
      options.batchSize ?? VISIBILITY_BATCH_SIZE,
    );
  }

  /**
   * The visibility of the catalog for one caller. Ask once per request; the
   * answer remembers the refs it has checked.
   */
  async forCaller(
    credentials: BackstageCredentials,
  ): Promise<EntityVisibility> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) {
      return { all: true, visible: async refs => new Set(refs) };
    }
    if (decision.result === AuthorizeResult.DENY) {
      return { all: false, visible: async () => new Set() };
    }
    const known = new Map<string, boolean>();
    return {
      all: false,
      visible: async refs => {
        const wanted = [...refs];
        const unknown = [...new Set(wanted)].filter(ref => !known.has(ref));
        for (let i = 0; i < unknown.length; i += this.batchSize) {
          const batch = unknown.slice(i, i + this.batchSize);
          const { items } = await this.catalog.getEntitiesByRefs(
            { entityRefs: batch, fields: ['kind', 'metadata.name'] },
            { credentials },
          );
          batch.forEach((ref, index) => known.set(ref, Boolean(items[index])));
        }
        return new Set(wanted.filter(ref => known.get(ref)));
      },
    };
  }
}
