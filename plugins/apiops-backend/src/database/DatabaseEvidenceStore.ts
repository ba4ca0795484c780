import { DatabaseService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type {
  DefinitionEvidence,
  EntityRefKey,
  GovernanceFinding,
  LintReportRow,
  LintTeamRow,
  ReportPage,
} from '@apiops-backstage/plugin-apiops-common';
import { Knex } from 'knex';
import { toIsoTimestamp } from './conversions';
import {
  EvidenceIndexRow,
  EvidenceStore,
  EvidenceSummary,
  LintReportQuery,
  StoredEvidence,
} from './EvidenceStore';
import { migrateToLatest } from './migrateToLatest';
import { checkLimit } from './operations/util/checkLimit';
import { isPostgres } from './operations/util/isPostgres';
import { ownerRefsOf } from './operations/util/ownerRefsOf';
import { snapshotTables } from './operations/util/snapshotTables';
import { upsertRows } from './operations/util/upsertRows';
import { DbDefinitionEvidenceRow, DbEvidenceIndexRow } from './tables';

const EVIDENCE = 'apiops_definition_evidence';
const INDEX = 'apiops_evidence_index';

/** Keys or refs per read: far below the bound-parameter limits of both engines. */
const READ_BATCH = 500;
/** Index rows per insert: 7 bound parameters each. */
const WRITE_BATCH = 200;
/** The rules kept per row, for the report's filter and columns. */
const RULES_MAX = 10;

/** `providerId\0key`: how summaries are keyed. */
export function evidenceMapKey(providerId: string, key: string): string {
  return `${providerId}\0${key}`;
}

function dateOrNull(value: Date | string | number | null): number | undefined {
  return value === null || value === undefined
    ? undefined
    : Date.parse(toIsoTimestamp(value));
}

/** The rules of the findings, most frequent first, as `|a|b|`. */
function rulesColumn(evidence: DefinitionEvidence): string {
  const counts = new Map<string, number>();
  for (const finding of evidence.findings) {
    counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
  }
  const rules = [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, RULES_MAX)
    .map(([rule]) => rule.replace(/\|/g, '/'));
  return rules.length > 0 ? `|${rules.join('|')}|` : '';
}

function rulesOf(column: string): string[] {
  return column.split('|').filter(Boolean);
}

/** A report cursor: after this provider and API. */
function encodeReportCursor(providerId: string, entityRef: string): string {
  return Buffer.from(JSON.stringify([providerId, entityRef]), 'utf8').toString(
    'base64url',
  );
}

function decodeReportCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    );
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      value.every(part => typeof part === 'string')
    ) {
      return value as [string, string];
    }
  } catch {
    // not JSON: refused below
  }
  throw new InputError(
    'cursor: not a cursor of this report; take nextCursor of a previous page',
  );
}

/** Escapes `%`, `_` and `\` for a LIKE pattern (with ESCAPE '\'). */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, char => `\\${char}`);
}

/**
 * The evidence of the definition evidence providers in the plugin's
 * database (SQLite or PostgreSQL). Writes are upserts in key order, so that
 * replicas writing the same keys neither fail nor deadlock.
 *
 * @internal
 */
export class DatabaseEvidenceStore implements EvidenceStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseEvidenceStore> {
    const { database } = options;
    const client = await database.getClient();
    const skip = options.skipMigrations ?? database.migrations?.skip ?? false;
    if (!skip) {
      await migrateToLatest(client);
    }
    return new DatabaseEvidenceStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async getSummaries(
    entries: ReadonlyArray<{ providerId: string; key: string }>,
  ): Promise<Map<string, EvidenceSummary>> {
    const found = new Map<string, EvidenceSummary>();
    const byProvider = new Map<string, Set<string>>();
    for (const { providerId, key } of entries) {
      let keys = byProvider.get(providerId);
      if (!keys) {
        keys = new Set();
        byProvider.set(providerId, keys);
      }
      keys.add(key);
    }
    const now = Date.now();
    for (const [providerId, keySet] of byProvider) {
      const keys = [...keySet];
      for (let i = 0; i < keys.length; i += READ_BATCH) {
        const rows: Array<
          Pick<
            DbDefinitionEvidenceRow,
            'evidence_key' | 'summary' | 'expires_at'
          >
        > = await this.db<DbDefinitionEvidenceRow>(EVIDENCE)
          .select('evidence_key', 'summary', 'expires_at')
          .where('provider_id', providerId)
          .whereIn('evidence_key', keys.slice(i, i + READ_BATCH));
        for (const row of rows) {
          const expiresAt = dateOrNull(row.expires_at);
          found.set(evidenceMapKey(providerId, row.evidence_key), {
            findings: JSON.parse(row.summary),
            expired: expiresAt !== undefined && expiresAt <= now,
          });
        }
      }
    }
    return found;
  }

