import { useCallback } from 'react';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { rootRouteRef } from '../../routes';

/**
 * The link to a campaign's page on the APIOps page (with a team, its view
 * of the campaign), from anywhere in the app; `/apiops` when the app has no
 * route to the page.
 */
export function useCampaignLink() {
  // Undefined in an app that does not mount the APIOps page.
  const root = useRouteRef(rootRouteRef);
  const base = (root?.() ?? '/apiops').replace(/\/+$/, '');
  return useCallback(
    (id: string, team?: string) =>
      `${base}/campaigns/${encodeURIComponent(id)}${
        team ? `?team=${encodeURIComponent(team)}` : ''
      }`,
    [base],
  );
}
