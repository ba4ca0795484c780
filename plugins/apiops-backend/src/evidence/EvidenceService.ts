import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ApiEvidence,
  AuditChecklistItem,
  DefinitionEvidence,
  EvidenceCoverage,
  GovernanceFinding,
  ProviderEvidence,
  auditByCriterion,
  entityRefKey,
  evidenceToGovernanceFindings,
  sortEvidenceFindings,
} from '@apiops-backstage/plugin-apiops-common';
import type { DefinitionEvidenceProvider } from '@apiops-backstage/plugin-apiops-node';
import {
  EVIDENCE_RETRY_MS,
  EvidenceIndexRow,
  EvidenceStore,
} from '../database/EvidenceStore';
import { evidenceMapKey } from '../database/DatabaseEvidenceStore';
import { definitionHashOf, evidenceKeyOf } from './definitionHash';
import { EvidenceRun } from './EvidenceRun';
import { EvidenceWorkerPool } from './EvidenceWorkerPool';
import { applicable, variantOf } from './providerCalls';

/** The id of the built-in provider that evaluates the method's audit checklist. */
export const AUDIT_PROVIDER_ID = 'audit';

/** Most findings kept per definition (worst first); the rest are counted. */
export const EVIDENCE_FINDINGS_MAX = 500;

/** Entity fields the backlog reads of the APIs it checks. */
const BACKLOG_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.type',
  'spec.definition',
];

/** Refs per catalog read of the backlog. */
const CATALOG_BATCH = 100;

/**
 * How the definition evidence is worked through: threads, deadlines, budget.
 *
 * @internal
 */
export interface EvidenceSettings {
  /** Worker threads checking definitions during a backlog run. */
  threads: number;
  /** Time one definition may take on a thread. */
  timeoutMs: number;
  /** Time a backlog run takes definitions for; it then stops and reports coverage. */
  budgetMs: number;
  /** Heap of a worker thread, in MB. */
  maxHeapMb: number;
  /** Days the evidence no API uses any more is kept (a revert finds it). */
  retentionDays: number;
}

/** What one backlog run did, per provider. */
export interface BacklogRunReport {
  providers: Array<
    EvidenceCoverage & {
      /** Definitions checked in this run (and stored). */
      checkedNow: number;
      /** Of them, stopped (deadline, thread died, checker failed). */
      stoppedNow: number;
    }
  >;
  /** Why the run stopped before the backlog was empty, if it did. */
  stoppedBecause?: 'budget' | 'aborted' | 'no worker thread';
  elapsedMs: number;
}

/**
 * The evidence of the definition evidence providers (the lint module's
 * Spectral, the method's audit checklist) for the rest of the plugin:
 *
 * - the snapshot's {@link EvidenceRun}: the governance findings of each
 *   API's evidence, looked up by key per page, and the index of which API
 *   has which definition, whose rows without evidence are the backlog;
 * - {@link EvidenceService.runBacklog}: the scheduled task that checks the
 *   backlog on worker threads within a time budget and reports coverage;
 * - one API's evidence ({@link EvidenceService.getApiEvidence}) and its
 *   findings for a status computed on request.
 *
 * The evidence is a shortcut, never a condition: when the store fails, the
 * snapshot goes on without it (one warning per run).
 *
 * @internal
 */
export class EvidenceService {
  private constructor(
    private readonly providers: DefinitionEvidenceProvider[],
    private readonly store: EvidenceStore,
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly logger: LoggerService,
    private readonly settings: EvidenceSettings,
    private readonly auditChecklist: readonly AuditChecklistItem[],
  ) {}

  static create(options: {
    providers: DefinitionEvidenceProvider[];
    store: EvidenceStore;
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
    settings: EvidenceSettings;
    /** The method's audit checklist, for the labels of the audit evidence. */
    auditChecklist?: readonly AuditChecklistItem[];
  }): EvidenceService {
    return new EvidenceService(
      options.providers,
      options.store,
      options.catalog,
      options.auth,
      options.logger,
      options.settings,
      options.auditChecklist ?? [],
    );
  }

  /** The ids and titles of the providers. */
  listProviders(): Array<{ id: string; title: string }> {
    return this.providers.map(({ id, title }) => ({ id, title }));
  }

