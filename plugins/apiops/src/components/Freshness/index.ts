export { NextSnapshot, SnapshotFreshness } from './SnapshotFreshness';
