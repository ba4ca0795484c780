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