  async get(
    providerId: string,
    key: string,
  ): Promise<StoredEvidence | undefined> {
    const row = await this.db<DbDefinitionEvidenceRow>(EVIDENCE)
      .where({ provider_id: providerId, evidence_key: key })
      .first();
    if (!row) {
      return undefined;
    }
    const expiresAt = dateOrNull(row.expires_at);
    return {
      providerId,
      key,
      evidence: JSON.parse(row.result),
      counts: {
        error: Number(row.error_count),
        warning: Number(row.warning_count),
        info: Number(row.info_count),
      },
      checkedAt: toIsoTimestamp(row.checked_at),
      expired: expiresAt !== undefined && expiresAt <= Date.now(),
    };
  }

  async put(
    providerId: string,
    key: string,
    evidence: DefinitionEvidence,
    options: {
      checkedAt: Date;
      expiresAt?: Date;
      findings: GovernanceFinding[];
      entityRefs: readonly string[];
    },
  ): Promise<void> {
    const count = (severity: string) =>
      evidence.findings.filter(f => f.severity === severity).length;
    const audit = evidence.audit;
    const auditCount = (status: string) =>
      audit ? audit.filter(item => item.status === status).length : null;
    const row: DbDefinitionEvidenceRow = {
      provider_id: providerId,
      evidence_key: key,
      result: JSON.stringify(evidence),
      summary: JSON.stringify(options.findings),
      error_count: count('error'),
      warning_count: count('warning'),
      info_count: count('info'),
      audit_pass: auditCount('pass'),
      audit_partial: auditCount('partial'),
      audit_gap: auditCount('gap'),
      rules: rulesColumn(evidence),
      checked_at: options.checkedAt,
      expires_at: options.expiresAt ?? null,
    };
    await this.db.transaction(async tx => {
      await tx<DbDefinitionEvidenceRow>(EVIDENCE)
        .insert(row)
        .onConflict(['provider_id', 'evidence_key'])
        .merge();
      await dequeueRows(tx, providerId, key, options.entityRefs);
    });
  }

  async dequeue(
    providerId: string,
    key: string,
    entityRefs: readonly string[],
  ): Promise<void> {
    await dequeueRows(this.db, providerId, key, entityRefs);
  }

  async getIndexRows(
    entityRefs: readonly string[],
  ): Promise<EvidenceIndexRow[]> {
    const unique = [...new Set(entityRefs)];
    const rows: EvidenceIndexRow[] = [];
    for (let i = 0; i < unique.length; i += READ_BATCH) {
      const found: DbEvidenceIndexRow[] = await this.db<DbEvidenceIndexRow>(
        INDEX,
      ).whereIn('entity_ref', unique.slice(i, i + READ_BATCH));
      rows.push(...found.map(fromIndexRow));
    }
    return rows;
  }

