import type { NotificationPayload } from '@backstage/plugin-notifications-common';

/**
 * What an API had at a snapshot that its owners are told about when it is
 * new: ownership gap types, rule ids of error findings, ids of the
 * undismissed duplicate clusters it is in.
 *
 * @internal
 */
export interface ApiNoticeState {
  gaps: string[];
  errors: string[];
  clusters: string[];
}

/**
 * A notification to send: to one group, about one topic, once (by key).
 *
 * @internal
 */
export interface Notice {
  /**
   * Unique: the same key is never sent twice, by any replica. Also the
   * notification's `scope`, so that a send repeated after a crash updates
   * the notification instead of adding one.
   */
  key: string;
  topic: string;
  /** Entity ref of the group told (the notifications backend resolves its members). */
  recipient: string;
  /** The campaign a campaign notification is about. */
  campaignId?: string;
  /**
   * The event keys this notice tells (the events of several campaigns
   * grouped in one notice): recorded with it, never told again.
   */
  covers?: Array<{ key: string; campaignId?: string }>;
  payload: NotificationPayload;
}

/**
 * A notice stored to send.
 *
 * @internal
 */
export interface StoredNotice extends Notice {
  attempts: number;
}

/**
 * The notifier's state: what it decided to send (and whether it was sent),
 * and the baseline of the APIs it compares each snapshot with.
 *
 * @internal
 */
export interface NotificationStore {
  /** The snapshot the baseline comes from; undefined before the first one. */
  getBaselineSnapshot(): Promise<string | undefined>;

  /** The baseline: what each API had (APIs with nothing are left out). */
  getBaseline(): Promise<Map<string, ApiNoticeState>>;

  /**
   * Replaces the baseline with the APIs' states at a snapshot, and adds the
   * notices to send with the event keys they cover (a notice whose key is
   * known is left as it is, and so are its covered keys), in one
   * transaction.
   */
  advance(
    snapshotId: string,
    baseline: Map<string, ApiNoticeState>,
    notices: Notice[],
  ): Promise<void>;

  /** Which of the keys are recorded (told, or covered by a notice). */
  knownKeys(keys: string[]): Promise<Set<string>>;

  /**
   * Claims up to `limit` notices to send: pending ones, and those claimed
   * longer ago than `staleAfterMs` (a replica stopped while sending). A
   * notice is claimed by one caller only.
   */
  claim(options: {
    limit: number;
    staleAfterMs: number;
    now?: Date;
  }): Promise<StoredNotice[]>;

  /** Records a claimed notice sent. */
  markSent(key: string): Promise<void>;

  /**
   * Records a failed attempt: pending again, or failed for good once it
   * has had `maxAttempts`.
   */
  markFailed(key: string, error: string, maxAttempts: number): Promise<void>;

  /** Puts a claimed notice back, not tried. */
  release(key: string): Promise<void>;

  /** The keys of the notices with a key prefix (tests, diagnostics). */
  listKeys(prefix?: string): Promise<Array<{ key: string; status: string }>>;

  /**
   * Deletes what was decided before a time, but the campaign notifications
   * of campaigns that still exist (they must never be sent again).
   */
  purge(before: Date): Promise<number>;
}
