import { InputError } from '@backstage/errors';
import { REPORT_PAGE_MAX_LIMIT } from '../../SnapshotStore';

/** An `InputError` naming `limit` unless it is a whole number in range. */
export function checkLimit(limit: number) {
  if (!Number.isInteger(limit) || limit < 1 || limit > REPORT_PAGE_MAX_LIMIT) {
    throw new InputError(
      `limit: must be a whole number from 1 to ${REPORT_PAGE_MAX_LIMIT}`,
    );
  }
}