  async writeIndex(
    upserts: readonly EvidenceIndexRow[],
    deletes: ReadonlyArray<{ providerId: string; entityRef: string }>,
  ): Promise<void> {
    const rows = [...upserts]
      .sort(
        (a, b) =>
          a.providerId.localeCompare(b.providerId) ||
          a.entityRef.localeCompare(b.entityRef),
      )
      .map(toIndexRow);
    const byProvider = new Map<string, string[]>();
    for (const { providerId, entityRef } of deletes) {
      byProvider.set(providerId, [
        ...(byProvider.get(providerId) ?? []),
        entityRef,
      ]);
    }
    // One transaction: one commit (and, on SQLite, one sync to disk) for
    // all the rows, not one per statement.
    await this.db.transaction(async tx => {
      for (let i = 0; i < rows.length; i += WRITE_BATCH) {
        await upsertRows(tx, INDEX, rows.slice(i, i + WRITE_BATCH), [
          'provider_id',
          'entity_ref',
        ]);
      }
      for (const [providerId, refs] of byProvider) {
        for (let i = 0; i < refs.length; i += READ_BATCH) {
          await tx<DbEvidenceIndexRow>(INDEX)
            .where('provider_id', providerId)
            .whereIn('entity_ref', refs.slice(i, i + READ_BATCH))
            .delete();
        }
      }
    });
  }

  async pruneIndex(providerIds: readonly string[]): Promise<number> {
    const gone = await this.db<DbEvidenceIndexRow>(INDEX)
      .whereNotExists(
        this.db(snapshotTables.apis)
          .select(this.db.raw('1'))
          .where(
            `${snapshotTables.apis}.entity_ref`,
            this.db.ref(`${INDEX}.entity_ref`),
          ),
      )
      .delete();
    const unknown = await this.db<DbEvidenceIndexRow>(INDEX)
      .modify(q => {
        if (providerIds.length > 0) q.whereNotIn('provider_id', providerIds);
      })
      .delete();
    return gone + unknown;
  }

  async pruneEvidence(options: {
    checkedBefore: Date;
    providerIds: readonly string[];
  }): Promise<number> {
    // The index has no index on the key. PostgreSQL plans NOT EXISTS as a
    // hash anti-join; SQLite would scan the index once per evidence row, so
    // there the keys in use are read once into a temporary B-tree (NOT IN
    // a subquery that is not correlated).
    const used = this.db(INDEX).select('provider_id', 'evidence_key');
    const orphans = await this.db<DbDefinitionEvidenceRow>(EVIDENCE)
      .where('checked_at', '<', options.checkedBefore)
      .modify(q => {
        if (isPostgres(this.db)) {
          q.whereNotExists(
            used
              .where(
                `${INDEX}.provider_id`,
                this.db.ref(`${EVIDENCE}.provider_id`),
              )
              .andWhere(
                `${INDEX}.evidence_key`,
                this.db.ref(`${EVIDENCE}.evidence_key`),
              ),
          );
        } else {
          q.whereNotIn(['provider_id', 'evidence_key'], used);
        }
      })
      .delete();
    const unknown = await this.db<DbDefinitionEvidenceRow>(EVIDENCE)
      .modify(q => {
        if (options.providerIds.length > 0) {
          q.whereNotIn('provider_id', options.providerIds);
        }
      })
      .delete();
    return orphans + unknown;
  }

  async listQueued(
    providerId: string,
    options: { limit: number; after?: { queuedAt: number; entityRef: string } },
  ): Promise<EvidenceIndexRow[]> {
    const { after } = options;
    const rows: DbEvidenceIndexRow[] = await this.db<DbEvidenceIndexRow>(INDEX)
      .where('provider_id', providerId)
      .whereNotNull('queued_at')
      .modify(q => {
        if (after) {
          const at = new Date(after.queuedAt);
          q.andWhere(w =>
            w
              .where('queued_at', '>', at)
              .orWhere(w2 =>
                w2
                  .where('queued_at', '=', at)
                  .andWhere('entity_ref', '>', after.entityRef),
              ),
          );
        }
      })
      .orderBy([
        { column: 'queued_at', order: 'asc' },
        { column: 'entity_ref', order: 'asc' },
      ])
      .limit(options.limit);
    return rows.map(fromIndexRow);
  }

