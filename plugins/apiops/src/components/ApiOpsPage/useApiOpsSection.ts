import { useCallback } from 'react';
import { useLocation } from 'react-router-dom';

/** The sections of the APIOps page, each at its own path under the page's. */
export const API_OPS_SECTIONS = [
  'summary',
  'apis',
  'ownership',
  'fragmentation',
  'changes',
  'teams',
  'campaigns',
] as const;

/** A section of the APIOps page. */
export type ApiOpsSection = (typeof API_OPS_SECTIONS)[number];

/** A section at the end of the path, or a campaign of the campaigns section. */
const SECTION_AT_END = new RegExp(
  `/(?:(${API_OPS_SECTIONS.join('|')})|campaigns/([1-9][0-9]*))/?$`,
);

/**
 * The section of the APIOps page the URL shows (`/apiops/apis`: every API;
 * `/apiops/ownership`: the ownership gaps; `/apiops/changes`: the changes
 * of the APIs' definitions; the page's own path: the
 * summary; `/apiops/campaigns/3`: the page of campaign 3), and the link to a
 * section with a search, e.g. the filters of its report. Read from the
 * path, so the page works wherever an app mounts it, in either frontend
 * system.
 */
export function useApiOpsSection() {
  const { pathname } = useLocation();
  const match = SECTION_AT_END.exec(pathname);
  const campaignId = match?.[2];
  let section: ApiOpsSection = 'summary';
  if (campaignId) {
    section = 'campaigns';
  } else if (match) {
    section = match[1] as ApiOpsSection;
  }
  const base = (match ? pathname.slice(0, match.index) : pathname).replace(
    /\/+$/,
    '',
  );
  const pathOf = useCallback(
    (to: ApiOpsSection, search = '') => `${base}/${to}${search}`,
    [base],
  );
  /** A campaign's page, in the campaigns section. */
  const campaignPathOf = useCallback(
    (id: string, search = '') => `${base}/campaigns/${id}${search}`,
    [base],
  );
  return { section, pathOf, campaignId, campaignPathOf };
}
