import {
  APIOPS_NOTIFICATION_TOPICS,
  ApiChangeEvent,
  EntityRefKey,
  tryEntityRefKey,
} from '@apiops-backstage/plugin-apiops-common';
import type { ChangeStore } from '../database/ChangeStore';
import type {
  NotificationSource,
  NotificationSourceInput,
} from '../notifications/ApiOpsNotifier';
import type { Notice } from '../notifications/NotificationStore';
import { apiTabLink, nameOf } from '../notifications/ownerChangeNotices';

/** Events read per page of a snapshot's breaking changes. */
const PAGE = 500;
/** The most APIs a notification names. */
const MAX_LISTED = 5;

/**
 * Tells the owners of the components that consume an API when a snapshot
 * finds a breaking change of it (topic `apiops-breaking-change`): one
 * notification per team per snapshot, listing the APIs and the consuming
 * components of the team, linking to the API's APIOps tab. A consumer whose
 * owner is not a group with members is told through the platform team.
 * Only the changes found between two consecutive snapshots are told (the
 * first sight of an API is its baseline and has no change).
 *
 * @internal
 */
export class BreakingChangeNotices implements NotificationSource {
  readonly name = 'the breaking changes';

  private constructor(
    private readonly store: ChangeStore,
    private readonly platformTeam?: string,
  ) {}

  static create(options: {
    store: ChangeStore;
    platformTeam?: string;
  }): BreakingChangeNotices {
    return new BreakingChangeNotices(options.store, options.platformTeam);
  }

  async collect({ snapshot }: NotificationSourceInput): Promise<Notice[]> {
    const events: ApiChangeEvent[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.listEvents({
        snapshotId: snapshot.snapshotId,
        class: 'breaking',
        limit: PAGE,
        cursor,
      });
      events.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const { ownership } = snapshot;
    const platform = tryEntityRefKey(this.platformTeam, {
      defaultKind: 'group',
    });
    const byTeam = new Map<
      string,
      Map<string, { event: ApiChangeEvent; consumers: string[] }>
    >();
    for (const event of events) {
      for (const consumer of event.consumers) {
        const owner = tryEntityRefKey(consumer.owner, { defaultKind: 'group' });
        const recipient =
          owner &&
          ownership.getEntry(owner as EntityRefKey)?.kind === 'group' &&
          ownership.getMemberCount(owner as EntityRefKey) > 0
            ? owner
            : platform;
        if (!recipient) continue;
        let apis = byTeam.get(recipient);
        if (!apis) {
          apis = new Map();
          byTeam.set(recipient, apis);
        }
        const entry = apis.get(event.entityRef) ?? { event, consumers: [] };
        entry.consumers.push(consumer.title ?? nameOf(consumer.entityRef));
        apis.set(event.entityRef, entry);
      }
    }
    const topic = APIOPS_NOTIFICATION_TOPICS.breakingChange;
    return [...byTeam].map(([recipient, apis]) => {
      const items = [...apis.values()];
      const one = items.length === 1 ? items[0].event : undefined;
      const titleOf = (e: ApiChangeEvent) => e.title ?? nameOf(e.entityRef);
      const lines = items.slice(0, MAX_LISTED).map(({ event, consumers }) => {
        const first = event.changes.find(c => c.class === 'breaking');
        return `${titleOf(event)}: ${event.counts.breaking} breaking change(s)${
          first ? `, e.g. ${first.description}` : ''
        }; consumed by ${[...new Set(consumers)].join(', ')}`;
      });
      if (items.length > MAX_LISTED) {
        lines.push(`and ${items.length - MAX_LISTED} more`);
      }
      return {
        key: `${topic}:${recipient}:${snapshot.snapshotId}`,
        topic,
        recipient,
        payload: {
          title: one
            ? `${titleOf(
                one,
              )}, which your components consume, has a breaking change`
            : `${items.length} APIs your components consume have breaking changes`,
          description: lines.join('\n'),
          // The API's APIOps tab (the first, most breaking, of several).
          link: apiTabLink(
            [...items].sort(
              (a, b) => b.event.counts.breaking - a.event.counts.breaking,
            )[0].event.entityRef,
          ),
          severity: 'high',
        },
      };
    });
  }
}
