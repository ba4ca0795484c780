import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ApiEvidence,
  EntityRefKey,
  EvidenceCoverage,
  LintReportRow,
  LintTeamRow,
  ReportPage,
  apiopsReportReadPermission,
} from '@apiops-backstage/plugin-apiops-common';
import { REPORT_PAGE_MAX_LIMIT } from '../database/SnapshotStore';
import { EvidenceStore, LintReportQuery } from '../database/EvidenceStore';
import {
  AUDIT_PROVIDER_ID,
  EvidenceService,
} from '../evidence/EvidenceService';
import { CatalogVisibility } from './CatalogVisibility';
import { optionalRefKey } from './entityKeys';
import { getEntityOrThrow } from './getEntityOrThrow';
import { requirePermission } from './requirePermission';
import { fillPage, seenByRef, visibleByRef } from './reportVisibility';
import { csvHeader, csvRow } from './toCsv';

/** A lint report query as a caller sends it. */
export interface LintQueryRequest {
  provider?: string;
  owner?: string;
  system?: string;
  severity?: string;
  rule?: string;
  state?: string;
  limit?: number;
  cursor?: string;
}

const SEVERITIES = ['error', 'warning', 'info'] as const;
const STATES = ['checked', 'queued'] as const;
const DEFAULT_PAGE_LIMIT = 100;
const MAX = REPORT_PAGE_MAX_LIMIT;

/** One row of the lint CSV. */
interface LintCsvRow {
  entityRef: string;
  title: string;
  owner?: string;
  system?: string;
  provider: string;
  state: string;
  checkedAt?: string;
  errors: number;
  warnings: number;
  infos: number;
  rules: string;
  auditPass?: number;
  auditPartial?: number;
  auditGap?: number;
}

const CSV_COLUMNS: ReadonlyArray<keyof LintCsvRow> = [
  'entityRef',
  'title',
  'owner',
  'system',
  'provider',
  'state',
  'checkedAt',
  'errors',
  'warnings',
  'infos',
  'rules',
  'auditPass',
  'auditPartial',
  'auditGap',
];

/**
 * The definition evidence as the REST API and the MCP actions read it: one
 * API's lint findings and audit evidence, the lint report (filters, pages,
 * CSV) with the coverage of the backlog, and the counts per team. Every
 * read needs `apiops.report.read`; an API's evidence needs the API to be
 * readable in the catalog, and lists show only the APIs the caller may read.
 *
 * @internal
 */
export class EvidenceReportService {
  private constructor(
    private readonly catalog: CatalogService,
    private readonly permissions: PermissionsService,
    private readonly visibility: CatalogVisibility,
    private readonly evidence: EvidenceService,
    private readonly store: EvidenceStore,
  ) {}

  static create(options: {
    catalog: CatalogService;
    permissions: PermissionsService;
    visibility: CatalogVisibility;
    evidence: EvidenceService;
    store: EvidenceStore;
  }): EvidenceReportService {
    return new EvidenceReportService(
      options.catalog,
      options.permissions,
      options.visibility,
      options.evidence,
      options.store,
    );
  }

  /** What the lint and the audit checklist found in one API's current definition. */
  async getApiEvidence(
    entityRef: EntityRefKey,
    credentials: BackstageCredentials,
  ): Promise<ApiEvidence> {
    // The permission first: a caller denied it gets a 403 whether or not
    // the API exists.
    await this.requireReportRead(credentials);
    const entity = await getEntityOrThrow(this.catalog, entityRef, credentials);
    return this.evidence.getApiEvidence(entity as Entity);
  }

  /** How far the providers have got through the catalog. */
  async getCoverage(
    credentials: BackstageCredentials,
  ): Promise<EvidenceCoverage[]> {
    await this.requireReportRead(credentials);
    return this.evidence.getCoverage();
  }

  /** A page of the lint report: one row per API and provider, with the coverage. */
  async listLint(
    request: LintQueryRequest,
    credentials: BackstageCredentials,
  ): Promise<ReportPage<LintReportRow> & { coverage: EvidenceCoverage[] }> {
    const visibility = await this.authorize(credentials);
    const { limit, cursor, ...filters } = await this.lintQuery(request);
    const [page, coverage] = await Promise.all([
      fillPage(
        { limit, cursor },
        next => this.store.listReport({ ...filters, ...next }),
        rows => seenByRef(visibility, rows, row => row.entityRef),
      ),
      this.evidence.getCoverage(),
    ]);
    return { ...page, coverage };
  }

