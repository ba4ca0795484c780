import type {
  FragmentationCluster,
  ReportPage,
} from '@apiops-backstage/plugin-apiops-common';
import { REPORT_PAGE_MAX_LIMIT } from '../database/SnapshotStore';
import type { EntityVisibility } from './CatalogVisibility';

/** What the message of a cluster says in place of an API the caller may not read. */
export const HIDDEN_API = 'an API you may not see';

/**
 * Each item as the caller may see it, in place: the item when the caller may
 * read its ref (from `refOf`) in the catalog, otherwise undefined.
 *
 * @internal
 */
export async function seenByRef<T>(
  visibility: EntityVisibility,
  items: T[],
  refOf: (item: T) => string,
): Promise<Array<T | undefined>> {
  if (visibility.all) {
    return items;
  }
  const visible = await visibility.visible(items.map(refOf));
  return items.map(item => (visible.has(refOf(item)) ? item : undefined));
}

/**
 * The items of a list the caller may see, in their order.
 *
 * @internal
 */
export async function visibleByRef<T>(
  visibility: EntityVisibility,
  items: T[],
  refOf: (item: T) => string,
): Promise<T[]> {
  return shown(await seenByRef(visibility, items, refOf));
}

/**
 * Each cluster as the caller may see it, in place (see
 * {@link visibleCluster}): undefined when it may see fewer than two members
 * (one for a `style-inconsistency`, whose members are outliers that each
 * stand alone).
 *
 * @internal
 */
export async function seenClusters(
  visibility: EntityVisibility,
  clusters: FragmentationCluster[],
): Promise<Array<FragmentationCluster | undefined>> {
  if (visibility.all) {
    return clusters;
  }
  const visible = await visibility.visible(clusters.flatMap(clusterRefs));
  return clusters.map(cluster => visibleCluster(cluster, visible));
}

function shown<T>(items: Array<T | undefined>): T[] {
  return items.filter((item): item is T => item !== undefined);
}

/**
 * The clusters as the caller may see them: members it may not read left out,
 * with their refs in the details and the message; a cluster left with fewer
 * than two visible members is left out. Score and shared operations stay as
 * stored (they describe the cluster as the snapshot found it).
 *
 * @internal
 */
export async function visibleClusters(
  visibility: EntityVisibility,
  clusters: FragmentationCluster[],
): Promise<FragmentationCluster[]> {
  return shown(await seenClusters(visibility, clusters));
}

/** The API refs a cluster names: its members and the refs of its details. */
function clusterRefs(cluster: FragmentationCluster): string[] {
  const refs = cluster.members.map(member => member.entityRef);
  if (cluster.type === 'version-sprawl') {
    refs.push(...cluster.details.retiredMembers);
  }
  return refs;
}

/**
 * One cluster with only the APIs of `visible`, or undefined when fewer than
 * two of its members are visible (none, for a `style-inconsistency`: its
 * members are the outliers of a scope's convention, and one is a finding).
 *
 * @internal
 */
export function visibleCluster(
  cluster: FragmentationCluster,
  visible: ReadonlySet<string>,
): FragmentationCluster | undefined {
  const members = cluster.members.filter(m => visible.has(m.entityRef));
  if (members.length < (cluster.type === 'style-inconsistency' ? 1 : 2)) {
    return undefined;
  }
  const hidden = clusterRefs(cluster).filter(ref => !visible.has(ref));
  if (hidden.length === 0) {
    return cluster;
  }
  const message = redactRefs(cluster.message, hidden);
  const counts = <T>(record: Record<string, T>) =>
    Object.fromEntries(
      Object.entries(record).filter(([ref]) => visible.has(ref)),
    );
  const styles = (record: Record<string, string[] | undefined>) =>
    Object.fromEntries(
      Object.entries(record).flatMap(([style, refs]) => {
        const kept = (refs ?? []).filter(ref => visible.has(ref));
        return kept.length > 0 ? [[style, kept]] : [];
      }),
    );
  const memberOwners = new Set(members.map(m => m.owner));
  const visibleOwners = (owners: string[]) =>
    owners.filter(owner => memberOwners.has(owner));
  const visiblePairs = <T extends { from: string; to: string }>(pairs: T[]) =>
    pairs.filter(pair => visible.has(pair.from) && visible.has(pair.to));
  switch (cluster.type) {
    case 'duplicate':
      return {
        ...cluster,
        members,
        message,
        details: {
          ...cluster.details,
          operationCounts: counts(cluster.details.operationCounts),
          pairs: visiblePairs(cluster.details.pairs),
        },
      };
    case 'overlap':
      // The finding is about the container: without it, nothing is left.
      if (!visible.has(cluster.details.container)) {
        return undefined;
      }
      return {
        ...cluster,
        members,
        message,
        details: {
          ...cluster.details,
          contained: cluster.details.contained.filter(ref => visible.has(ref)),
          operationCounts: counts(cluster.details.operationCounts),
          pairs: visiblePairs(cluster.details.pairs),
        },
      };
    case 'family':
      return {
        ...cluster,
        members,
        message,
        details: {
          ...cluster.details,
          operationCounts: counts(cluster.details.operationCounts),
          owners: visibleOwners(cluster.details.owners),
        },
      };
    case 'version-sprawl':
      return {
        ...cluster,
        members,
        message,
        details: {
          ...cluster.details,
          retiredMembers: cluster.details.retiredMembers.filter(ref =>
            visible.has(ref),
          ),
        },
      };
    case 'name-collision': {
      const systems = new Set(members.map(m => m.system));
      return {
        ...cluster,
        members,
        message,
        details: {
          ...cluster.details,
          owners: visibleOwners(cluster.details.owners),
          systems: cluster.details.systems.filter(s => systems.has(s)),
        },
      };
    }
    case 'style-inconsistency':
      return {
        ...cluster,
        members,
        message,
        details: {
          ...cluster.details,
          pathCasing: styles(cluster.details.pathCasing),
          versioning: styles(cluster.details.versioning),
        },
      };
    default:
      return { ...(cluster as FragmentationCluster), members, message };
  }
}

