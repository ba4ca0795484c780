import { parseEntityRef } from '@backstage/catalog-model';
import {
  APIOPS_NOTIFICATION_TOPICS,
  ApiSnapshotResult,
  CampaignApiFacts,
  EntityRefKey,
  OwnershipIndex,
} from '@apiops-backstage/plugin-apiops-common';
import type { NotificationSeverity } from '@backstage/plugin-notifications-common';
import { ApiNoticeState, Notice } from './NotificationStore';
import { recipientOf } from './recipientOf';

/** The most APIs a notification names; the link shows them all. */
export const MAX_LISTED = 5;

/** The cluster types owners are told about. */
const NOTIFIED_CLUSTER_TYPES = new Set(['duplicate']);

/**
 * What an API has that its owners are told about when it is new: its
 * ownership gap types, the rules of its error findings (but `valid-owner`,
 * which repeats the ownership gaps), and the undismissed duplicate clusters
 * it is in.
 *
 * @internal
 */
export function noticeStateOf(
  result: ApiSnapshotResult,
  clusters: CampaignApiFacts['clusters'],
): ApiNoticeState {
  const unique = (values: string[]) => [...new Set(values)].sort();
  return {
    gaps: unique(result.owner.gaps.map(gap => gap.type)),
    errors: unique(
      result.governance.findings
        .filter(f => f.severity === 'error' && f.ruleId !== 'valid-owner')
        .map(f => f.ruleId),
    ),
    clusters: unique(
      clusters
        .filter(c => NOTIFIED_CLUSTER_TYPES.has(c.type) && !c.dismissed)
        .map(c => c.id),
    ),
  };
}

function isEmpty(state: ApiNoticeState): boolean {
  return !state.gaps.length && !state.errors.length && !state.clusters.length;
}

type Kind = 'gaps' | 'errors' | 'clusters';

const TOPIC_OF: Record<Kind, string> = {
  gaps: APIOPS_NOTIFICATION_TOPICS.ownershipGap,
  errors: APIOPS_NOTIFICATION_TOPICS.errorFinding,
  clusters: APIOPS_NOTIFICATION_TOPICS.duplicateCluster,
};

const SEVERITY_OF: Record<Kind, NotificationSeverity> = {
  gaps: 'high',
  errors: 'high',
  clusters: 'normal',
};

/** One API with something new of one kind. */
interface Item {
  result: ApiSnapshotResult;
  /** What is new, as lines for the description. */
  lines: string[];
}

/**
 * The notices of a snapshot about what is new since the baseline: per group
 * told and topic (ownership gaps, error findings, duplicate clusters), one
 * notice listing the APIs, with a link to where the portal shows them. An
 * API with no valid owner (none, a placeholder, a person, an unknown or
 * empty group) goes to the platform team, when one is configured. Also the
 * new baseline (the APIs with something).
 *
 * @internal
 */
