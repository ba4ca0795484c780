import { createHash } from 'node:crypto';
import {
  entityRefKey,
  tryEntityRefKey,
} from '@apiops-backstage/plugin-apiops-common';
import type {
  FragmentationCluster,
  OwnershipGapRow,
  TeamRollup,
} from '@apiops-backstage/plugin-apiops-common';
import { StoredApiResult } from '../../SnapshotStore';
import {
  DbApiResultRow,
  DbFragmentationClusterRow,
  DbFragmentationMemberRow,
  DbOwnershipGapRow,
  DbTeamRollupRow,
} from '../../tables';

/** Conversions between the snapshot results and the rows of their tables. */
export const snapshotRows = {
  toApiRow,
  toGapRows,
  fromGapRow,
  toClusterRow,
  toMemberRows,
  toTeamRow,
  fromTeamRow,
};

/** A ref column: the key of the ref, or null. */
function refColumn(value: string | undefined): string | null {
  return tryEntityRefKey(value) ?? null;
}

/**
 * The row of an API result. Every column derives from the result JSON, so
 * its digest tells whether a stored row is the same (a snapshot writes only
 * the rows that changed).
 */
function toApiRow(stored: StoredApiResult): DbApiResultRow {
  const { result } = stored;
  const json = JSON.stringify(stored);
  return {
    entity_ref: entityRefKey(result.entityRef),
    title: result.title,
    owner_ref: refColumn(result.owner.ref),
    system_ref: refColumn(result.system),
    lifecycle: result.lifecycle ?? null,
    station: result.station.id,
    governance_status: result.governance.status,
    gap_count: result.owner.gaps.length,
    finding_count: result.governance.findings.length,
    result: json,
    result_digest: createHash('sha1').update(json).digest('base64'),
  };
}

function toGapRows({ result }: StoredApiResult): DbOwnershipGapRow[] {
  return result.owner.gaps.map(gap => ({
    entity_ref: entityRefKey(result.entityRef),
    title: result.title,
    owner_ref: refColumn(result.owner.ref),
    declared_owner: result.owner.declared ?? null,
    system_ref: refColumn(result.system),
    type: gap.type,
    severity: gap.severity,
    message: gap.message,
  }));
}

function fromGapRow(row: DbOwnershipGapRow): OwnershipGapRow {
  return {
    entityRef: row.entity_ref,
    title: row.title ?? row.entity_ref,
    owner: row.owner_ref ?? undefined,
    declaredOwner: row.declared_owner ?? undefined,
    system: row.system_ref ?? undefined,
    type: row.type as OwnershipGapRow['type'],
    severity: row.severity as OwnershipGapRow['severity'],
    message: row.message,
  };
}

function toClusterRow(
  cluster: FragmentationCluster,
): DbFragmentationClusterRow {
  return {
    cluster_id: cluster.id,
    type: cluster.type,
    score: cluster.score,
    cluster: JSON.stringify(cluster),
    fingerprint: cluster.fingerprint ?? null,
  };
}

function toMemberRows(
  cluster: FragmentationCluster,
): DbFragmentationMemberRow[] {
  return cluster.members.map(member => ({
    cluster_id: cluster.id,
    entity_ref: entityRefKey(member.entityRef),
    owner_ref: refColumn(member.owner),
    system_ref: refColumn(member.system),
  }));
}

function toTeamRow(
  team: TeamRollup & { ownerRefs: string[] },
): DbTeamRollupRow {
  return {
    group_ref: entityRefKey(team.groupRef),
    title: team.title,
    api_count: team.apis,
    gap_count: team.gaps,
    finding_count: team.findings,
    rollup: JSON.stringify({
      byStation: team.byStation,
      byStatus: team.byStatus,
      ownerRefs: team.ownerRefs,
      ...(team.refreshedAt ? { refreshedAt: team.refreshedAt } : {}),
    }),
  };
}

function fromTeamRow(row: DbTeamRollupRow): TeamRollup {
  const { byStation, byStatus, refreshedAt } = JSON.parse(row.rollup);
  return {
    groupRef: row.group_ref,
    title: row.title ?? row.group_ref,
    apis: Number(row.api_count),
    byStation,
    byStatus,
    gaps: Number(row.gap_count),
    findings: Number(row.finding_count),
    ...(refreshedAt ? { refreshedAt } : {}),
  };
}
