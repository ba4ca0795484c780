import type {
  ApiSnapshotResult,
  EntityRefKey,
  SnapshotCounts,
} from '@apiops-backstage/plugin-apiops-common';
import { entityRefKey } from '@apiops-backstage/plugin-apiops-common';
import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import { toIsoTimestamp } from '../conversions';
import {
  ApiRefresh,
  ApiRefreshOutcome,
  StoredApiResult,
} from '../SnapshotStore';
import {
  DbApiRefreshRow,
  DbApiResultRow,
  DbSnapshotRow,
  DbTeamRollupRow,
} from '../tables';
import { lastSucceeded } from './util/lastSucceeded';
import { lockResults } from './util/lockResults';
import { teamOwnerRefs } from './util/ownerRefsOf';
import { snapshotRows } from './util/snapshotRows';
import { snapshotTables as T } from './util/snapshotTables';

/** Owner refs per `whereIn`: well under SQLite's limit of bound variables. */
const REF_BATCH_SIZE = 500;

/**
 * Applies a refresh of one API to the current results, in one transaction
 * under the lock that snapshot completions take, so that refreshes and
 * completions on any replica never interleave: the API's row and its gaps
 * are replaced, the team rollups that count it (before or after) are counted
 * again from the stored rows, and the counts of the current snapshot are
 * corrected. The refresh is kept (its latest one per API) so that a snapshot
 * that started before it and completes after it applies it again.
 *
 * Newest wins, as between snapshots: a refresh that started before the
 * current snapshot did (or before a refresh of the same API already
 * applied) changes nothing and resolves to `superseded`. Before the first
 * successful snapshot there are no current results to refresh: a
 * `ConflictError`.
 */
export async function refreshApi(options: {
  db: Knex;
  refresh: ApiRefresh;
}): Promise<ApiRefreshOutcome> {
  const { db, refresh } = options;
  const entityRef = entityRefKey(refresh.stored.result.entityRef);
  return db.transaction(async tx => {
    await lockResults(db, tx);
    const current = await lastSucceeded(tx);
    if (!current) {
      throw new ConflictError(
        'No snapshot has succeeded yet, so there are no results to refresh; take a snapshot first (POST /snapshots)',
      );
    }
    const startedAt = Date.parse(toIsoTimestamp(current.started_at));
    if (refresh.refreshedAt.getTime() < startedAt) {
      return 'superseded';
    }
    const known = await tx<DbApiRefreshRow>(T.refreshes)
      .where({ entity_ref: entityRef })
      .first();
    if (
      known &&
      Date.parse(toIsoTimestamp(known.refreshed_at)) >
        refresh.refreshedAt.getTime()
    ) {
      return 'superseded';
    }
    // A new row, so a new id: the version of the results moves on.
    await tx(T.refreshes).where({ entity_ref: entityRef }).delete();
    await tx<DbApiRefreshRow>(T.refreshes).insert({
      entity_ref: entityRef,
      refreshed_at: refresh.refreshedAt,
      result: JSON.stringify(refresh.stored),
      teams: JSON.stringify(refresh.teams),
      refreshed_by: refresh.refreshedBy,
    });
    const change = await applyApiRefresh(tx, refresh);
    if (current.summary) {
      const counts: SnapshotCounts = JSON.parse(current.summary);
      await tx<DbSnapshotRow>(T.runs)
        .where({ id: current.id })
        .update({
          summary: JSON.stringify(adjustCounts(counts, change)),
        });
    }
    return 'applied';
  });
}

/** The API's result before a refresh (if the results had it) and after. */
export interface ApiRefreshChange {
  previous?: ApiSnapshotResult;
  current: ApiSnapshotResult;
}

/**
 * Writes a refreshed API into the current results: its row and its gaps,
 * then the team rollups. The caller holds the results lock.
 */
export async function applyApiRefresh(
  tx: Knex.Transaction,
  refresh: Pick<ApiRefresh, 'stored' | 'teams' | 'refreshedAt'>,
): Promise<ApiRefreshChange> {
  const { stored } = refresh;
  const entityRef = entityRefKey(stored.result.entityRef);
  const row = await tx<DbApiResultRow>(T.apis)
    .where({ entity_ref: entityRef })
    .first();
  const previous = row
    ? (JSON.parse(row.result) as StoredApiResult).result
    : undefined;

  await tx(T.apis).where({ entity_ref: entityRef }).delete();
  await tx(T.apis).insert(snapshotRows.toApiRow(stored));
  await tx(T.gaps).where({ entity_ref: entityRef }).delete();
  const gaps = snapshotRows.toGapRows(stored);
  if (gaps.length > 0) {
    await tx(T.gaps).insert(gaps);
  }

  const owner =
    stored.result.owner.kind === 'group'
      ? refresh.teams[0]?.groupRef
      : undefined;
  await recountTeams(tx, {
    previousOwner: (row?.owner_ref ?? undefined) as EntityRefKey | undefined,
    owner,
    teams: refresh.teams,
    refreshedAt: refresh.refreshedAt,
  });
  return { previous, current: stored.result };
}

/**
 * Counts again the team rollups a refreshed API changes: those of the
 * groups its owner counts toward now (`teams`, which gain the owner among
 * the groups they count if they did not have it), those that counted its
 * owner but no longer should (the group moved in the hierarchy), and those
 * that counted its previous owner. Each is counted from the stored API rows
 * of its owner groups, as the snapshot's rollup counts them; a rollup left
 * without APIs is deleted, and an owner group left without APIs leaves the
 * rollup's owner groups.
 */