  async getCoverage(): Promise<
    Array<{ providerId: string; total: number; queued: number }>
  > {
    const rows = (await this.db(INDEX)
      .select('provider_id')
      .count({ total: '*' })
      .count({ queued: 'queued_at' })
      .groupBy('provider_id')
      .orderBy('provider_id')) as Array<{
      provider_id: string;
      total: number | string;
      queued: number | string;
    }>;
    return rows.map(row => ({
      providerId: row.provider_id,
      total: Number(row.total),
      queued: Number(row.queued),
    }));
  }

  async listReport(query: LintReportQuery): Promise<ReportPage<LintReportRow>> {
    checkLimit(query.limit);
    const after = query.cursor ? decodeReportCursor(query.cursor) : undefined;
    const rows: Array<
      DbEvidenceIndexRow &
        Partial<
          Pick<
            DbDefinitionEvidenceRow,
            | 'error_count'
            | 'warning_count'
            | 'info_count'
            | 'audit_pass'
            | 'audit_partial'
            | 'audit_gap'
            | 'rules'
            | 'checked_at'
            | 'result'
          >
        >
    > = await this.db(`${INDEX} as i`)
      .leftJoin(`${EVIDENCE} as e`, join =>
        join
          .on('e.provider_id', 'i.provider_id')
          .andOn('e.evidence_key', 'i.evidence_key'),
      )
      .select(
        'i.*',
        'e.error_count',
        'e.warning_count',
        'e.info_count',
        'e.audit_pass',
        'e.audit_partial',
        'e.audit_gap',
        'e.rules',
        'e.checked_at',
      )
      .modify(q => {
        if (query.providerIds) {
          // None: no rows (whereIn with an empty list matches none).
          q.whereIn('i.provider_id', query.providerIds);
        }
        if (query.owners) q.whereIn('i.owner_ref', query.owners);
        if (query.system) q.where('i.system_ref', query.system);
        if (query.state === 'queued') q.whereNotNull('i.queued_at');
        if (query.state === 'checked') q.whereNull('i.queued_at');
        if (query.severity === 'error') q.where('e.error_count', '>', 0);
        if (query.severity === 'warning') q.where('e.warning_count', '>', 0);
        if (query.severity === 'info') q.where('e.info_count', '>', 0);
        if (query.rule) {
          q.whereRaw(`e.rules like ? escape '\\'`, [
            `%|${likeLiteral(query.rule)}|%`,
          ]);
        }
        if (after) {
          q.andWhere(w =>
            w
              .where('i.provider_id', '>', after[0])
              .orWhere(w2 =>
                w2
                  .where('i.provider_id', '=', after[0])
                  .andWhere('i.entity_ref', '>', after[1]),
              ),
          );
        }
      })
      .orderBy([
        { column: 'i.provider_id', order: 'asc' },
        { column: 'i.entity_ref', order: 'asc' },
      ])
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(row => {
        const checked = row.checked_at !== null && row.checked_at !== undefined;
        const item: LintReportRow = {
          entityRef: row.entity_ref,
          title: row.title ?? row.entity_ref,
          ...(row.owner_ref ? { owner: row.owner_ref } : {}),
          ...(row.system_ref ? { system: row.system_ref } : {}),
          providerId: row.provider_id,
          state: row.queued_at === null ? 'checked' : 'queued',
          ...(checked ? { checkedAt: toIsoTimestamp(row.checked_at!) } : {}),
          counts: {
            error: Number(row.error_count ?? 0),
            warning: Number(row.warning_count ?? 0),
            info: Number(row.info_count ?? 0),
          },
          rules: rulesOf(row.rules ?? ''),
        };
        if (row.audit_pass !== null && row.audit_pass !== undefined) {
          item.audit = {
            pass: Number(row.audit_pass),
            partial: Number(row.audit_partial ?? 0),
            gap: Number(row.audit_gap ?? 0),
          };
        }
        return item;
      }),
      nextCursor:
        rows.length > query.limit
          ? encodeReportCursor(last.provider_id, last.entity_ref)
          : undefined,
    };
  }

  ownerRefsOf(owner: EntityRefKey): Promise<EntityRefKey[]> {
    return ownerRefsOf(this.db, owner);
  }

  async listTeams(
    providerId: string,
    options: { owners?: readonly string[]; auditProviderId?: string },
  ): Promise<LintTeamRow[]> {
    const grouped = (id: string) =>
      this.db(`${INDEX} as i`)
        .leftJoin(`${EVIDENCE} as e`, join =>
          join
            .on('e.provider_id', 'i.provider_id')
            .andOn('e.evidence_key', 'i.evidence_key'),
        )
        .where('i.provider_id', id)
        .whereNotNull('i.owner_ref')
        .modify(q => {
          if (options.owners) q.whereIn('i.owner_ref', options.owners);
        })
        .groupBy('i.owner_ref')
        .select('i.owner_ref as owner_ref')
        .count({ apis: '*' })
        .count({ queued: 'i.queued_at' })
        .sum({ errors: 'e.error_count' })
        .sum({ warnings: 'e.warning_count' })
        .sum({ infos: 'e.info_count' })
        .sum({ pass: 'e.audit_pass' })
        .sum({ partial: 'e.audit_partial' })
        .sum({ gap: 'e.audit_gap' })
        .select(
          this.db.raw(
            'sum(case when e.error_count > 0 then 1 else 0 end) as with_errors',
          ),
        );
    type Grouped = Record<string, string | number | null>;
    const n = (value: string | number | null | undefined) => Number(value ?? 0);
    const lint: Grouped[] = await grouped(providerId);
    const audit: Grouped[] = options.auditProviderId
      ? await grouped(options.auditProviderId)
      : [];
    const auditByOwner = new Map(audit.map(row => [row.owner_ref, row]));
    const owners = new Set([
      ...lint.map(row => String(row.owner_ref)),
      ...audit.map(row => String(row.owner_ref)),
    ]);
    const lintByOwner = new Map(lint.map(row => [String(row.owner_ref), row]));
    return [...owners].sort().map(owner => {
      const row = lintByOwner.get(owner);
      const auditRow = auditByOwner.get(owner);
      return {
        groupRef: owner,
        apis: n(row?.apis ?? auditRow?.apis),
        checked: n(row?.apis) - n(row?.queued),
        queued: n(row?.queued),
        counts: {
          error: n(row?.errors),
          warning: n(row?.warnings),
          info: n(row?.infos),
        },
        apisWithErrors: n(row?.with_errors),
        audit: {
          pass: n(auditRow?.pass),
          partial: n(auditRow?.partial),
          gap: n(auditRow?.gap),
        },
      };
    });
  }
}

