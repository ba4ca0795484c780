import { LoggerService } from '@backstage/backend-plugin-api';
import { DefinitionFeatureStore } from '../database/DefinitionFeatureStore';
import { SnapshotStore } from '../database/SnapshotStore';

/**
 * Deletes the snapshot history older than the retention: the daily
 * `apiops-snapshot-purge` task. Resolves to how many snapshots went.
 *
 * With `definitionFeatures`, also prunes the stored definition features:
 * those no snapshot used within the same retention window (a definition
 * reverted within it is still warm), the expired and those of an older
 * extraction, then the least recently used beyond `maxRows`.
 *
 * @internal
 */
export async function purgeSnapshotHistory(options: {
  store: SnapshotStore;
  retentionDays: number;
  definitionFeatures?: { store: DefinitionFeatureStore; maxRows: number };
  logger?: LoggerService;
  now?: Date;
}): Promise<number> {
  const { store, retentionDays, logger, definitionFeatures } = options;
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - retentionDays * 24 * 60 * 60 * 1000);
  const purged = await store.purgeHistory(cutoff);
  if (purged > 0) {
    logger?.info(
      `Purged ${purged} snapshot(s) older than ${retentionDays} days`,
    );
  }
  if (definitionFeatures) {
    const pruned = await definitionFeatures.store.prune({
      unusedSince: cutoff,
      maxRows: definitionFeatures.maxRows,
      now,
    });
    if (pruned > 0) {
      logger?.info(
        `Pruned ${pruned} stored definition feature row(s): unused for ${retentionDays} days, expired, or beyond ${definitionFeatures.maxRows}`,
      );
    }
  }
  return purged;
}
