import type {
  FragmentationCluster,
  ReportPage,
} from '@apiops-backstage/plugin-apiops-common';
import type { EntityVisibility } from './CatalogVisibility';

/** What the message of a cluster says in place of an API the caller may not read. */
export const HIDDEN_API = 'an API you may not see';

/**
 * The items of a list the caller may see, in their order: those whose ref
 * (from `refOf`) it may read in the catalog.
 *
 * @internal
 */
export async function visibleByRef<T>(
  visibility: EntityVisibility,
  items: T[],
  refOf: (item: T) => string,
): Promise<T[]> {
  if (visibility.all) {
    return items;
  }
  const visible = await visibility.visible(items.map(refOf));
  return items.filter(item => visible.has(refOf(item)));
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
  if (visibility.all) {
    return clusters;
  }
  const visible = await visibility.visible(clusters.flatMap(clusterRefs));
  return clusters.flatMap(cluster => {
    const seen = visibleCluster(cluster, visible);
    return seen ? [seen] : [];
  });
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
 * two of its members are visible.
 *
 * @internal
 */
export function visibleCluster(
  cluster: FragmentationCluster,
  visible: ReadonlySet<string>,
): FragmentationCluster | undefined {
  const members = cluster.members.filter(m => visible.has(m.entityRef));
  if (members.length < 2) {
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
  switch (cluster.type) {
    case 'duplicate':
      return {
        ...cluster,
        members,
        message,
        details: {
          ...cluster.details,
          operationCounts: counts(cluster.details.operationCounts),
        },
      };
    case 'overlap': // two members: both are visible here
      return cluster;
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
      const owners = new Set(members.map(m => m.owner));
      const systems = new Set(members.map(m => m.system));
      return {
        ...cluster,
        members,
        message,
        details: {
          ...cluster.details,
          owners: cluster.details.owners.filter(o => owners.has(o)),
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
 * more: reads the store from `cursor`, asking each time for exactly the
 * number of items still needed, so that the cursor of the last store page is
 * where the next page resumes. Store cursors stay opaque.
 *
 * @internal
 */
export async function fillPage<T>(
  request: { limit: number; cursor?: string },
  read: (page: { limit: number; cursor?: string }) => Promise<ReportPage<T>>,
  keep: (items: T[]) => Promise<T[]>,
): Promise<ReportPage<T>> {
  const items: T[] = [];
  let cursor = request.cursor;
  for (;;) {
    const page = await read({ limit: request.limit - items.length, cursor });
    items.push(...(await keep(page.items)));
    cursor = page.nextCursor;
    if (!cursor || items.length >= request.limit || !page.items.length) {
      return cursor ? { items, nextCursor: cursor } : { items };
    }
  }
}
