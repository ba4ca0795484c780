import { InputError } from '@backstage/errors';

/**
 * A timestamp column as ISO 8601 in UTC, whatever the engine returned: a `Date`
 * (PostgreSQL), UTC text without a zone such as `2026-11-26 12:00:00.123`
 * (SQLite), or epoch milliseconds.
 */
export function toIsoTimestamp(value: Date | string | number): string {
  let date: Date;
  if (value instanceof Date) {
    date = value;
  } else if (typeof value === 'number') {
    date = new Date(value);
  } else {
    let text = value.trim().replace(' ', 'T');
    if (/[+-]\d\d$/.test(text)) {
      text = `${text}:00`;
    } else if (!/(Z|[+-]\d\d:?\d\d)$/i.test(text)) {
      text = `${text}Z`;
    }
    date = new Date(text);
  }
  if (Number.isNaN(date.getTime())) {
    throw new Error(`Unreadable timestamp '${String(value)}'`);
  }
  return date.toISOString();
}

const CURSOR_PREFIX = 'v1:';
const CURSOR_TEXT = /^[A-Za-z0-9_-]{1,64}$/;
const CURSOR_ID = /^[1-9][0-9]{0,15}$/;

/** An opaque cursor pointing after the record with this id. */
export function encodeCursor(id: string): string {
  return Buffer.from(`${CURSOR_PREFIX}${id}`, 'utf8').toString('base64url');
}

/** The id the next page starts below; an `InputError` for anything else. */
export function decodeCursor(cursor: string): number {
  if (CURSOR_TEXT.test(cursor)) {
    const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
    if (decoded.startsWith(CURSOR_PREFIX)) {
      const id = decoded.slice(CURSOR_PREFIX.length);
      if (CURSOR_ID.test(id) && Number.isSafeInteger(Number(id))) {
        return Number(id);
      }
    }
  }
  throw new InputError(
    'cursor: is not a cursor of this list; pass the nextCursor of a previous page',
  );
}

const SNAPSHOT_CURSOR_PREFIX = 's1:';
const SNAPSHOT_CURSOR_BODY = /^([1-9][0-9]{0,15}):([1-9][0-9]{0,15})$/;

/** Where a report cursor points: a position in the results of one snapshot. */
export interface SnapshotCursor {
  /** The snapshot whose results the cursor pages through. */
  snapshotId: string;
  /** The id the next page starts after, or the offset it starts at. */
  position: number;
}

/**
 * An opaque report cursor: a position (an id to start after, or an offset)
 * in the results of a snapshot.
 */
export function encodeSnapshotCursor(cursor: SnapshotCursor): string {
  return Buffer.from(
    `${SNAPSHOT_CURSOR_PREFIX}${cursor.snapshotId}:${cursor.position}`,
    'utf8',
  ).toString('base64url');
}

/**
 * Where the next page of a report starts, and in which snapshot; an
 * `InputError` naming `cursor` for anything else.
 */
export function decodeSnapshotCursor(cursor: string): SnapshotCursor {
  if (CURSOR_TEXT.test(cursor)) {
    const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
    const body = decoded.startsWith(SNAPSHOT_CURSOR_PREFIX)
      ? SNAPSHOT_CURSOR_BODY.exec(decoded.slice(SNAPSHOT_CURSOR_PREFIX.length))
      : null;
    if (
      body &&
      Number.isSafeInteger(Number(body[1])) &&
      Number.isSafeInteger(Number(body[2]))
    ) {
      return { snapshotId: body[1], position: Number(body[2]) };
    }
  }
  throw new InputError(
    'cursor: is not a cursor of this list; pass the nextCursor of a previous page',
  );
}
