import { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  ApiSnapshotResult,
  Campaign,
  CampaignApiFacts,
} from '@apiops-backstage/plugin-apiops-common';
import { CampaignProgressObserver } from '../campaigns/CampaignProgressListener';
import { CampaignSnapshotResult } from '../database/CampaignStore';
import { CompletedSnapshot } from '../snapshot/SnapshotListener';
import { campaignNotices } from './campaignNotices';
import { Notice, NotificationStore } from './NotificationStore';
import { ownerChangeNotices } from './ownerChangeNotices';
import { recipientOf } from './recipientOf';

/** Notices claimed per round of sending. */
const SEND_BATCH = 50;

/** Attempts before a notice is given up (one per snapshot). */
export const MAX_SEND_ATTEMPTS = 5;

/**
 * How long a notice may stay claimed: past it, a replica that stopped while
 * sending it is assumed gone, and it is sent again (its scope makes the
 * notifications backend update the notification rather than add one).
 */
const CLAIM_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * What a notification source gets for one snapshot.
 *
 * @internal
 */
export interface NotificationSourceInput {
  snapshot: CompletedSnapshot;
  /**
   * False at the first snapshot the notifier sees (the baseline): a source
   * of changes between snapshots tells nothing then.
   */
  hasBaseline: boolean;
  /**
   * Whom to tell about an API: its owning group if it has members, else
   * the platform team; undefined when there is neither.
   */
  recipientOf(api: ApiSnapshotResult): string | undefined;
}

/**
 * More notifications after each snapshot, beside the owner changes and the
 * campaign events: e.g. telling the owners of the components that consume
 * an API when it gets a breaking change (from the change events of the
 * snapshot). A source returns one notice per group and topic, with a key
 * that makes it unique (e.g. topic, group and snapshot id).
 *
 * @internal
 */
export interface NotificationSource {
  readonly name: string;
  collect(input: NotificationSourceInput): Promise<Notice[]>;
}

/**
 * Tells the owners of APIs what the snapshots found, through Backstage's
 * notifications service:
 *
 * - the members of the owning group (or the platform team, for APIs with no
 *   valid owner) when an API newly has an ownership gap, an error finding or
 *   a duplicate cluster: only what changed since the previous snapshot (the
 *   first one is the baseline), one notification per group and topic;
 * - the groups with APIs in a campaign's scope when it starts, a week before
 *   it is due and when it is overdue, each once;
 * - what the added {@link NotificationSource}s collect.
 *
 * What it decides is stored by key before it is sent, so no replica and no
 * restart sends it twice; what could not be sent is tried again after the
 * next snapshots.
 *
 * @internal
 */
export class ApiOpsNotifier implements CampaignProgressObserver {
  private constructor(
    private readonly options: {
      store: NotificationStore;
      notifications: NotificationService;
      logger: LoggerService;
      /** The group told about APIs with no valid owner. */
      platformTeam?: string;
      sources?: readonly NotificationSource[];
      /** The time the campaign events are taken at; the snapshot's time by default. */
      now?: () => Date;
    },
  ) {}

  static create(options: ApiOpsNotifier['options']): ApiOpsNotifier {
    return new ApiOpsNotifier(options);
  }

  async campaignsEvaluated(
    snapshot: CompletedSnapshot,
    evaluated: {
      campaigns: readonly Campaign[];
      results: readonly CampaignSnapshotResult[];
      clustersOf(entityRef: string): CampaignApiFacts['clusters'];
    },
  ): Promise<void> {
    const { store, logger, platformTeam, sources = [] } = this.options;
    const baselineSnapshot = await store.getBaselineSnapshot();
    if (
      baselineSnapshot !== undefined &&
      Number(baselineSnapshot) >= Number(snapshot.snapshotId)
    ) {
      // A newer snapshot was compared already.
      return;
    }
    const hasBaseline = baselineSnapshot !== undefined;
    const apis = snapshot.apis.map(api => api.result);
    const owners = ownerChangeNotices({
      snapshotId: snapshot.snapshotId,
      apis,
      clustersOf: evaluated.clustersOf,
      previous: hasBaseline ? await store.getBaseline() : undefined,
      ownership: snapshot.ownership,
      platformTeam,
    });
    if (owners.untold > 0) {
      logger.info(
        `Snapshot ${snapshot.snapshotId}: ${owners.untold} API(s) with no valid owner have something new and nobody to tell; set apiops.notifications.platformTeam`,
      );
    }

    const now = this.options.now?.() ?? snapshot.completedAt;
    const campaignInput = {
      snapshotId: snapshot.snapshotId,
      campaigns: evaluated.campaigns,
      results: evaluated.results,
      ownership: snapshot.ownership,
      platformTeam,
      now,
    };
    const candidates = campaignNotices({ ...campaignInput, known: new Set() });
    const known = await store.knownKeys(
      candidates.flatMap(n => (n.covers ?? []).map(c => c.key)),
    );
    const campaign = campaignNotices({ ...campaignInput, known });

    const more: Notice[] = [];
    for (const source of sources) {
      try {
        more.push(
          ...(await source.collect({
            snapshot,
            hasBaseline,
            recipientOf: api =>
              recipientOf(api, snapshot.ownership, platformTeam),
          })),
        );
      } catch (error) {
        logger.error(
          `Notifications of ${source.name} for snapshot ${
            snapshot.snapshotId
          } failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }

    await store.advance(snapshot.snapshotId, owners.baseline, [
      ...owners.notices,
      ...campaign,
      ...more,
    ]);
    await this.deliver();
  }

  /**
   * Sends what is pending, in batches; stops at the first failure (the
   * notifications backend is down or not installed): the rest stays
   * pending for the next snapshot.
   */
  async deliver(): Promise<{ sent: number; failed: number }> {
    const { store, notifications, logger } = this.options;
    let sent = 0;
    for (;;) {
      const batch = await store.claim({
        limit: SEND_BATCH,
        staleAfterMs: CLAIM_TIMEOUT_MS,
      });
      if (!batch.length) return { sent, failed: 0 };
      for (let i = 0; i < batch.length; i++) {
        const notice = batch[i];
        try {
          await notifications.send({
            recipients: { type: 'entity', entityRef: notice.recipient },
            payload: {
              ...notice.payload,
              topic: notice.topic,
              scope: notice.key,
            },
          });
          await store.markSent(notice.key);
          sent += 1;
        } catch (error) {
          const message =
            error instanceof Error ? error.message : String(error);
          // This one and the rest of the batch wait for the next snapshot.
          await store.markFailed(notice.key, message, MAX_SEND_ATTEMPTS);
          for (const rest of batch.slice(i + 1)) {
            await store.release(rest.key);
          }
          logger.warn(
            `Could not send APIOps notifications (is @backstage/plugin-notifications-backend installed? set apiops.notifications.enabled: false if not); they are tried again after the next snapshot: ${message}`,
          );
          return { sent, failed: batch.length - i };
        }
      }
    }
  }
}
