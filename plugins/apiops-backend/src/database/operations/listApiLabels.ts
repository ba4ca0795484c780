import {
  APIOPS_NO_OWNERSHIP_GAP,
  FINDING_SEVERITIES,
  OWNER_GAP_TYPES,
} from '@apiops-backstage/plugin-apiops-common';
import { Knex } from 'knex';
import { toIsoTimestamp } from '../conversions';
import type { StoredApiLabels } from '../SnapshotStore';
import { DbApiResultRow, DbOwnershipGapRow } from '../tables';
import { isPostgres } from './util/isPostgres';
import { lastSucceeded } from './util/lastSucceeded';
import { snapshotTables as T } from './util/snapshotTables';

/**
 * The station, governance status and most severe ownership gap of every API
 * of the current results, with the snapshot they come from: two narrow
 * queries in one transaction that sees a single state of the database (as
 * `readInSnapshot`), so the rows and the snapshot always belong together.
 */
export async function listApiLabels(options: {
  db: Knex;
}): Promise<StoredApiLabels> {
  const { db } = options;
  return db.transaction(
    async tx => {
      const run = await lastSucceeded(tx);
      if (!run) {
        return { apis: [] };
      }
      const [apis, gaps] = await Promise.all([
        tx<DbApiResultRow>(T.apis).select(
          'entity_ref',
          'station',
          'governance_status',
        ),
        tx<DbOwnershipGapRow>(T.gaps).select('entity_ref', 'type', 'severity'),
      ]);
      const worstGap = new Map<string, { type: string; rank: number }>();
      for (const gap of gaps) {
        const rank = gapRank(gap.type, gap.severity);
        const known = worstGap.get(gap.entity_ref);
        if (!known || rank < known.rank) {
          worstGap.set(gap.entity_ref, { type: gap.type, rank });
        }
      }
      return {
        snapshot: {
          id: String(run.id),
          startedAt: new Date(toIsoTimestamp(run.started_at)),
          computedAt: run.finished_at
            ? toIsoTimestamp(run.finished_at)
            : undefined,
        },
        apis: apis.map(api => ({
          entityRef: api.entity_ref,
          station: api.station,
          governance: api.governance_status,
          ownershipGap:
            worstGap.get(api.entity_ref)?.type ?? APIOPS_NO_OWNERSHIP_GAP,
        })),
      };
    },
    isPostgres(db)
      ? { isolationLevel: 'repeatable read', readOnly: true }
      : undefined,
  );
}

/**
 * Lower is worse: by severity, then in the order of `OWNER_GAP_TYPES` (the
 * owner missing before the owner unresolved, and so on).
 */
function gapRank(type: string, severity: string): number {
  const bySeverity = FINDING_SEVERITIES.indexOf(severity as never);
  const byType = OWNER_GAP_TYPES.indexOf(type as never);
  return (
    (bySeverity < 0 ? FINDING_SEVERITIES.length : bySeverity) * 100 +
    (byType < 0 ? OWNER_GAP_TYPES.length : byType)
  );
}
