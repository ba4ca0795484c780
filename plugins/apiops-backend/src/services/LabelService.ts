import {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ApiLabelGroup,
  ApiLabels,
  apiopsReportReadPermission,
  EntityRefKey,
  GovernanceRuleset,
  GovernanceStatus,
  OwnerGapType,
} from '@apiops-backstage/plugin-apiops-common';
import { AssessmentStore } from '../database/AssessmentStore';
import { SnapshotStore, StoredApiLabel } from '../database/SnapshotStore';
import { resolveStation } from '../lifecycle/resolveStation';
import { MethodCatalog } from '../method';
import {
  evaluateApi,
  storedEvidenceFindings,
} from '../snapshot/evaluateApi';
import { CatalogVisibility } from './CatalogVisibility';
import { requirePermission } from './requirePermission';

/** The three values of one API; the last two absent before a snapshot saw it. */
type ApiLabel = Pick<StoredApiLabel, 'entityRef' | 'station'> &
  Partial<Pick<StoredApiLabel, 'governance' | 'ownershipGap'>>;

/**
 * What {@link LabelService} reads from.
 *
 * @internal
 */
export interface LabelServiceOptions {
  catalog: CatalogService;
  /** For the plugin's own credentials, to read the assessed entities. */
  auth: AuthService;
  assessments: AssessmentStore;
  snapshots: SnapshotStore;
  method: MethodCatalog;
  ruleset: GovernanceRuleset;
  permissions: PermissionsService;
  visibility: CatalogVisibility;
}

/**
 * The station, governance status and ownership gap of every API, for the
 * catalog module that turns them into labels (`GET /reports/labels`).
 *
 * The values are those of the latest snapshot, overlaid with the
 * assessments recorded since it started: such an API is evaluated again
 * with the same `evaluateApi` as `GET …/status` (its entity read from the
 * catalog with the plugin's own credentials, the rule inputs the snapshot
 * kept), so a new station shows at once. An API that no snapshot has seen
 * but that has been assessed gets its station only.
 *
 * The answer's version (`etag`) is the id of the snapshot, of the latest
 * assessment and of the latest refresh of one API: three indexed reads. A caller that sends the version it has
 * gets no answer while nothing changed. Needs `apiops.report.read`; a caller
 * that may not read the whole catalog gets the APIs it may read, and no
 * version from here (it does not cover what the caller may read; the HTTP
 * layer's ETag of the content applies instead).
 *
 * @internal
 */
export class LabelService {
  private constructor(private readonly options: LabelServiceOptions) {}

  static create(options: LabelServiceOptions): LabelService {
    return new LabelService(options);
  }

  /**
   * The labels of every API the caller may read, grouped by their values;
   * only the `etag` when `ifNoneMatch` names the current version.
   */
  async getLabels(
    credentials: BackstageCredentials,
    options: { ifNoneMatch?: string } = {},
  ): Promise<{ etag?: string; labels?: ApiLabels }> {
    const { permissions, snapshots, assessments } = this.options;
    await requirePermission(permissions, credentials, {
      permission: apiopsReportReadPermission,
    });
    const visibility = await this.options.visibility.forCaller(credentials);

    let etag: string | undefined;
    if (visibility.all) {
      // Read before the labels: a change in between makes the next request
      // read again, never miss a change.
      const [info, lastAssessment, lastRefresh] = await Promise.all([
        snapshots.getInfo(),
        assessments.lastId(),
        snapshots.lastRefreshId(),
      ]);
      etag = `W/"labels-${info.id ?? 0}-${lastAssessment ?? 0}-${
        lastRefresh ?? 0
      }"`;
      if (matchesEtag(options.ifNoneMatch, etag)) {
        return { etag };
      }
    }

    const stored = await snapshots.listApiLabels();
    const byRef = new Map<string, ApiLabel>(
      stored.apis.map(api => [api.entityRef, api]),
    );
    for (const label of await this.assessedSince(
      stored.snapshot?.startedAt ?? new Date(0),
    )) {
      byRef.set(label.entityRef, {
        ...byRef.get(label.entityRef),
        ...label,
      });
    }

    let apis = [...byRef.values()];
    if (!visibility.all) {
      const visible = await visibility.visible(byRef.keys());
      apis = apis.filter(api => visible.has(api.entityRef));
    }
    return {
      etag,
      labels: {
        snapshotId: stored.snapshot?.id,
        computedAt: stored.snapshot?.computedAt,
        groups: groupByValues(apis),
      },
    };
  }

  /**
   * The new values of the APIs assessed at or after a time: station and
   * governance evaluated again, as `GET …/status` does. APIs that are no
   * longer in the catalog are left out.
   */
  private async assessedSince(since: Date): Promise<ApiLabel[]> {
    const { assessments, snapshots, catalog, auth, method, ruleset } =
      this.options;
    const latest = await assessments.latestSince(since);
    if (latest.length === 0) {
      return [];
    }
    // Stored refs are keys: they were keys when written.
    const refs = latest.map(a => a.entityRef as EntityRefKey);
    const [results, { items }] = await Promise.all([
      snapshots.getApiResults(refs),
      catalog.getEntitiesByRefs(
        { entityRefs: refs },
        { credentials: await auth.getOwnServiceCredentials() },
      ),
    ]);
    const now = new Date();
    const labels: ApiLabel[] = [];
    latest.forEach((assessment, index) => {
      const entity = items[index];
      if (!entity) {
        return;
      }
      const entityRef = refs[index];
      const stored = results.get(entityRef);
      if (!stored) {
        labels.push({
          entityRef,
          station: resolveStation(entity, assessment, method).id,
        });
        return;
      }
      const { result } = evaluateApi({
        entity,
        latest: assessment,
        ownership: stored.result.owner,
        inputs: stored.inputs,
        method,
        ruleset,
        now,
        evidenceFindings: storedEvidenceFindings(stored),
      });
      labels.push({
        entityRef,
        station: result.station.id,
        governance: result.governance.status,
      });
    });
    return labels;
  }
}

/** Whether an `If-None-Match` header names the version (weak comparison). */
function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) {
    return false;
  }
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch
    .split(',')
    .some(tag => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/** One group per combination of values, in a stable order. */
function groupByValues(apis: ApiLabel[]): ApiLabelGroup[] {
  const groups = new Map<string, ApiLabelGroup>();
  for (const api of apis) {
    const key = [api.station, api.governance, api.ownershipGap].join('\u0000');
    let group = groups.get(key);
    if (!group) {
      group = {
        station: api.station,
        ...(api.governance
          ? { governance: api.governance as GovernanceStatus }
          : {}),
        ...(api.ownershipGap
          ? { ownershipGap: api.ownershipGap as OwnerGapType | 'none' }
          : {}),
        entityRefs: [],
      };
      groups.set(key, group);
    }
    group.entityRefs.push(api.entityRef);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : Number(a > b)))
    .map(([, group]) => {
      group.entityRefs.sort();
      return group;
    });
}
