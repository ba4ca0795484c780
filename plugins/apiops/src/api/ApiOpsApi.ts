import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  ApiRefreshResult,
  ApiChangeHistory,
  ApiEvidence,
  AuditChecklistImport,
  ApiSnapshotResult,
  ApiVersionFamily,
  ChangeReportFilters,
  ChangeReportPage,
  ApiStatus,
  EvidenceCoverage,
  LintReportRow,
  LintTeamRow,
  Assessment,
  AssessmentRequest,
  ClusterMemberPage,
  FragmentationCluster,
  FragmentationDismissalRecord,
  FragmentationDismissalRequest,
  FragmentationType,
  GovernanceStatus,
  MethodModel,
  OwnerGapType,
  OwnershipGapRow,
  ReportPage,
  ReportSummary,
  SnapshotInfo,
  TeamApiSort,
  TeamRollup,
} from '@apiops-backstage/plugin-apiops-common';

/**
 * A page of a list answered by the APIOps backend (the shared `ReportPage`).
 *
 * @public
 */
export type ApiOpsPage<T> = ReportPage<T>;

/**
 * Filters of the APIs report.
 *
 * @public
 */
export interface ApiFilters {
  /** APIs of this governance status, or of any of these statuses. */
  governance?: GovernanceStatus | GovernanceStatus[];
  owner?: string;
  system?: string;
}

/**
 * Filters of the ownership report.
 *
 * @public
 */
export interface OwnershipGapFilters {
  /** Gaps of this type, or of any of these types. */
  type?: OwnerGapType | OwnerGapType[];
  owner?: string;
  system?: string;
}

/**
 * Filters of the fragmentation report: the type of the clusters, and the
 * owner or system of any of their members.
 *
 * @public
 */
export interface FragmentationFilters {
  type?: FragmentationType;
  owner?: string;
  system?: string;
  /** `include` (the default), `exclude` or `only` the dismissed clusters. */
  dismissed?: 'include' | 'exclude' | 'only';
}

/**
 * A page of a group's APIs: its order (by the title shown by default) and
 * a text their title or name contains.
 *
 * @public
 */
export interface TeamApiOptions {
  limit?: number;
  cursor?: string;
  sort?: TeamApiSort;
  search?: string;
}

/**
 * Filters of the lint report.
 *
 * @public
 */
export interface LintFilters {
  /** `lint` (every provider but the audit checklist by default) or `audit`. */
  provider?: string;
  owner?: string;
  system?: string;
  severity?: 'error' | 'warning' | 'info';
  rule?: string;
  state?: 'checked' | 'queued';
}

/**
 * The APIOps backend, as the frontend uses it.
 *
 * @public
 */
