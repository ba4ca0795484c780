import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import type {
  ApiCampaignFailure,
  CampaignFailingApi,
  CampaignProgressReport,
  CampaignRequest,
  CampaignTeamProgress,
  CampaignWithProgress,
  ReportPage,
} from '@apiops-backstage/plugin-apiops-common';
import { CampaignsApi } from './CampaignsApi';

type Query = Record<string, string | number | undefined>;

/**
 * The {@link CampaignsApi} over the backend's REST API (`/api/apiops/campaigns`).
 *
 * @public
 */
export class CampaignsClient implements CampaignsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  listCampaigns(
    options: { team?: string; limit?: number; cursor?: string } = {},
  ) {
    return this.json<ReportPage<CampaignWithProgress>>(
      'GET',
      '/campaigns',
      options,
    );
  }

  getCampaign(id: string) {
    return this.json<CampaignWithProgress>('GET', campaignPath(id));
  }

  createCampaign(request: CampaignRequest) {
    return this.json<CampaignWithProgress>('POST', '/campaigns', {}, request);
  }

  updateCampaign(id: string, request: CampaignRequest) {
    return this.json<CampaignWithProgress>(
      'PUT',
      campaignPath(id),
      {},
      request,
    );
  }

  async deleteCampaign(id: string) {
    await this.fetch('DELETE', campaignPath(id));
  }

  getCampaignProgress(id: string, options: { team?: string } = {}) {
    return this.json<CampaignProgressReport>(
      'GET',
      `${campaignPath(id)}/progress`,
      options,
    );
  }

  listCampaignTeams(
    id: string,
    options: { limit?: number; cursor?: string } = {},
  ) {
    return this.json<ReportPage<CampaignTeamProgress>>(
      'GET',
      `${campaignPath(id)}/teams`,
      options,
    );
  }

  listCampaignFailures(
    id: string,
    options: { team?: string; limit?: number; cursor?: string } = {},
  ) {
    return this.json<ReportPage<CampaignFailingApi>>(
      'GET',
      `${campaignPath(id)}/failing`,
      options,
    );
  }

  async downloadCampaignFailuresCsv(
    id: string,
    options: { team?: string } = {},
  ) {
    const response = await this.fetch('GET', `${campaignPath(id)}/failing`, {
      ...options,
      format: 'csv',
    });
    return response.blob();
  }

  listApiCampaignFailures(entity: CompoundEntityRef) {
    return this.json<{ items: ApiCampaignFailure[] }>(
      'GET',
      `/entities/${[entity.kind, entity.namespace, entity.name]
        .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
        .join('/')}/campaigns`,
    );
  }

  private async json<T>(
    method: string,
    path: string,
    query: Query = {},
    body?: unknown,
  ): Promise<T> {
    const response = await this.fetch(method, path, query, body);
    return (await response.json()) as T;
  }

  private async fetch(
    method: string,
    path: string,
    query: Query = {},
    body?: unknown,
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('apiops');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const search = params.toString();
    const response = await this.fetchApi.fetch(
      `${baseUrl}${path}${search ? `?${search}` : ''}`,
      {
        method,
        headers: body ? { 'Content-Type': 'application/json' } : undefined,
        body: body ? JSON.stringify(body) : undefined,
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}

function campaignPath(id: string): string {
  return `/campaigns/${encodeURIComponent(id)}`;
}
