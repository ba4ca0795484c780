import { useCallback } from 'react';
import { useRouteRef } from '@backstage/core-plugin-api';
import { rootRouteRef } from '../../routes';

/**
 * The path of the APIOps page: resolved in either frontend system (the
 * `@backstage/core-plugin-api` hook reads the new system's route resolution
 * or the legacy app's routing context; the new system's own hook needs the
 * former, which a legacy app does not have), `/apiops` when the app does not
 * mount the page.
 */
function useApiOpsPagePath(): string {
  try {
    // Every hook inside runs before it throws, so the order of hooks holds.
    return useRouteRef(rootRouteRef)();
  } catch {
    return '/apiops';
  }
}

/**
 * The link to a campaign's page on the APIOps page (with a team, its view
 * of the campaign), from anywhere in the app.
 */
export function useCampaignLink() {
  const base = useApiOpsPagePath().replace(/\/+$/, '');
  return useCallback(
    (id: string, team?: string) =>
      `${base}/campaigns/${encodeURIComponent(id)}${
        team ? `?team=${encodeURIComponent(team)}` : ''
      }`,
    [base],
  );
}