async function recountTeams(
  tx: Knex.Transaction,
  options: {
    previousOwner?: EntityRefKey;
    owner?: EntityRefKey;
    teams: ReadonlyArray<{ groupRef: EntityRefKey; title: string }>;
    refreshedAt: Date;
  },
) {
  const { previousOwner, owner, refreshedAt } = options;
  const above = new Map(
    owner ? options.teams.map(team => [team.groupRef, team.title]) : [],
  );
  const touched = new Map<
    EntityRefKey,
    { title: string; ownerRefs: Set<EntityRefKey> }
  >();
  const rows: Array<Pick<DbTeamRollupRow, 'group_ref' | 'title' | 'rollup'>> =
    await tx<DbTeamRollupRow>(T.teams).select('group_ref', 'title', 'rollup');
  for (const row of rows) {
    const groupRef = row.group_ref as EntityRefKey;
    const ownerRefs = new Set(teamOwnerRefs(row as DbTeamRollupRow));
    let changed = previousOwner !== undefined && ownerRefs.has(previousOwner);
    if (owner && above.has(groupRef)) {
      ownerRefs.add(owner);
      changed = true;
    } else if (owner && ownerRefs.delete(owner)) {
      changed = true;
    }
    if (changed) {
      touched.set(groupRef, {
        title: above.get(groupRef) ?? row.title ?? groupRef,
        ownerRefs,
      });
    }
  }
  for (const [groupRef, title] of above) {
    if (!touched.has(groupRef)) {
      touched.set(groupRef, { title, ownerRefs: new Set([owner!]) });
    }
  }

  for (const [groupRef, team] of touched) {
    const counted = await countOwned(tx, [...team.ownerRefs]);
    await tx(T.teams).where({ group_ref: groupRef }).delete();
    if (counted.apis === 0) {
      continue;
    }
    await tx(T.teams).insert(
      snapshotRows.toTeamRow({
        groupRef,
        title: team.title,
        apis: counted.apis,
        byStation: counted.byStation,
        byStatus: counted.byStatus,
        gaps: counted.gaps,
        findings: counted.findings,
        ownerRefs: counted.ownerRefs,
        refreshedAt: refreshedAt.toISOString(),
      }),
    );
  }
}

/** The APIs of the current results owned by any of the owner refs, counted. */
async function countOwned(tx: Knex.Transaction, ownerRefs: EntityRefKey[]) {
  const counted = {
    apis: 0,
    byStation: {} as Record<string, number>,
    byStatus: {} as Record<string, number>,
    gaps: 0,
    findings: 0,
    ownerRefs: [] as string[],
  };
  const owning = new Set<string>();
  for (let i = 0; i < ownerRefs.length; i += REF_BATCH_SIZE) {
    const rows: Array<{
      owner_ref: string;
      station: string;
      governance_status: string;
      apis: number | string;
      gaps: number | string | null;
      findings: number | string | null;
    }> = await tx(T.apis)
      .whereIn('owner_ref', ownerRefs.slice(i, i + REF_BATCH_SIZE))
      .select('owner_ref', 'station', 'governance_status')
      .count({ apis: '*' })
      .sum({ gaps: 'gap_count', findings: 'finding_count' })
      .groupBy('owner_ref', 'station', 'governance_status');
    for (const row of rows) {
      const apis = Number(row.apis);
      owning.add(row.owner_ref);
      counted.apis += apis;
      counted.byStation[row.station] =
        (counted.byStation[row.station] ?? 0) + apis;
      counted.byStatus[row.governance_status] =
        (counted.byStatus[row.governance_status] ?? 0) + apis;
      counted.gaps += Number(row.gaps ?? 0);
      counted.findings += Number(row.findings ?? 0);
    }
  }
  counted.ownerRefs = ownerRefs.filter(ref => owning.has(ref));
  return counted;
}

/**
 * The counts of the current snapshot with one API's result replaced:
 * the previous one taken out (or one more API when it is new), the current
 * one added. Fragmentation counts stay: a refresh does not recompute it.
 */
export function adjustCounts(
  counts: SnapshotCounts,
  change: ApiRefreshChange,
): SnapshotCounts {
  const next: SnapshotCounts = {
    ...counts,
    byStation: { ...counts.byStation },
    byStatus: { ...counts.byStatus },
    byGapType: { ...counts.byGapType },
    byFindingType: { ...counts.byFindingType },
  };
  const add = <K extends string>(
    record: Partial<Record<K, number>>,
    key: K,
    by: 1 | -1,
  ) => {
    const value = (record[key] ?? 0) + by;
    if (value > 0) record[key] = value;
    else delete record[key];
  };
  const count = (result: ApiSnapshotResult, by: 1 | -1) => {
    add(next.byStation, result.station.id, by);
    add(next.byStatus, result.governance.status, by);
    for (const gap of result.owner.gaps) add(next.byGapType, gap.type, by);
    for (const finding of result.governance.findings) {
      add(next.byFindingType, finding.ruleId, by);
    }
  };
  if (change.previous) {
    count(change.previous, -1);
  } else {
    next.apis += 1;
  }
  count(change.current, 1);
  return next;
}