  /** The state of one snapshot run's evidence work. */
  startRun(): EvidenceRun {
    return new EvidenceRun(this.providers, this.store, this.logger);
  }

  /** The entries (provider, key) of an API's current definition. */
  private entriesOf(
    entity: Entity,
    hash: string | undefined,
  ): Array<{ provider: DefinitionEvidenceProvider; key: string }> {
    if (hash === undefined) {
      return [];
    }
    return applicable(this.providers, entity).map(provider => ({
      provider,
      key: evidenceKeyOf(provider, variantOf(provider, entity), hash),
    }));
  }

  /** The governance findings of an API's evidence, for a status on request. */
  async findingsFor(entity: Entity): Promise<GovernanceFinding[]> {
    const entries = this.entriesOf(entity, definitionHashOf(entity));
    if (entries.length === 0) {
      return [];
    }
    const summaries = await this.store.getSummaries(
      entries.map(({ provider, key }) => ({ providerId: provider.id, key })),
    );
    return entries.flatMap(
      ({ provider, key }) =>
        summaries.get(evidenceMapKey(provider.id, key))?.findings ?? [],
    );
  }

  /** What the providers found in an API's current definition. */
  async getApiEvidence(entity: Entity): Promise<ApiEvidence> {
    const entityRef = entityRefKey(entity);
    const hash = definitionHashOf(entity);
    const entries = new Map(
      this.entriesOf(entity, hash).map(e => [e.provider.id, e.key]),
    );
    const stored = new Map(
      await Promise.all(
        [...entries].map(
          async ([providerId, key]) =>
            [providerId, await this.store.get(providerId, key)] as const,
        ),
      ),
    );
    const providers: ProviderEvidence[] = [];
    let audit: ApiEvidence['audit'];
    for (const provider of this.providers) {
      const key = entries.get(provider.id);
      const found = stored.get(provider.id);
      let state: ProviderEvidence['state'] = 'not-applicable';
      if (key !== undefined) {
        state = found && !found.expired ? 'checked' : 'queued';
      }
      if (provider.id === AUDIT_PROVIDER_ID) {
        audit = this.auditEvidence(state, found?.evidence, found?.checkedAt);
        continue;
      }
      const evidence = found?.evidence;
      providers.push({
        providerId: provider.id,
        title: provider.title,
        state,
        ...(found ? { checkedAt: found.checkedAt } : {}),
        findings: evidence?.findings ?? [],
        findingCount: evidence
          ? Math.max(evidence.findingCount ?? 0, evidence.findings.length)
          : 0,
        counts: found?.counts ?? { error: 0, warning: 0, info: 0 },
        ...(evidence?.problem ? { problem: evidence.problem } : {}),
      });
    }
    return {
      entityRef,
      ...(hash ? { definitionHash: hash } : {}),
      providers,
      ...(audit ? { audit } : {}),
    };
  }

  private auditEvidence(
    state: ProviderEvidence['state'],
    evidence: DefinitionEvidence | undefined,
    checkedAt: string | undefined,
  ): NonNullable<ApiEvidence['audit']> {
    const results = evidence?.audit ?? [];
    const byId = new Map(this.auditChecklist.map(item => [item.id, item]));
    const items = results.flatMap(result => {
      const item = byId.get(result.itemId);
      return item
        ? [
            {
              ...result,
              label: item.label,
              stage: item.stage,
              criteria: item.criteria,
              stations: item.stations,
              guidelines: item.guidelines,
            },
          ]
        : [];
    });
    const counts = { pass: 0, partial: 0, gap: 0, na: 0 };
    for (const item of items) counts[item.status] += 1;
    return {
      state,
      ...(checkedAt ? { checkedAt } : {}),
      ...(evidence?.auditProfile ? { profile: evidence.auditProfile } : {}),
      items,
      criteria: auditByCriterion(this.auditChecklist, results),
      counts,
      ...(evidence?.problem ? { problem: evidence.problem } : {}),
    };
  }

