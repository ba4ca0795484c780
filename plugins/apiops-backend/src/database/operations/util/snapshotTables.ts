/**
 * Names of the snapshot tables (their row types are in `../../tables.ts`).
 */
export const snapshotTables = {
  runs: 'apiops_snapshots',
  apis: 'apiops_api_results',
  gaps: 'apiops_ownership_gaps',
  teams: 'apiops_team_rollups',
  clusters: 'apiops_fragmentation_clusters',
  members: 'apiops_fragmentation_members',
  /**
   * Refreshes of one API since the snapshot started: re-applied by a
   * snapshot that completes after them, deleted by one that started after.
   */
  refreshes: 'apiops_api_refreshes',
  /** Not replaced by a snapshot: dismissals are kept across snapshots. */
  dismissals: 'apiops_fragmentation_dismissals',
} as const;
