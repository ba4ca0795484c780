export type {
  ApiSnapshotResult,
  OwnershipGapRow,
  ReportSummary,
  SnapshotCounts,
  SnapshotInfo,
  TeamRollup,
} from './types';