  /** How far each provider has got through the APIs of the latest snapshot. */
  async getCoverage(): Promise<EvidenceCoverage[]> {
    const rows = new Map(
      (await this.store.getCoverage()).map(row => [row.providerId, row]),
    );
    return this.providers.map(provider => {
      const row = rows.get(provider.id);
      const total = row?.total ?? 0;
      const queued = row?.queued ?? 0;
      return {
        providerId: provider.id,
        title: provider.title,
        total,
        checked: total - queued,
        queued,
      };
    });
  }

  /**
   * Works through the backlog of every provider, a batch of each in turn,
   * on worker threads, until the backlog is empty, the budget is spent or
   * the signal aborts; then logs and returns the coverage ("linted 143000
   * of 200000; the rest queued") and drops the evidence no API has used
   * within the retention.
   */
  async runBacklog(signal?: AbortSignal): Promise<BacklogRunReport> {
    const started = Date.now();
    const deadline = started + this.settings.budgetMs;
    const done = new Map(
      this.providers.map(p => [p.id, { checkedNow: 0, stoppedNow: 0 }]),
    );
    let stoppedBecause: BacklogRunReport['stoppedBecause'];
    if (this.providers.length > 0) {
      const pool = EvidenceWorkerPool.create({
        threads: this.settings.threads,
        timeoutMs: this.settings.timeoutMs,
        maxHeapMb: this.settings.maxHeapMb,
        logger: this.logger,
      });
      try {
        const credentials = await this.auth.getOwnServiceCredentials();
        const after = new Map<
          string,
          { queuedAt: number; entityRef: string }
        >();
        let active = [...this.providers];
        const batchSize = Math.max(8, this.settings.threads * 8);
        while (active.length > 0) {
          if (signal?.aborted) {
            stoppedBecause = 'aborted';
            break;
          }
          if (Date.now() >= deadline) {
            stoppedBecause = 'budget';
            break;
          }
          if (pool.broken) {
            stoppedBecause = 'no worker thread';
            break;
          }
          const next: DefinitionEvidenceProvider[] = [];
          for (const provider of active) {
            const rows = await this.store.listQueued(provider.id, {
              limit: batchSize,
              after: after.get(provider.id),
            });
            if (rows.length === 0) {
              continue;
            }
            next.push(provider);
            const last = rows[rows.length - 1];
            after.set(provider.id, {
              queuedAt: last.queuedAt!,
              entityRef: last.entityRef,
            });
            await this.checkBatch(provider, rows, {
              pool,
              credentials,
              deadline,
              signal,
              tally: done.get(provider.id)!,
            });
            if (Date.now() >= deadline || signal?.aborted || pool.broken) {
              break;
            }
          }
          active = next;
        }
      } finally {
        await pool.close();
      }
    }
    const coverage = await this.getCoverage();
    const elapsedMs = Date.now() - started;
    const report: BacklogRunReport = {
      providers: coverage.map(row => ({
        ...row,
        ...done.get(row.providerId)!,
      })),
      ...(stoppedBecause ? { stoppedBecause } : {}),
      elapsedMs,
    };
    for (const row of report.providers) {
      if (row.checkedNow === 0 && row.queued === 0) continue;
      this.logger.info(
        `${row.title}: checked ${row.checkedNow} definitions in ${Math.round(
          elapsedMs / 1000,
        )} s${
          row.stoppedNow > 0 ? ` (${row.stoppedNow} of them stopped)` : ''
        }; ${row.checked} of ${row.total} APIs checked${
          row.queued > 0 ? `, the rest (${row.queued}) queued` : ''
        }${stoppedBecause === 'budget' ? ' until the next run' : ''}`,
      );
    }
    try {
      await this.store.pruneEvidence({
        checkedBefore: new Date(
          Date.now() - this.settings.retentionDays * 24 * 60 * 60 * 1000,
        ),
        providerIds: this.providers.map(p => p.id),
      });
    } catch (error) {
      this.logger.warn(
        `Could not prune the definition evidence: ${messageOf(error)}`,
      );
    }
    return report;
  }