export function ownerChangeNotices(input: {
  snapshotId: string;
  apis: readonly ApiSnapshotResult[];
  clustersOf(entityRef: string): CampaignApiFacts['clusters'];
  /** The baseline; undefined at the first snapshot (no notice then). */
  previous: Map<string, ApiNoticeState> | undefined;
  ownership: OwnershipIndex;
  platformTeam?: string;
}): {
  baseline: Map<string, ApiNoticeState>;
  notices: Notice[];
  /** APIs with something new and nobody to tell (no platform team). */
  untold: number;
} {
  const { snapshotId, previous, ownership, platformTeam } = input;
  const baseline = new Map<string, ApiNoticeState>();
  /** `${kind} ${recipient}` → the APIs with something new of that kind. */
  const grouped = new Map<
    string,
    { kind: Kind; recipient: string; items: Item[] }
  >();
  let untold = 0;
  for (const result of input.apis) {
    const entityRef = result.entityRef.toLocaleLowerCase('en-US');
    const clusters = input.clustersOf(entityRef);
    const state = noticeStateOf(result, clusters);
    if (!isEmpty(state)) baseline.set(entityRef, state);
    if (!previous) continue;
    const before = previous.get(entityRef);
    const fresh = (kind: Kind) =>
      state[kind].filter(value => !before?.[kind].includes(value));
    const news: Array<[Kind, string[]]> = [];
    const gaps = fresh('gaps');
    if (gaps.length) {
      news.push([
        'gaps',
        result.owner.gaps
          .filter(gap => gaps.includes(gap.type))
          .map(gap => gap.message),
      ]);
    }
    const errors = fresh('errors');
    if (errors.length) {
      news.push([
        'errors',
        result.governance.findings
          .filter(f => f.severity === 'error' && errors.includes(f.ruleId))
          .map(f => `${f.ruleId}: ${f.message}`),
      ]);
    }
    const clusterIds = fresh('clusters');
    if (clusterIds.length) {
      news.push([
        'clusters',
        clusters
          .filter(c => clusterIds.includes(c.id))
          .map(
            c =>
              `in the duplicate cluster ${c.id} with ${
                c.memberCount - 1
              } other API${c.memberCount === 2 ? '' : 's'}`,
          ),
      ]);
    }
    if (!news.length) continue;
    const recipient = recipientOf(result, ownership, platformTeam);
    if (!recipient) {
      untold += 1;
      continue;
    }
    for (const [kind, lines] of news) {
      const groupKey = `${kind} ${recipient}`;
      let group = grouped.get(groupKey);
      if (!group) {
        group = { kind, recipient, items: [] };
        grouped.set(groupKey, group);
      }
      group.items.push({ result, lines });
    }
  }

  const notices = [...grouped.values()].map(({ kind, recipient, items }) => {
    const topic = TOPIC_OF[kind];
    const team =
      ownership.getEntry(recipient as EntityRefKey)?.title ?? nameOf(recipient);
    const forPlatform =
      recipient === platformTeam &&
      items.some(i => !ownsIt(i.result, recipient));
    return {
      key: `${topic}:${recipient}:${snapshotId}`,
      topic,
      recipient,
      payload: {
        title: titleOf(kind, items, team, forPlatform),
        description: describe(items),
        link: linkOf(kind, items, recipient, forPlatform),
        severity: SEVERITY_OF[kind],
      },
    };
  });
  return { baseline, notices, untold };
}

function ownsIt(result: ApiSnapshotResult, group: string): boolean {
  return result.owner.ref?.toLocaleLowerCase('en-US') === group;
}

function titleOf(
  kind: Kind,
  items: Item[],
  team: string,
  forPlatform: boolean,
): string {
  const one = items.length === 1 ? items[0].result.title : undefined;
  const whose = forPlatform ? 'with no valid owner' : `of ${team}`;
  switch (kind) {
    case 'gaps':
      return one
        ? `${one} has a new ownership gap`
        : `${items.length} APIs ${whose} have new ownership gaps`;
    case 'errors':
      return one
        ? `${one} has a new error finding`
        : `${items.length} APIs ${whose} have new error findings`;
    default:
      return one
        ? `${one} is in a new duplicate cluster`
        : `${items.length} APIs ${whose} are in new duplicate clusters`;
  }
}

/** One line per API (at most {@link MAX_LISTED}), then how many more. */
function describe(items: Item[]): string {
  const lines = items
    .slice(0, MAX_LISTED)
    .map(({ result, lines: what }) => `${result.title}: ${what.join('; ')}`);
  if (items.length > MAX_LISTED) {
    lines.push(`and ${items.length - MAX_LISTED} more`);
  }
  return lines.join('\n');
}

/**
 * Where the portal shows what is new: the API's APIOps tab for one API; for
 * several, the ownership gaps of the team (or of every unowned API), the
 * team's APIOps tab, or the team's duplicate clusters.
 */
function linkOf(
  kind: Kind,
  items: Item[],
  recipient: string,
  forPlatform: boolean,
): string {
  if (items.length === 1) {
    return apiTabLink(items[0].result.entityRef);
  }
  const owner = encodeURIComponent(recipient);
  switch (kind) {
    case 'gaps': {
      if (!forPlatform) return `/apiops/ownership?gapOwner=${owner}`;
      const types = new Set(
        items.flatMap(i => i.result.owner.gaps.map(g => g.type)),
      );
      return `/apiops/ownership?${[...types]
        .sort()
        .map(type => `gapType=${type}`)
        .join('&')}`;
    }
    case 'errors':
      return forPlatform ? '/apiops/ownership' : entityTabLink(recipient);
    default:
      return forPlatform
        ? '/apiops/fragmentation?clusterType=duplicate'
        : `/apiops/fragmentation?clusterType=duplicate&clusterOwner=${owner}`;
  }
}

/** The APIOps tab of an API entity. */
export function apiTabLink(entityRef: string): string {
  return entityTabLink(entityRef);
}

/** The APIOps tab of an entity (API or group). */
export function entityTabLink(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(name)}/apiops`;
}

/** The name of an entity ref, for a title when the catalog has none. */
export function nameOf(entityRef: string): string {
  return entityRef.slice(entityRef.indexOf('/') + 1);
}
