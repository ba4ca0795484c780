import {
  CHANGE_CLASSES,
  type ChangeClass,
  type ChangeReportFilters,
} from '@apiops-backstage/plugin-apiops-common';

/**
 * The filters of the changes report in the page URL: `changeClass` (one
 * class, or `all`; breaking when absent), `changeOwner`, `changeSystem`,
 * `changeSince` (a day, `YYYY-MM-DD`).
 */
export const CHANGES_URL = {
  prefix: 'change',
  typeName: 'Class',
  since: 'changeSince',
} as const;

/** The class filter of the URL that shows every class. */
export const ALL_CLASSES = 'all';

/** A class filter of the URL: one class, or every class. */
export type ChangeClassFilter = ChangeClass | typeof ALL_CLASSES;

/** The values of `changeClass` the report knows. */
export const CHANGE_CLASS_FILTERS: readonly ChangeClassFilter[] = [
  ...CHANGE_CLASSES,
  ALL_CLASSES,
];

/** The class the report shows by default: the breaking changes. */
export const DEFAULT_CHANGE_CLASS: ChangeClass = 'breaking';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The `since` of the query for a day of the URL: its start, in UTC. */
export function sinceOfDay(day: string | undefined): string | undefined {
  if (!day || !DAY.test(day)) return undefined;
  const time = Date.parse(`${day}T00:00:00.000Z`);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** The query of the changes report for the filters of the URL. */
export function changeReportQuery(options: {
  classFilter?: ChangeClassFilter;
  owner?: string;
  system?: string;
  sinceDay?: string;
}): ChangeReportFilters {
  const classFilter = options.classFilter ?? DEFAULT_CHANGE_CLASS;
  return {
    class: classFilter === ALL_CLASSES ? undefined : classFilter,
    owner: options.owner || undefined,
    system: options.system || undefined,
    since: sinceOfDay(options.sinceDay),
  };
}

/**
 * The search of a URL that opens the changes report with these filters,
 * e.g. `?changeClass=all&changeSince=2026-12-01`.
 */
export function changeReportSearch(filters: {
  classFilter?: ChangeClassFilter;
  owner?: string;
  system?: string;
  sinceDay?: string;
}): string {
  const params = new URLSearchParams();
  if (filters.classFilter) {
    params.set(
      `${CHANGES_URL.prefix}${CHANGES_URL.typeName}`,
      filters.classFilter,
    );
  }
  if (filters.owner) params.set(`${CHANGES_URL.prefix}Owner`, filters.owner);
  if (filters.system) params.set(`${CHANGES_URL.prefix}System`, filters.system);
  if (filters.sinceDay) params.set(CHANGES_URL.since, filters.sinceDay);
  const search = params.toString();
  return search ? `?${search}` : '';
}
