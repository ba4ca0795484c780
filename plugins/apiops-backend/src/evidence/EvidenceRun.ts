import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  ApiSnapshotResult,
  GovernanceFinding,
  entityRefKey,
  tryEntityRefKey,
} from '@apiops-backstage/plugin-apiops-common';
import type { DefinitionEvidenceProvider } from '@apiops-backstage/plugin-apiops-node';
import { EvidenceIndexRow, EvidenceStore } from '../database/EvidenceStore';
import { evidenceMapKey } from '../database/DatabaseEvidenceStore';
import { evidenceKeyOf } from './definitionHash';
import { applicable, variantOf } from './providerCalls';

/**
 * Index rows the snapshot gathers before it writes them, in one
 * transaction: a first snapshot of 200k APIs writes its 400k rows in 80
 * commits, not 2,000.
 */
const INDEX_FLUSH_ROWS = 5000;

/** The evidence entries of one API in a snapshot page. */
interface PageEntry {
  providerId: string;
  entityRef: string;
  key: string;
  /** Evidence found and not expired. */
  fresh: boolean;
}

/**
 * What the snapshot gets for one page of APIs: the governance findings each
 * API's evidence adds, and what {@link EvidenceRun.record} writes to the
 * index once the page is evaluated.
 *
 * @internal
 */
export interface EvidencePage {
  /** Per entity of the page, in its order. */
  findings: GovernanceFinding[][];
  entries: PageEntry[][];
  existing: Map<string, EvidenceIndexRow>;
}

/**
 * The evidence work of one snapshot run: lookups per page, index writes in
 * the background (in page order), pruning at the end. Failures of the store
 * are logged once and cost the run its evidence, never the run.
 *
 * @internal
 */
export class EvidenceRun {
  private writes: Promise<void> = Promise.resolve();
  private warned = false;
  /** Index rows gathered since the last write. */
  private upserts: EvidenceIndexRow[] = [];
  private deletes: Array<{ providerId: string; entityRef: string }> = [];

  constructor(
    private readonly providers: DefinitionEvidenceProvider[],
    private readonly store: EvidenceStore,
    private readonly logger: LoggerService,
  ) {}

  /** The evidence findings of a page of APIs, with what to record. */
  async lookup(
    entities: readonly Entity[],
    hashes: ReadonlyArray<string | undefined>,
  ): Promise<EvidencePage> {
    const entries: PageEntry[][] = entities.map((entity, i) => {
      const hash = hashes[i];
      if (hash === undefined || this.providers.length === 0) return [];
      const entityRef = entityRefKey(entity);
      return applicable(this.providers, entity).map(provider => ({
        providerId: provider.id,
        entityRef,
        key: evidenceKeyOf(provider, variantOf(provider, entity), hash),
        fresh: false,
      }));
    });
    const flat = entries.flat();
    const empty: EvidencePage = {
      findings: entities.map(() => []),
      entries: entities.map(() => []),
      existing: new Map(),
    };
    if (this.providers.length === 0) {
      return empty;
    }
    try {
      const [summaries, existingRows] = await Promise.all([
        flat.length > 0
          ? this.store.getSummaries(flat)
          : Promise.resolve(new Map()),
        this.store.getIndexRows(entities.map(entity => entityRefKey(entity))),
      ]);
      const findings = entries.map(list =>
        list.flatMap(entry => {
          const summary = summaries.get(
            evidenceMapKey(entry.providerId, entry.key),
          );
          entry.fresh = !!summary && !summary.expired;
          return summary?.findings ?? [];
        }),
      );
      const existing = new Map(
        existingRows.map(row => [
          evidenceMapKey(row.providerId, row.entityRef),
          row,
        ]),
      );
      return { findings, entries, existing };
    } catch (error) {
      this.warn(error);
      return empty;
    }
  }

  /**
   * Records a page's index rows once its APIs are evaluated: only the rows
   * that changed are written (the backlog keeps its order). In the
   * background; {@link EvidenceRun.complete} waits for it.
   */
  record(page: EvidencePage, results: readonly ApiSnapshotResult[]): void {
    if (this.providers.length === 0) return;
    const now = Date.now();
    const upserts: EvidenceIndexRow[] = [];
    const deletes: Array<{ providerId: string; entityRef: string }> = [];
    page.entries.forEach((list, i) => {
      const result = results[i];
      const wanted = new Set<string>();
      for (const entry of list) {
        const mapKey = evidenceMapKey(entry.providerId, entry.entityRef);
        wanted.add(mapKey);
        const old = page.existing.get(mapKey);
        const queuedAt = entry.fresh
          ? undefined
          : (old && old.key === entry.key ? old.queuedAt : undefined) ?? now;
        const row: EvidenceIndexRow = {
          providerId: entry.providerId,
          entityRef: entry.entityRef,
          key: entry.key,
          title: result.title,
          ownerRef: tryEntityRefKey(result.owner.ref),
          systemRef: tryEntityRefKey(result.system, {
            defaultKind: 'system',
          }),
          queuedAt,
        };
        if (!old || !sameIndexRow(old, row)) {
          upserts.push(row);
        }
      }
      const entityRef = entityRefKey(result.entityRef);
      for (const provider of this.providers) {
        const mapKey = evidenceMapKey(provider.id, entityRef);
        if (!wanted.has(mapKey) && page.existing.has(mapKey)) {
          deletes.push({ providerId: provider.id, entityRef });
        }
      }
    });
    this.upserts.push(...upserts);
    this.deletes.push(...deletes);
    if (this.upserts.length + this.deletes.length >= INDEX_FLUSH_ROWS) {
      this.flush();
    }
  }

  /** Writes the rows gathered so far, after the writes before them. */
  private flush() {
    const upserts = this.upserts;
    const deletes = this.deletes;
    this.upserts = [];
    this.deletes = [];
    if (upserts.length === 0 && deletes.length === 0) return;
    this.writes = this.writes.then(() =>
      this.store.writeIndex(upserts, deletes).catch(error => this.warn(error)),
    );
  }

  /**
   * Ends a successful run: waits for the index writes, then drops the index
   * rows of APIs no longer in the results and of providers gone.
   */
  async complete(): Promise<void> {
    this.flush();
    await this.writes;
    try {
      await this.store.pruneIndex(this.providers.map(p => p.id));
    } catch (error) {
      this.warn(error);
    }
  }

  /** Ends a failed run: waits for the index writes already started. */
  async abandon(): Promise<void> {
    this.flush();
    await this.writes;
  }

  private warn(error: unknown) {
    if (this.warned) return;
    this.warned = true;
    this.logger.warn(
      `Could not read or write the definition evidence (${
        error instanceof Error ? error.message : String(error)
      }); this snapshot goes on without it`,
    );
  }
}

function sameIndexRow(a: EvidenceIndexRow, b: EvidenceIndexRow): boolean {
  return (
    a.key === b.key &&
    a.title === b.title &&
    a.ownerRef === b.ownerRef &&
    a.systemRef === b.systemRef &&
    (a.queuedAt === undefined) === (b.queuedAt === undefined)
  );
}
