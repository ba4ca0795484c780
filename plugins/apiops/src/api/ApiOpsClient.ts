import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type {
  ApiRefreshResult,
  ApiChangeHistory,
  ApiEvidence,
  ApiSnapshotResult,
  AuditChecklistImport,
  ApiVersionFamily,
  ChangeReportFilters,
  ChangeReportPage,
  ApiStatus,
  EvidenceCoverage,
  LintReportRow,
  LintTeamRow,
  Assessment,
  AssessmentRequest,
  FragmentationCluster,
  FragmentationDismissalRecord,
  FragmentationDismissalRequest,
  MethodModel,
  OwnershipGapRow,
  ReportSummary,
  SnapshotInfo,
  TeamApiPage,
  ClusterMemberPage,
  TeamRollup,
} from '@apiops-backstage/plugin-apiops-common';
import {
  ApiFilters,
  ApiOpsApi,
  ApiOpsPage,
  FragmentationFilters,
  LintFilters,
  OwnershipGapFilters,
  TeamApiOptions,
} from './ApiOpsApi';

/**
 * The {@link ApiOpsApi} over the backend's REST API (`/api/apiops`).
 *
 * @public
 */
export class ApiOpsClient implements ApiOpsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getMethod(options: { locale?: string; cycle?: string } = {}) {
    return this.get<MethodModel>('/method', options);
  }

  getStatus(entity: CompoundEntityRef) {
    return this.get<ApiStatus>(`${entityPath(entity)}/status`);
  }

  listAssessments(
    entity: CompoundEntityRef,
    options: { limit?: number; cursor?: string } = {},
  ) {
    return this.get<ApiOpsPage<Assessment>>(
      `${entityPath(entity)}/assessments`,
      options,
    );
  }

  recordAssessment(entity: CompoundEntityRef, request: AssessmentRequest) {
    return this.send<Assessment>(
      'POST',
      `${entityPath(entity)}/assessments`,
      request,
    );
  }

  getSummary() {
    return this.get<ReportSummary>('/reports/summary');
  }

  listApis(
    filters: ApiFilters = {},
    options: { limit?: number; cursor?: string } = {},
  ) {
    return this.get<ApiOpsPage<ApiSnapshotResult>>('/reports/apis', {
      ...filters,
      ...options,
    });
  }

  async downloadApisCsv(filters: ApiFilters = {}) {
    const response = await this.request('/reports/apis', {
      ...filters,
      format: 'csv',
    });
    return response.blob();
  }

  listOwnershipGaps(
    filters: OwnershipGapFilters = {},
    options: { limit?: number; cursor?: string } = {},
  ) {
    return this.get<ApiOpsPage<OwnershipGapRow>>('/reports/ownership', {
      ...filters,
      ...options,
    });
  }

  async downloadOwnershipGapsCsv(filters: OwnershipGapFilters = {}) {
    const response = await this.request('/reports/ownership', {
      ...filters,
      format: 'csv',
    });
    return response.blob();
  }

  listFragmentation(
    filters: FragmentationFilters = {},
    options: { limit?: number; cursor?: string } = {},
  ) {
    return this.get<ApiOpsPage<FragmentationCluster>>(
      '/reports/fragmentation',
      { ...filters, ...options },
    );
  }

  listClusterMembers(
    clusterId: string,
    options: { limit?: number; cursor?: string } = {},
  ) {
    return this.get<ClusterMemberPage>(
      `/reports/fragmentation/clusters/${encodeURIComponent(
        clusterId,
      )}/members`,
      options,
    );
  }

  async downloadFragmentationCsv(filters: FragmentationFilters = {}) {
    const response = await this.request('/reports/fragmentation', {
      ...filters,
      format: 'csv',
    });
    return response.blob();
  }

  listTeams(options: { limit?: number; cursor?: string } = {}) {
    return this.get<ApiOpsPage<TeamRollup>>('/reports/teams', options);
  }

  async listTeamApis(
    group: CompoundEntityRef,
    options: TeamApiOptions = {},
  ): Promise<
    {
      team?: TeamRollup;
      snapshot?: SnapshotInfo;
    } & ApiOpsPage<ApiSnapshotResult>
  > {
    try {
      return await this.get<TeamApiPage>(
        `/reports/teams/${encodeURIComponent(
          group.namespace,
        )}/${encodeURIComponent(group.name)}/apis`,
        { ...options },
      );
    } catch (error) {
      if (error instanceof ResponseError && error.statusCode === 404) {
        return { items: [] };
      }
      throw error;
    }
  }

  dismissFragmentationCluster(
    clusterId: string,
    request: FragmentationDismissalRequest,
  ) {
    return this.send<FragmentationDismissalRecord>(
      'PUT',
      dismissalPath(clusterId),
      request,
    );
  }

  async undoFragmentationDismissal(clusterId: string) {
    const baseUrl = await this.discoveryApi.getBaseUrl('apiops');
    const response = await this.fetchApi.fetch(
      `${baseUrl}${dismissalPath(clusterId)}`,
      { method: 'DELETE' },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
  }

  async triggerSnapshot() {
    const { snapshot } = await this.send<{ snapshot: SnapshotInfo }>(
      'POST',
      '/snapshots',
    );
    return snapshot;
  }

  refreshApi(entity: CompoundEntityRef) {
    return this.send<ApiRefreshResult>('POST', `${entityPath(entity)}/refresh`);
  }

  getEvidence(entity: CompoundEntityRef) {
    return this.get<ApiEvidence>(`${entityPath(entity)}/evidence`);
  }

  importAuditChecklist(
    entity: CompoundEntityRef,
    report: unknown,
    options: { cycle?: string } = {},
  ) {
    const query = options.cycle
      ? `?cycle=${encodeURIComponent(options.cycle)}`
      : '';
    return this.send<AuditChecklistImport>(
      'POST',
      `${entityPath(entity)}/evidence/checklist${query}`,
      report,
    );
  }

  listLint(
    filters: LintFilters = {},
    options: { limit?: number; cursor?: string } = {},
  ) {
    return this.get<
      ApiOpsPage<LintReportRow> & { coverage: EvidenceCoverage[] }
    >('/reports/lint', { ...filters, ...options });
  }

  async downloadLintCsv(filters: LintFilters = {}) {
    const response = await this.request('/reports/lint', {
      ...filters,
      format: 'csv',
    });
    return response.blob();
  }

  listLintTeams(options: { owner?: string } = {}) {
    return this.get<{ items: LintTeamRow[] }>('/reports/lint/teams', options);
  }

  listApiChanges(
    entity: CompoundEntityRef,
    options: { limit?: number; cursor?: string } = {},
  ) {
    return this.get<ApiChangeHistory>(`${entityPath(entity)}/changes`, options);
  }

  async getApiVersions(entity: CompoundEntityRef): Promise<ApiVersionFamily> {
    try {
      return await this.get<ApiVersionFamily>(`${entityPath(entity)}/versions`);
    } catch (error) {
      if (error instanceof ResponseError && error.statusCode === 404) {
        return { members: [], comparisons: [] };
      }
      throw error;
    }
  }

  listChanges(
    filters: ChangeReportFilters = {},
    options: { limit?: number; cursor?: string } = {},
  ) {
    return this.get<ChangeReportPage>('/reports/changes', {
      ...filters,
      ...options,
    });
  }

  async downloadChangesCsv(filters: ChangeReportFilters = {}) {
    const response = await this.request('/reports/changes', {
      ...filters,
      format: 'csv',
    });
    return response.blob();
  }

  private async get<T>(
    path: string,
    query: Record<string, string | string[] | number | undefined> = {},
  ): Promise<T> {
    const response = await this.request(path, query);
    return (await response.json()) as T;
  }

  private async send<T>(method: string, path: string, body?: unknown) {
    const baseUrl = await this.discoveryApi.getBaseUrl('apiops');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      headers: body ? { 'Content-Type': 'application/json' } : undefined,
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }

  private async request(
    path: string,
    query: Record<string, string | string[] | number | undefined>,
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('apiops');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      // Several values repeat the parameter: `type=a&type=b`.
      for (const one of Array.isArray(value) ? value : [value]) {
        if (one !== undefined && one !== '') params.append(key, String(one));
      }
    }
    const search = params.toString();
    const response = await this.fetchApi.fetch(
      `${baseUrl}${path}${search ? `?${search}` : ''}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}

function entityPath(entity: CompoundEntityRef): string {
  return `/entities/${[entity.kind, entity.namespace, entity.name]
    .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
    .join('/')}`;
}

function dismissalPath(clusterId: string): string {
  return `/reports/fragmentation/clusters/${encodeURIComponent(
    clusterId,
  )}/dismissal`;
}
