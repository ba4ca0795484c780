import { LoggerService } from '@backstage/backend-plugin-api';
import { SnapshotStore } from '../database/SnapshotStore';

/**
 * Deletes the snapshot history older than the retention: the daily
 * `apiops-snapshot-purge` task. Resolves to how many snapshots went.
 *
 * @internal
 */
export async function purgeSnapshotHistory(options: {
  store: SnapshotStore;
  retentionDays: number;
  logger?: LoggerService;
  now?: Date;
}): Promise<number> {
  const { store, retentionDays, logger } = options;
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - retentionDays * 24 * 60 * 60 * 1000);
  const purged = await store.purgeHistory(cutoff);
  if (purged > 0) {
    logger?.info(
      `Purged ${purged} snapshot(s) older than ${retentionDays} days`,
    );
  }
  return purged;
}
