import { useCallback } from 'react';
import { useLocation } from 'react-router-dom';

/** The sections of the APIOps page, each at its own path under the page's. */
export const API_OPS_SECTIONS = [
  'summary',
  'apis',
  'ownership',
  'fragmentation',
  'teams',
] as const;

/** A section of the APIOps page. */
export type ApiOpsSection = (typeof API_OPS_SECTIONS)[number];

const SECTION_AT_END = new RegExp(`/(${API_OPS_SECTIONS.join('|')})/?$`);

/**
 * The section of the APIOps page the URL shows (`/apiops/apis`: every API;
 * `/apiops/ownership`: the ownership gaps; the page's own path: the
 * summary), and the link to a
 * section with a search, e.g. the filters of its report. Read from the
 * path, so the page works wherever an app mounts it, in either frontend
 * system.
 */
export function useApiOpsSection() {
  const { pathname } = useLocation();
  const match = SECTION_AT_END.exec(pathname);
  const section: ApiOpsSection = match
    ? (match[1] as ApiOpsSection)
    : 'summary';
  const base = (match ? pathname.slice(0, match.index) : pathname).replace(
    /\/+$/,
    '',
  );
  const pathOf = useCallback(
    (to: ApiOpsSection, search = '') => `${base}/${to}${search}`,
    [base],
  );
  return { section, pathOf };
}