/**
 * The text with each of the refs replaced by {@link HIDDEN_API}; a ref is
 * replaced only where it stands whole (`api:default/a` is not a part of
 * `api:default/a-v2`).
 *
 * @internal
 */
export function redactRefs(text: string, refs: readonly string[]): string {
  let result = text;
  for (const ref of refs) {
    let from = 0;
    for (;;) {
      const at = result.indexOf(ref, from);
      if (at < 0) break;
      const end = at + ref.length;
      // A name ends with a letter or a digit: a dot after it ends a sentence.
      const after = result.charAt(end);
      const whole =
        !isRefChar(result.charAt(at - 1)) &&
        (!isRefChar(after) ||
          (after === '.' && !isRefChar(result.charAt(end + 1))));
      if (whole) {
        result = result.slice(0, at) + HIDDEN_API + result.slice(end);
        from = at + HIDDEN_API.length;
      } else {
        from = end;
      }
    }
  }
  return result;
}

function isRefChar(char: string): boolean {
  return /[A-Za-z0-9._:/-]/.test(char);
}

/**
 * A page of `limit` items the caller may see, or fewer when the store has no
 * more, with the cursor right after the last store item it consumed. Store
 * cursors stay opaque, so the page only ever ends where a store page ends:
 *
 * - the first read asks for exactly `limit` items: when the caller may see
 *   them all (the usual case), it is the only read;
 * - when some were hidden, the store is read ahead a whole page
 *   (`lookahead`, the largest page) at a time from where the last read
 *   ended; when a read holds the missing items, it is read again from the
 *   same cursor for exactly as many items as it takes to reach the last one
 *   needed, so that this read ends, and the next page resumes, right after
 *   it. The visibility of the refs of the first read is remembered, so the
 *   read again asks nothing more of the catalog.
 *
 * So a page costs at most one store read per `lookahead` items scanned plus
 * two, however sparse the visible items are.
 *
 * @internal
 */
export async function fillPage<T>(
  request: { limit: number; cursor?: string },
  read: (page: { limit: number; cursor?: string }) => Promise<ReportPage<T>>,
  seen: (items: T[]) => Promise<Array<T | undefined>>,
  lookahead = REPORT_PAGE_MAX_LIMIT,
): Promise<ReportPage<T>> {
  const items: T[] = [];
  let cursor = request.cursor;
  let limit = request.limit;
  for (;;) {
    const need = request.limit - items.length;
    let page = await read({ limit, cursor });
    let kept = await seen(page.items);
    const last = indexOfNth(kept, need);
    if (last !== undefined && last + 1 < page.items.length) {
      // Read ahead too far: end this read right after the last item needed.
      page = await read({ limit: last + 1, cursor });
      kept = await seen(page.items);
    }
    items.push(...shown(kept).slice(0, need));
    cursor = page.nextCursor;
    if (!cursor || items.length >= request.limit || !page.items.length) {
      return cursor ? { items, nextCursor: cursor } : { items };
    }
    limit = Math.max(lookahead, request.limit - items.length);
  }
}

/** The index of the `n`th item that is not undefined, if there are `n`. */
function indexOfNth<T>(
  items: Array<T | undefined>,
  n: number,
): number | undefined {
  let count = 0;
  for (let i = 0; i < items.length; i++) {
    if (items[i] !== undefined && ++count === n) {
      return i;
    }
  }
  return undefined;
}