  /** Checks the definitions of a batch of the backlog, one per evidence key. */
  private async checkBatch(
    provider: DefinitionEvidenceProvider,
    rows: EvidenceIndexRow[],
    context: {
      pool: EvidenceWorkerPool;
      credentials: BackstageCredentials;
      deadline: number;
      signal?: AbortSignal;
      tally: { checkedNow: number; stoppedNow: number };
    },
  ): Promise<void> {
    const refs = [...new Set(rows.map(row => row.entityRef))];
    const entities = new Map<string, Entity>();
    for (let i = 0; i < refs.length; i += CATALOG_BATCH) {
      const batch = refs.slice(i, i + CATALOG_BATCH);
      const { items } = await this.catalog.getEntitiesByRefs(
        { entityRefs: batch, fields: BACKLOG_FIELDS },
        { credentials: context.credentials },
      );
      items.forEach((entity, j) => {
        if (entity) entities.set(batch[j], entity);
      });
    }
    // One check per key: the APIs sharing a definition share its evidence.
    const byKey = new Map<string, { entity: Entity; entityRefs: string[] }>();
    for (const row of rows) {
      const entity = entities.get(row.entityRef);
      if (!entity) continue;
      const hash = definitionHashOf(entity);
      // A definition changed since the snapshot: the next snapshot queues
      // its new key.
      if (
        hash === undefined ||
        evidenceKeyOf(provider, variantOf(provider, entity), hash) !== row.key
      ) {
        continue;
      }
      const same = byKey.get(row.key);
      if (same) {
        same.entityRefs.push(row.entityRef);
      } else {
        byKey.set(row.key, { entity, entityRefs: [row.entityRef] });
      }
    }
    // A key checked for another API earlier in the backlog is not checked
    // again.
    const known = await this.store.getSummaries(
      [...byKey.keys()].map(key => ({ providerId: provider.id, key })),
    );
    for (const [key, { entityRefs }] of byKey) {
      const summary = known.get(evidenceMapKey(provider.id, key));
      if (summary && !summary.expired) {
        await this.store.dequeue(provider.id, key, entityRefs);
        byKey.delete(key);
      }
    }
    const workerProvider = {
      id: provider.id,
      title: provider.title,
      module: provider.worker.module,
      options: provider.worker.options,
    };
    await Promise.all(
      [...byKey].map(async ([key, { entity, entityRefs }]) => {
        if (Date.now() >= context.deadline || context.signal?.aborted) {
          return; // stays queued
        }
        let evidence: DefinitionEvidence;
        let stopped = false;
        let prepared: Awaited<
          ReturnType<NonNullable<DefinitionEvidenceProvider['prepare']>>
        > = {};
        try {
          prepared = provider.prepare ? await provider.prepare(entity) : {};
        } catch (error) {
          prepared = { problem: messageOf(error) };
        }
        if (prepared.problem !== undefined) {
          evidence = {
            findings: [
              {
                ruleId: 'api-settings',
                severity: 'warning',
                message: prepared.problem,
              },
            ],
            problem: prepared.problem,
          };
          stopped = true;
        } else {
          const outcome = await context.pool.check(workerProvider, {
            type: String(entity.spec?.type ?? '').toLocaleLowerCase('en-US'),
            definition: String(entity.spec?.definition ?? ''),
            ...(prepared.input !== undefined ? { input: prepared.input } : {}),
          });
          if (outcome.kind === 'unavailable') {
            return; // stays queued
          }
          evidence = capped(outcome.evidence);
          stopped = outcome.kind === 'stopped';
        }
        const now = new Date();
        const keepMs = stopped ? EVIDENCE_RETRY_MS : prepared.recheckAfterMs;
        await this.store.put(provider.id, key, evidence, {
          checkedAt: now,
          ...(keepMs !== undefined && keepMs > 0
            ? { expiresAt: new Date(now.getTime() + keepMs) }
            : {}),
          findings: evidenceToGovernanceFindings(provider.id, evidence),
          entityRefs,
        });
        context.tally.checkedNow += 1;
        if (stopped) context.tally.stoppedNow += 1;
      }),
    );
  }
}

/** At most {@link EVIDENCE_FINDINGS_MAX} findings, worst first, counted. */
function capped(evidence: DefinitionEvidence): DefinitionEvidence {
  const total = Math.max(evidence.findingCount ?? 0, evidence.findings.length);
  const findings = sortEvidenceFindings(evidence.findings).slice(
    0,
    EVIDENCE_FINDINGS_MAX,
  );
  return {
    ...evidence,
    findings,
    ...(total > findings.length ? { findingCount: total } : {}),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
