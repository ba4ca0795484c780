import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  ApiCampaignFailure,
  CampaignFailingApi,
  CampaignProgressReport,
  CampaignRequest,
  CampaignTeamProgress,
  CampaignWithProgress,
  ReportPage,
} from '@apiops-backstage/plugin-apiops-common';

/**
 * The campaigns of the APIOps backend, as the frontend uses them: goals for
 * the APIs of a scope, with a start and a due date, and the progress the
 * snapshots computed for them.
 *
 * @public
 */
export interface CampaignsApi {
  /** A page of the campaigns, newest first; with `team`, those it has APIs in. */
  listCampaigns(options?: {
    team?: string;
    limit?: number;
    cursor?: string;
  }): Promise<ReportPage<CampaignWithProgress>>;
  /** A campaign with its progress. */
  getCampaign(id: string): Promise<CampaignWithProgress>;
  /** Creates a campaign (needs `apiops.campaign.manage`). */
  createCampaign(request: CampaignRequest): Promise<CampaignWithProgress>;
  /** Changes a campaign (needs `apiops.campaign.manage`). */
  updateCampaign(
    id: string,
    request: CampaignRequest,
  ): Promise<CampaignWithProgress>;
  /** Deletes a campaign (needs `apiops.campaign.manage`). */
  deleteCampaign(id: string): Promise<void>;
  /** A campaign's progress and burn-up, or a team's with `team`. */
  getCampaignProgress(
    id: string,
    options?: { team?: string },
  ): Promise<CampaignProgressReport>;
  /** A page of a campaign's teams, most APIs remaining first. */
  listCampaignTeams(
    id: string,
    options?: { limit?: number; cursor?: string },
  ): Promise<ReportPage<CampaignTeamProgress>>;
  /** A page of the APIs that do not meet a campaign's goal, with why. */
  listCampaignFailures(
    id: string,
    options?: { team?: string; limit?: number; cursor?: string },
  ): Promise<ReportPage<CampaignFailingApi>>;
  /** Every failing API of a campaign (of a team with `team`), as CSV. */
  downloadCampaignFailuresCsv(
    id: string,
    options?: { team?: string },
  ): Promise<Blob>;
  /** The campaigns an API fails, with why and what to do. */
  listApiCampaignFailures(
    entity: CompoundEntityRef,
  ): Promise<{ items: ApiCampaignFailure[] }>;
}

/**
 * The API ref of {@link CampaignsApi}.
 *
 * @public
 */
export const apiopsCampaignsApiRef = createApiRef<CampaignsApi>({
  id: 'plugin.apiops.campaigns',
});