export interface ApiOpsApi {
  /** The method's stations, criteria and lines, localized. */
  getMethod(options?: {
    locale?: string;
    cycle?: string;
  }): Promise<MethodModel>;
  /** Where an API stands, who owns it and whether it is governed. */
  getStatus(entity: CompoundEntityRef): Promise<ApiStatus>;
  /** An API's assessment history, newest first. */
  listAssessments(
    entity: CompoundEntityRef,
    options?: { limit?: number; cursor?: string },
  ): Promise<ApiOpsPage<Assessment>>;
  /** Records an assessment; resolves to the stored record. */
  recordAssessment(
    entity: CompoundEntityRef,
    request: AssessmentRequest,
  ): Promise<Assessment>;
  /** Counts, trends and the snapshot the reports come from. */
  getSummary(): Promise<ReportSummary>;
  /**
   * A page of the APIs of the latest snapshot, by entity ref, with their
   * station, owner and governance.
   */
  listApis(
    filters?: ApiFilters,
    options?: { limit?: number; cursor?: string },
  ): Promise<ApiOpsPage<ApiSnapshotResult>>;
  /** Every API matching the filters, as CSV. */
  downloadApisCsv(filters?: ApiFilters): Promise<Blob>;
  /** A page of the ownership gaps. */
  listOwnershipGaps(
    filters?: OwnershipGapFilters,
    options?: { limit?: number; cursor?: string },
  ): Promise<ApiOpsPage<OwnershipGapRow>>;
  /** Every ownership gap matching the filters, as CSV. */
  downloadOwnershipGapsCsv(filters?: OwnershipGapFilters): Promise<Blob>;
  /** A page of the fragmentation clusters of the latest snapshot. */
  listFragmentation(
    filters?: FragmentationFilters,
    options?: { limit?: number; cursor?: string },
  ): Promise<ApiOpsPage<FragmentationCluster>>;
  /**
   * A page of the members of one cluster of the latest snapshot, in the
   * cluster's order (the clusters list at most `CLUSTER_MEMBERS_MAX`).
   */
  listClusterMembers(
    clusterId: string,
    options?: { limit?: number; cursor?: string },
  ): Promise<ClusterMemberPage>;
  /**
   * Dismisses a cluster of the latest snapshot (needs
   * `apiops.fragmentation.dismiss`); resolves to the stored dismissal.
   */
  dismissFragmentationCluster(
    clusterId: string,
    request: FragmentationDismissalRequest,
  ): Promise<FragmentationDismissalRecord>;
  /** Undoes the dismissal of a cluster (needs `apiops.fragmentation.dismiss`). */
  undoFragmentationDismissal(clusterId: string): Promise<void>;
  /** Every member of every cluster matching the filters, as CSV. */
  downloadFragmentationCsv(filters?: FragmentationFilters): Promise<Blob>;
  /** A page of the team rollups, most APIs first. */
  listTeams(options?: {
    limit?: number;
    cursor?: string;
  }): Promise<ApiOpsPage<TeamRollup>>;
  /**
   * The APIs a group owns itself or through its child groups; a group that
   * owns none (the backend's 404) is an empty page without `team`.
   */
  listTeamApis(
    group: CompoundEntityRef,
    options?: TeamApiOptions,
  ): Promise<
    {
      team?: TeamRollup;
      snapshot?: SnapshotInfo;
    } & ApiOpsPage<ApiSnapshotResult>
  >;
  /** Starts a snapshot now (needs `apiops.snapshot.create`). */
  triggerSnapshot(): Promise<SnapshotInfo>;
  /**
   * Computes one API's part of the current results again now (needs
   * `apiops.snapshot.refresh` on it): the APIOps page and the group tabs
   * show its station, ownership and governance at once; fragmentation waits
   * for the next snapshot.
   */
  refreshApi(entity: CompoundEntityRef): Promise<ApiRefreshResult>;
  /** What lint and the method's audit checklist found in an API's definition. */
  getEvidence(entity: CompoundEntityRef): Promise<ApiEvidence>;
  /**
   * What an audit report of the method's own CLI (the JSON of
   * `npm run audit:design`) says about the criteria of an API's assessment,
   * for the form to pre-fill; nothing is recorded. Needs
   * `apiops.assessment.create` on the API.
   */
  importAuditChecklist(
    entity: CompoundEntityRef,
    report: unknown,
    options?: { cycle?: string },
  ): Promise<AuditChecklistImport>;
  /** A page of the lint report, with how far the backlog has got. */
  listLint(
    filters?: LintFilters,
    options?: { limit?: number; cursor?: string },
  ): Promise<ApiOpsPage<LintReportRow> & { coverage: EvidenceCoverage[] }>;
  /** Every row of the lint report matching the filters, as CSV. */
  downloadLintCsv(filters?: LintFilters): Promise<Blob>;
  /** Lint and audit counts per owner group; a group and its descendants with `owner`. */
  listLintTeams(options?: {
    owner?: string;
  }): Promise<{ items: LintTeamRow[] }>;
  /**
   * A page of an API's change history, newest first, with what of it is
   * deprecated; an API no snapshot has seen yet has no `baselineAt`. The
   * backend answers 404 for an entity not in the catalog and when its
   * change detection is off.
   */
  listApiChanges(
    entity: CompoundEntityRef,
    options?: { limit?: number; cursor?: string },
  ): Promise<ApiChangeHistory>;
  /**
   * An API's version family, oldest major first, with the comparison of each
   * consecutive pair; an API in no family has one member and no comparison,
   * and the backend's 404 (an entity not in the catalog, the change
   * detection off) is a family without members.
   */
  getApiVersions(entity: CompoundEntityRef): Promise<ApiVersionFamily>;
  /** A page of the change events across the catalog, newest first. */
  listChanges(
    filters?: ChangeReportFilters,
    options?: { limit?: number; cursor?: string },
  ): Promise<ChangeReportPage>;
  /** Every change event matching the filters, as CSV. */
  downloadChangesCsv(filters?: ChangeReportFilters): Promise<Blob>;
}

/**
 * The API ref of {@link ApiOpsApi}.
 *
 * @public
 */
export const apiopsApiRef = createApiRef<ApiOpsApi>({ id: 'plugin.apiops' });
