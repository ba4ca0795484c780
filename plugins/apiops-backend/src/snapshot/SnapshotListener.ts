import type {
  FragmentationCluster,
  OwnershipIndex,
} from '@apiops-backstage/plugin-apiops-common';
import type { StoredApiResult } from '../database/SnapshotStore';
import type { EventLoopYielder } from '../fragmentation/EventLoopYielder';

/**
 * A snapshot whose results have just been stored: what it computed, and
 * the catalog around it, for the work that follows each snapshot
 * (campaign progress, notifications).
 *
 * @internal
 */
export interface CompletedSnapshot {
  snapshotId: string;
  /** When its results were stored. */
  completedAt: Date;
  /** Every API's result. */
  apis: readonly StoredApiResult[];
  /** The fragmentation clusters, with their fingerprints. */
  clusters: readonly FragmentationCluster[];
  /** Groups, users and their hierarchy, as the snapshot read them. */
  ownership: OwnershipIndex;
  /** The domain of an API's system, by the API's lower-case entity ref. */
  domainOf(entityRef: string): string | undefined;
  /** Lets the event loop run between slices of a long computation. */
  yielder: EventLoopYielder;
}

/**
 * Told of each snapshot once its results are stored, in the snapshot task
 * (one replica at a time). A listener that fails is logged; the snapshot
 * stays stored.
 *
 * @internal
 */
export interface SnapshotListener {
  /** A name for the logs. */
  readonly name: string;
  snapshotCompleted(snapshot: CompletedSnapshot): Promise<void>;
}
