import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import { decodeSnapshotCursor, encodeSnapshotCursor } from '../../conversions';
import { isPostgres } from './isPostgres';
import { lastSucceeded } from './lastSucceeded';

/** What a page read gets: its transaction and where to start. */
export interface SnapshotRead {
  tx: Knex.Transaction;
  /** The position of the cursor (an id to start after, or an offset). */
  position: number | undefined;
  /** The cursor of the next page, starting at a position, in this snapshot. */
  cursorAt(position: number): string;
}

/**
 * Reads one page of the current results, bound to the snapshot they come
 * from: the page and the id of the current snapshot are read in one
 * transaction that sees a single state of the database (PostgreSQL's
 * repeatable read; SQLite's transactions are serializable), so a page is
 * never of one snapshot and its cursor of another. A cursor of a snapshot
 * that is no longer current (each successful snapshot replaces the results)
 * is a `ConflictError`; a malformed cursor an `InputError` naming `cursor`.
 */
export async function readInSnapshot<T>(
  db: Knex,
  cursor: string | undefined,
  read: (page: SnapshotRead) => Promise<T>,
): Promise<T> {
  const from = cursor === undefined ? undefined : decodeSnapshotCursor(cursor);
  return db.transaction(
    async tx => {
      const current = await lastSucceeded(tx);
      const snapshotId = current ? String(current.id) : undefined;
      if (from && from.snapshotId !== snapshotId) {
        throw new ConflictError(
          `cursor: the results of snapshot ${
            from.snapshotId
          }, which this cursor pages through, ${
            snapshotId
              ? `have been replaced by snapshot ${snapshotId}`
              : 'are no longer kept'
          }; start again without a cursor to page through the current results`,
        );
      }
      return read({
        tx,
        position: from?.position,
        cursorAt: position => {
          if (!snapshotId) {
            // Without a successful snapshot the result tables are empty.
            throw new Error('A page of results without a snapshot');
          }
          return encodeSnapshotCursor({ snapshotId, position });
        },
      });
    },
    isPostgres(db)
      ? { isolationLevel: 'repeatable read', readOnly: true }
      : undefined,
  );
}
