import { ResponseError } from '@backstage/errors';
import { mockApis } from '@backstage/frontend-test-utils';
import { registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { CampaignsClient } from './CampaignsClient';

const BASE = 'http://backstage.test/api/apiops';

describe('CampaignsClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new CampaignsClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: mockApis.fetch(),
  });

  it("lists a team's campaigns", async () => {
    const urls: string[] = [];
    server.use(
      http.get(`${BASE}/campaigns`, ({ request }) => {
        urls.push(request.url);
        return HttpResponse.json({ items: [] });
      }),
    );
    await expect(
      client.listCampaigns({ team: 'group:default/payments', limit: 5 }),
    ).resolves.toEqual({ items: [] });
    expect(urls).toEqual([
      `${BASE}/campaigns?team=group%3Adefault%2Fpayments&limit=5`,
    ]);
  });

  it('creates a campaign with a JSON body, and throws what the backend refuses', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(`${BASE}/campaigns`, async ({ request }) => {
        const body = await request.json();
        bodies.push(body);
        return (body as { dueDate: string }).dueDate < '2027-01-01'
          ? HttpResponse.json(
              {
                error: {
                  name: 'InputError',
                  message:
                    'dueDate: must be on or after startDate (2027-01-04)',
                },
                request: { method: 'POST', url: '/campaigns' },
                response: { statusCode: 400 },
              },
              { status: 400 },
            )
          : HttpResponse.json({ id: '1' }, { status: 201 });
      }),
    );
    const request = {
      title: 'T',
      conditions: [{ type: 'no-ownership-gap' as const }],
      startDate: '2027-01-04',
      dueDate: '2027-03-31',
    };
    await expect(client.createCampaign(request)).resolves.toEqual({ id: '1' });
    expect(bodies).toEqual([request]);
    const refused = await client
      .createCampaign({ ...request, dueDate: '2026-12-01' })
      .catch(e => e);
    expect(refused).toBeInstanceOf(ResponseError);
    expect(refused.body.error.message).toMatch(
      /^dueDate: must be on or after startDate/,
    );
  });

  it("downloads a team's failing APIs as CSV, and asks for an API's campaigns by its path", async () => {
    const urls: string[] = [];
    server.use(
      http.get(`${BASE}/campaigns/3/failing`, ({ request }) => {
        urls.push(request.url);
        return new HttpResponse('entityRef\r\n', {
          headers: { 'content-type': 'text/csv' },
        });
      }),
      http.get(`${BASE}/entities/api/default/accounts-api/campaigns`, () =>
        HttpResponse.json({ items: [] }),
      ),
      http.delete(
        `${BASE}/campaigns/3`,
        () => new HttpResponse(null, { status: 204 }),
      ),
    );
    const csv = await client.downloadCampaignFailuresCsv('3', {
      team: 'group:default/payments',
    });
    expect(await csv.text()).toBe('entityRef\r\n');
    expect(urls).toEqual([
      `${BASE}/campaigns/3/failing?team=group%3Adefault%2Fpayments&format=csv`,
    ]);
    await expect(
      client.listApiCampaignFailures({
        kind: 'API',
        namespace: 'default',
        name: 'Accounts-API',
      }),
    ).resolves.toEqual({ items: [] });
    await expect(client.deleteCampaign('3')).resolves.toBeUndefined();
  });
});
