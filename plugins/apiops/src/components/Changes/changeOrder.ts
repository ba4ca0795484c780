import {
  CHANGE_CLASSES,
  type ApiChange,
  type ChangeClass,
  type ChangeCounts,
} from '@apiops-backstage/plugin-apiops-common';

/** The changes of each class, most severe class first; classes without any left out. */
export function groupByClass(
  changes: readonly ApiChange[],
): Array<{ changeClass: ChangeClass; changes: ApiChange[] }> {
  return CHANGE_CLASSES.map(changeClass => ({
    changeClass,
    changes: changes.filter(change => change.class === changeClass),
  })).filter(group => group.changes.length > 0);
}

/** The classes with at least one change, most severe first, with their counts. */
export function countedClasses(
  counts: Partial<ChangeCounts> | undefined,
): Array<{ changeClass: ChangeClass; count: number }> {
  return CHANGE_CLASSES.map(changeClass => ({
    changeClass,
    count: counts?.[changeClass] ?? 0,
  })).filter(({ count }) => count > 0);
}

/**
 * The major version of a version string (`2.1.0`, `v2`), when it starts
 * with one.
 */
export function majorOf(version: string | undefined): number | undefined {
  const match = /^\s*v?(\d+)/i.exec(version ?? '');
  return match ? Number(match[1]) : undefined;
}

/**
 * Whether breaking changes came without a new major version: both
 * definitions give a version and their majors are the same.
 */
export function breakingWithoutMajorBump(event: {
  counts?: Partial<ChangeCounts>;
  fromVersion?: string;
  toVersion?: string;
}): boolean {
  if (!event.counts?.breaking) return false;
  const from = majorOf(event.fromVersion);
  const to = majorOf(event.toVersion);
  return from !== undefined && to !== undefined && from === to;
}
