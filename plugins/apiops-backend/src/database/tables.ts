/**
 * Row types of the plugin's tables, as knex reads and writes them. Each
 * table is created by a migration in `migrations/`.
 */

/**
 * A row of `apiops_assessments`: the append-only assessment history.
 *
 * @internal
 */
export interface DbAssessmentRow {
  /**
   * Auto-incremented (bigint). PostgreSQL's driver returns it as a string,
   * SQLite's as a number; never written by the store.
   */
  id: string | number;
  /** Ref of the assessed entity, normalized to lower case. */
  entity_ref: string;
  /** Id of the APIOps cycle the answers belong to. */
  cycle: string;
  /** Station id derived from the answers when the row was written. */
  station: string;
  /** JSON object: criterion id → `met` | `not-met` | `unknown`. */
  answers: string;
  /** JSON object: criterion id → evidence URL; `{}` when none. */
  evidence: string;
  /** JSON object: criterion id → note; `{}` when none. */
  notes: string;
  /** Note about the whole assessment. */
  note: string | null;
  /** Entity ref of the user, or subject of the service, that recorded it. */
  assessed_by: string;
  /**
   * When it was recorded, set by the database. PostgreSQL returns a `Date`;
   * SQLite a UTC text such as `2026-11-26 12:00:00.123`.
   */
  created_at: Date | string | number;
}

/**
 * A row of `apiops_snapshots`: one catalog-wide snapshot run.
 *
 * @internal
 */
export interface DbSnapshotRow {
  id: number | string;
  started_at: Date | string;
  finished_at: Date | string | null;
  status: 'running' | 'succeeded' | 'failed';
  error: string | null;
  /** JSON of SnapshotCounts, once succeeded. */
  summary: string | null;
}

/**
 * A row of `apiops_api_results`: the current result of one API.
 *
 * @internal
 */
export interface DbApiResultRow {
  entity_ref: string;
  title: string | null;
  owner_ref: string | null;
  system_ref: string | null;
  lifecycle: string | null;
  station: string;
  governance_status: string;
  gap_count: number;
  finding_count: number;
  /** JSON of StoredApiResult. */
  result: string;
  /** SHA-1 (base64) of `result`; null for rows written before it. */
  result_digest: string | null;
}

/**
 * A row of `apiops_ownership_gaps`: one ownership gap of the current results.
 *
 * @internal
 */
export interface DbOwnershipGapRow {
  id?: number | string;
  entity_ref: string;
  title: string | null;
  owner_ref: string | null;
  declared_owner: string | null;
  system_ref: string | null;
  type: string;
  severity: string;
  message: string;
}

/**
 * A row of `apiops_team_rollups`: one owner group of the current results.
 *
 * @internal
 */
export interface DbTeamRollupRow {
  group_ref: string;
  title: string | null;
  api_count: number;
  gap_count: number;
  finding_count: number;
  /** JSON: { byStation, byStatus }. */
  rollup: string;
}

/**
 * A row of `apiops_fragmentation_clusters`.
 *
 * @internal
 */
export interface DbFragmentationClusterRow {
  id?: number | string;
  cluster_id: string;
  type: string;
  score: number;
  /** JSON of FragmentationCluster. */
  cluster: string;
  /**
   * Hash of the sorted member refs and their definition hashes (also in the
   * JSON); null for clusters stored before fingerprints.
   */
  fingerprint?: string | null;
}

/**
 * A row of `apiops_fragmentation_members`.
 *
 * @internal
 */
export interface DbFragmentationMemberRow {
  cluster_id: string;
  entity_ref: string;
  owner_ref: string | null;
  system_ref: string | null;
}

/**
 * A row of `apiops_definition_features`: the fragmentation features of one
 * API definition, by hash of the definition.
 *
 * @internal
 */
export interface DbDefinitionFeaturesRow {
  /** SHA-256 (base64) of the lower-case `spec.type`, NUL, `spec.definition`. */
  hash: string;
  /** DEFINITION_FEATURES_VERSION of the extraction that wrote it. */
  version: number;
  /** JSON of DefinitionFeaturesResult. */
  result: string;
  /** When a stopped analysis is tried again; null for a complete result. */
  expires_at: Date | string | number | null;
  /** When a snapshot last used it. */
  last_used_at: Date | string | number;
}

/**
 * A row of `apiops_api_refreshes`: the latest refresh of one API applied to
 * the current results.
 *
 * @internal
 */
export interface DbApiRefreshRow {
  /** Auto-incremented (bigint): a new id per refresh. */
  id?: number | string;
  /** Lower-case entity ref of the API. */
  entity_ref: string;
  /** When the refresh started reading the catalog and the assessments. */
  refreshed_at: Date | string | number;
  /** JSON of StoredApiResult. */
  result: string;
  /** JSON: `{ groupRef, title }` of the groups that count the API. */
  teams: string;
  /** Entity ref of the user, or subject of the service. */
  refreshed_by: string;
}

/**
 * A row of `apiops_fragmentation_dismissals`: a dismissal of one cluster,
 * kept across snapshots.
 *
 * @internal
 */
export interface DbFragmentationDismissalRow {
  /** Stable id of the cluster (type and member refs). */
  cluster_id: string;
  /** `not-a-duplicate` | `intended`. */
  verdict: string;
  /** Why, trimmed, 1..1000 characters. */
  reason: string;
  /** Fingerprint of the cluster when it was dismissed. */
  fingerprint: string;
  /** Entity ref of the user, or subject of the service. */
  dismissed_by: string;
  /** When; a `Date` (PostgreSQL) or UTC text (SQLite). */
  dismissed_at: Date | string | number;
}

/**
 * A row of `apiops_definition_evidence`: what one definition evidence
 * provider found in one definition.
 *
 * @internal
 */
export interface DbDefinitionEvidenceRow {
  provider_id: string;
  /** SHA-256 (base64) of the provider id, version, API variant and definition hash. */
  evidence_key: string;
  /** JSON of DefinitionEvidence. */
  result: string;
  /** JSON of the GovernanceFinding[] it adds to an API. */
  summary: string;
  error_count: number;
  warning_count: number;
  info_count: number;
  audit_pass: number | null;
  audit_partial: number | null;
  audit_gap: number | null;
  /** `|rule|rule|`, most frequent first, at most 10; '' without findings. */
  rules: string;
  checked_at: Date | string | number;
  /** When it is checked again; null: kept while the definition is unchanged. */
  expires_at: Date | string | number | null;
}

/**
 * A row of `apiops_evidence_index`: one API of the latest snapshot for one
 * provider.
 *
 * @internal
 */
export interface DbEvidenceIndexRow {
  provider_id: string;
  /** Lower-case entity ref. */
  entity_ref: string;
  evidence_key: string;
  title: string | null;
  owner_ref: string | null;
  system_ref: string | null;
  /** Since when it waits to be checked; null: its evidence is there. */
  queued_at: Date | string | number | null;
}
