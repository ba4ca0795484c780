export { ClusterDismissal } from './ClusterDismissal';
export { DismissClusterDialog } from './DismissClusterDialog';
export { useDismissals } from './useDismissals';
export type { Dismissals } from './useDismissals';