  /** Every row of the lint report that matches, as CSV chunks (checked before the first). */
  async exportLintCsv(
    request: LintQueryRequest,
    credentials: BackstageCredentials,
  ): Promise<AsyncIterable<string>> {
    const visibility = await this.authorize(credentials);
    const {
      limit: _limit,
      cursor: _cursor,
      ...filters
    } = await this.lintQuery({ ...request, limit: MAX });
    const store = this.store;
    const first = await store.listReport({ ...filters, limit: MAX });
    const firstRows = await visibleByRef(
      visibility,
      first.items,
      r => r.entityRef,
    );
    return (async function* chunks() {
      yield csvHeader(CSV_COLUMNS);
      let page = first;
      let rows = firstRows;
      for (;;) {
        let chunk = '';
        for (const row of rows) {
          chunk += csvRow<LintCsvRow>(CSV_COLUMNS, {
            entityRef: row.entityRef,
            title: row.title,
            owner: row.owner,
            system: row.system,
            provider: row.providerId,
            state: row.state,
            checkedAt: row.checkedAt,
            errors: row.counts.error,
            warnings: row.counts.warning,
            infos: row.counts.info,
            rules: row.rules.join(' '),
            auditPass: row.audit?.pass,
            auditPartial: row.audit?.partial,
            auditGap: row.audit?.gap,
          });
        }
        if (chunk) yield chunk;
        if (!page.nextCursor) return;
        page = await store.listReport({
          ...filters,
          limit: MAX,
          cursor: page.nextCursor,
        });
        rows = await visibleByRef(visibility, page.items, r => r.entityRef);
      }
    })();
  }

  /**
   * Lint and audit counts per owner group (the groups the caller may read),
   * for a group and its descendants when `owner` is given.
   */
  async listLintTeams(
    request: { owner?: string; provider?: string },
    credentials: BackstageCredentials,
  ): Promise<{ items: LintTeamRow[] }> {
    const visibility = await this.authorize(credentials);
    const owner = optionalRefKey(request.owner, 'group', 'owner');
    const providerId = this.providerOf(request.provider) ?? 'lint';
    const rows = await this.store.listTeams(providerId, {
      owners: owner ? await this.store.ownerRefsOf(owner) : undefined,
      auditProviderId: this.hasProvider(AUDIT_PROVIDER_ID)
        ? AUDIT_PROVIDER_ID
        : undefined,
    });
    return {
      items: await visibleByRef(visibility, rows, row => row.groupRef),
    };
  }

  private hasProvider(id: string): boolean {
    return this.evidence.listProviders().some(p => p.id === id);
  }

  private providerOf(provider: string | undefined): string | undefined {
    if (provider === undefined) return undefined;
    if (!this.hasProvider(provider)) {
      const known = this.evidence.listProviders().map(p => p.id);
      throw new InputError(
        `provider: must be one of ${
          known.length ? known.join(', ') : '(none installed)'
        }`,
      );
    }
    return provider;
  }

  private async lintQuery(request: LintQueryRequest): Promise<LintReportQuery> {
    const { limit = DEFAULT_PAGE_LIMIT, cursor } = request;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX) {
      throw new InputError(`limit: must be a whole number from 1 to ${MAX}`);
    }
    if (cursor !== undefined && !cursor) {
      throw new InputError('cursor: must be the nextCursor of a previous page');
    }
    const check = <T extends string>(
      field: string,
      value: string | undefined,
      allowed: readonly T[],
    ): T | undefined => {
      if (value !== undefined && !allowed.includes(value as T)) {
        throw new InputError(`${field}: must be one of ${allowed.join(', ')}`);
      }
      return value as T | undefined;
    };
    if (
      request.rule !== undefined &&
      (request.rule === '' || request.rule.length > 200)
    ) {
      throw new InputError('rule: must be a rule id of at most 200 characters');
    }
    const owner = optionalRefKey(request.owner, 'group', 'owner');
    const provider = this.providerOf(request.provider);
    return {
      providerIds: provider
        ? [provider]
        : this.evidence
            .listProviders()
            .map(p => p.id)
            .filter(id => id !== AUDIT_PROVIDER_ID),
      owners: owner ? await this.store.ownerRefsOf(owner) : undefined,
      system: optionalRefKey(request.system, 'system', 'system'),
      severity: check('severity', request.severity, SEVERITIES),
      state: check('state', request.state, STATES),
      ...(request.rule !== undefined ? { rule: request.rule } : {}),
      limit,
      cursor,
    };
  }

  private async authorize(credentials: BackstageCredentials) {
    const [, visibility] = await Promise.all([
      this.requireReportRead(credentials),
      this.visibility.forCaller(credentials),
    ]);
    return visibility;
  }

  private async requireReportRead(credentials: BackstageCredentials) {
    await requirePermission(this.permissions, credentials, {
      permission: apiopsReportReadPermission,
    });
  }
}