/** Found by primary key: the index has no index on the evidence key. */
async function dequeueRows(
  db: Knex,
  providerId: string,
  key: string,
  entityRefs: readonly string[],
): Promise<void> {
  const refs = [...new Set(entityRefs)];
  for (let i = 0; i < refs.length; i += READ_BATCH) {
    await db<DbEvidenceIndexRow>(INDEX)
      .where({ provider_id: providerId, evidence_key: key })
      .whereIn('entity_ref', refs.slice(i, i + READ_BATCH))
      .whereNotNull('queued_at')
      .update({ queued_at: null });
  }
}

function fromIndexRow(row: DbEvidenceIndexRow): EvidenceIndexRow {
  const queuedAt = dateOrNull(row.queued_at);
  return {
    providerId: row.provider_id,
    entityRef: row.entity_ref,
    key: row.evidence_key,
    ...(row.title !== null ? { title: row.title } : {}),
    ...(row.owner_ref !== null ? { ownerRef: row.owner_ref } : {}),
    ...(row.system_ref !== null ? { systemRef: row.system_ref } : {}),
    ...(queuedAt !== undefined ? { queuedAt } : {}),
  };
}

function toIndexRow(row: EvidenceIndexRow): DbEvidenceIndexRow {
  return {
    provider_id: row.providerId,
    entity_ref: row.entityRef,
    evidence_key: row.key,
    title: row.title ?? null,
    owner_ref: row.ownerRef ?? null,
    system_ref: row.systemRef ?? null,
    queued_at: row.queuedAt === undefined ? null : new Date(row.queuedAt),
  };
}
