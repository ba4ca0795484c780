import type { EntityRefKey } from '@apiops-backstage/plugin-apiops-common';
import { Knex } from 'knex';
import { DbTeamRollupRow } from '../../tables';
import { snapshotTables as T } from './snapshotTables';

/**
 * The owner refs a team row counts: the group itself and its descendant
 * groups that own APIs, as the snapshot's rollup found them (see
 * `rollUpTeams`).
 */
export function teamOwnerRefs(row: DbTeamRollupRow): EntityRefKey[] {
  const { ownerRefs } = JSON.parse(row.rollup) as {
    ownerRefs: EntityRefKey[];
  };
  return ownerRefs;
}

/**
 * The owner refs an `owner` filter stands for in the current snapshot: the
 * owner itself and, for a group, its descendant groups that own APIs, so that
 * a filter by a group lists what the teams report counts for it.
 */
export async function ownerRefsOf(
  tx: Knex | Knex.Transaction,
  owner: EntityRefKey,
): Promise<EntityRefKey[]> {
  const row = await tx<DbTeamRollupRow>(T.teams)
    .where({ group_ref: owner })
    .first();
  return row ? [...new Set([owner, ...teamOwnerRefs(row)])] : [owner];
}
