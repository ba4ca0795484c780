import { ResponseError } from '@backstage/errors';
import { mockApis } from '@backstage/frontend-test-utils';
import { registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ApiOpsClient } from './ApiOpsClient';

const BASE = 'http://backstage.test/api/apiops';
const accounts = { kind: 'API', namespace: 'default', name: 'accounts-api' };

describe('ApiOpsClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new ApiOpsClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: mockApis.fetch(),
  });

  /** Answers `body` to one route and records the requests it gets. */
  function answer(
    method: 'get' | 'post',
    path: string,
    body: unknown,
    init?: ResponseInit,
  ) {
    const requests: Request[] = [];
    server.use(
      http[method](`${BASE}${path}`, ({ request }) => {
        requests.push(request.clone());
        return HttpResponse.json(body as object, init);
      }),
    );
    return requests;
  }

  it('gets the method in a locale', async () => {
    const requests = answer('get', '/method', { cycle: 'c', stations: [] });

    await expect(client.getMethod({ locale: 'fi' })).resolves.toEqual({
      cycle: 'c',
      stations: [],
    });
    expect(new URL(requests[0].url).searchParams.get('locale')).toBe('fi');
    expect(new URL(requests[0].url).searchParams.has('cycle')).toBe(false);
  });

  it('gets the status of an entity under its lower-case ref', async () => {
    const requests = answer(
      'get',
      '/entities/api/default/accounts-api/status',
      {
        entityRef: 'api:default/accounts-api',
      },
    );

    await expect(client.getStatus(accounts)).resolves.toEqual({
      entityRef: 'api:default/accounts-api',
    });
    expect(requests).toHaveLength(1);
  });

  it('lists assessments a page at a time', async () => {
    const requests = answer(
      'get',
      '/entities/api/default/accounts-api/assessments',
      { items: [{ id: '3' }], nextCursor: 'next' },
    );

    await expect(
      client.listAssessments(accounts, { limit: 10, cursor: 'abc' }),
    ).resolves.toEqual({ items: [{ id: '3' }], nextCursor: 'next' });
    const params = new URL(requests[0].url).searchParams;
    expect(params.get('limit')).toBe('10');
    expect(params.get('cursor')).toBe('abc');
  });

  it('posts an assessment as JSON and resolves to the stored record', async () => {
    const requests = answer(
      'post',
      '/entities/api/default/accounts-api/assessments',
      { id: '4', station: 'api-design' },
      { status: 201 },
    );
    const request = {
      cycle: 'api-productization-cycle',
      answers: { 'api-consistency': 'met' as const },
      evidence: { 'api-consistency': 'https://ci.example.com/1' },
    };

    await expect(client.recordAssessment(accounts, request)).resolves.toEqual({
      id: '4',
      station: 'api-design',
    });
    expect(requests[0].method).toBe('POST');
    expect(requests[0].headers.get('content-type')).toBe('application/json');
    expect(await requests[0].json()).toEqual(request);
  });

  it("posts an audit report of the method's CLI to the checklist import, with the cycle", async () => {
    const requests = answer(
      'post',
      '/entities/api/default/accounts-api/evidence/checklist',
      { profile: 'read-only', criteria: [], unknownItems: [] },
    );
    const report = { profile: 'read-only', stages: [] };

    await expect(
      client.importAuditChecklist(accounts, report, {
        cycle: 'api-productization-cycle',
      }),
    ).resolves.toEqual({
      profile: 'read-only',
      criteria: [],
      unknownItems: [],
    });
    expect(requests[0].method).toBe('POST');
    expect(new URL(requests[0].url).searchParams.get('cycle')).toBe(
      'api-productization-cycle',
    );
    expect(await requests[0].json()).toEqual(report);
  });

  it('throws a ResponseError carrying the message of the server', async () => {
    answer(
      'post',
      '/entities/api/default/accounts-api/assessments',
      {
        error: {
          name: 'InputError',
          message: 'evidence.api-consistency: must be an http(s) URL',
        },
        response: { statusCode: 400 },
      },
      { status: 400 },
    );

    const error = await client
      .recordAssessment(accounts, { answers: { 'api-consistency': 'met' } })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(error.body.error.message).toBe(
      'evidence.api-consistency: must be an http(s) URL',
    );
    expect(error.cause.name).toBe('InputError');
  });

  it('throws a ResponseError for a failed read too', async () => {
    answer(
      'get',
      '/entities/api/default/nope/status',
      {
        error: { name: 'NotFoundError', message: 'No entity api:default/nope' },
        response: { statusCode: 404 },
      },
      { status: 404 },
    );

    await expect(
      client.getStatus({ kind: 'api', namespace: 'default', name: 'nope' }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
      cause: { message: 'No entity api:default/nope' },
    });
  });

  it('downloads the ownership gaps as a CSV blob with the filters', async () => {
    let url: URL | undefined;
    server.use(
      http.get(`${BASE}/reports/ownership`, ({ request }) => {
        url = new URL(request.url);
        return new HttpResponse(
          'entityRef,type\napi:default/a,owner-missing\n',
          {
            headers: { 'Content-Type': 'text/csv' },
          },
        );
      }),
    );

    const blob = await client.downloadOwnershipGapsCsv({
      type: 'owner-missing',
      owner: '',
    });

    expect(blob).toBeInstanceOf(Blob);
    expect(await blob.text()).toBe(
      'entityRef,type\napi:default/a,owner-missing\n',
    );
    expect(url?.searchParams.get('format')).toBe('csv');
    expect(url?.searchParams.get('type')).toBe('owner-missing');
    // Empty filters are left out.
    expect(url?.searchParams.has('owner')).toBe(false);
  });

  it('lists the APIs by governance status, and downloads them as CSV', async () => {
    const apis = answer('get', '/reports/apis', { items: [] });
    await client.listApis(
      { governance: ['attention', 'non-compliant'], owner: 'retail-banking' },
      { limit: 20, cursor: 'c' },
    );
    const params = new URL(apis[0].url).searchParams;
    // Several statuses repeat the parameter, as the backend takes them.
    expect(params.getAll('governance')).toEqual(['attention', 'non-compliant']);
    expect(params.get('owner')).toBe('retail-banking');
    expect(params.get('limit')).toBe('20');
    expect(params.get('cursor')).toBe('c');

    await client.downloadApisCsv({ governance: 'compliant' });
    const csvParams = new URL(apis[1].url).searchParams;
    expect(csvParams.get('format')).toBe('csv');
    expect(csvParams.getAll('governance')).toEqual(['compliant']);
  });

  it('lists ownership gaps, teams and the APIs of a team', async () => {
    const gaps = answer('get', '/reports/ownership', { items: [] });
    const teams = answer('get', '/reports/teams', { items: [] });
    const teamApis = answer(
      'get',
      '/reports/teams/default/payments-team/apis',
      {
        items: [],
      },
    );
    answer('get', '/reports/summary', { apis: 1 });

    await client.listOwnershipGaps(
      {
        system: 'system:default/core',
        type: ['owner-missing', 'owner-unresolved'],
      },
      { limit: 5 },
    );
    await client.listTeams({ cursor: 'c' });
    await client.listTeamApis({
      kind: 'group',
      namespace: 'default',
      name: 'payments-team',
    });
    await expect(client.getSummary()).resolves.toEqual({ apis: 1 });

    const gapParams = new URL(gaps[0].url).searchParams;
    expect(gapParams.get('system')).toBe('system:default/core');
    expect(gapParams.get('limit')).toBe('5');
    // Several types repeat the parameter, as the backend takes them.
    expect(gapParams.getAll('type')).toEqual([
      'owner-missing',
      'owner-unresolved',
    ]);
    expect(new URL(teams[0].url).searchParams.get('cursor')).toBe('c');
    expect(teamApis).toHaveLength(1);
  });

  it('answers an empty page for a group that owns no API (404)', async () => {
    answer(
      'get',
      '/reports/teams/default/nobody/apis',
      { error: { name: 'NotFoundError', message: 'no API owned' } },
      { status: 404 },
    );
    await expect(
      client.listTeamApis({
        kind: 'group',
        namespace: 'default',
        name: 'nobody',
      }),
    ).resolves.toEqual({ items: [] });
  });

  it('lists the fragmentation clusters a page at a time, with the filters', async () => {
    const cluster = {
      id: 'duplicate-1',
      type: 'duplicate',
      members: [{ entityRef: 'api:default/a' }, { entityRef: 'api:default/b' }],
      score: 0.9,
      sharedOperations: ['GET /a'],
      sharedOperationCount: 1,
      message: 'a and b look like duplicates.',
    };
    const requests = answer('get', '/reports/fragmentation', {
      items: [cluster],
      nextCursor: 'next',
    });

    await expect(
      client.listFragmentation(
        { type: 'duplicate', owner: 'group:default/team-a', system: '' },
        { limit: 10, cursor: 'abc' },
      ),
    ).resolves.toEqual({ items: [cluster], nextCursor: 'next' });
    const params = new URL(requests[0].url).searchParams;
    expect(params.get('type')).toBe('duplicate');
    expect(params.get('owner')).toBe('group:default/team-a');
    expect(params.has('system')).toBe(false);
    expect(params.get('limit')).toBe('10');
    expect(params.get('cursor')).toBe('abc');
    expect(params.has('format')).toBe(false);

    await client.listFragmentation();
    expect(new URL(requests[1].url).search).toBe('');
  });

  it('pages the members of a cluster, and throws a ResponseError naming the 409 of a replaced snapshot', async () => {
    const page = {
      clusterId: 'duplicate-abc',
      memberCount: 30,
      items: [{ entityRef: 'api:default/a-api' }],
      nextCursor: 'next',
    };
    const requests = answer(
      'get',
      '/reports/fragmentation/clusters/duplicate-abc/members',
      page,
    );
    await expect(
      client.listClusterMembers('duplicate-abc', { limit: 1000, cursor: 'c' }),
    ).resolves.toEqual(page);
    const params = new URL(requests[0].url).searchParams;
    expect(params.get('limit')).toBe('1000');
    expect(params.get('cursor')).toBe('c');

    answer(
      'get',
      '/reports/fragmentation/clusters/duplicate-abc/members',
      {
        error: { name: 'ConflictError', message: 'cursor: replaced' },
        response: { statusCode: 409 },
      },
      { status: 409 },
    );
    await expect(
      client.listClusterMembers('duplicate-abc', { cursor: 'c' }),
    ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 409 });
  });

  it('downloads the fragmentation clusters as a CSV blob with the filters', async () => {
    let url: URL | undefined;
    server.use(
      http.get(`${BASE}/reports/fragmentation`, ({ request }) => {
        url = new URL(request.url);
        return new HttpResponse(
          'clusterId,type,score,entityRef\nduplicate-1,duplicate,0.9,api:default/a\n',
          { headers: { 'Content-Type': 'text/csv' } },
        );
      }),
    );

    const blob = await client.downloadFragmentationCsv({
      type: 'overlap',
      system: 'system:default/cards',
      owner: undefined,
    });

    expect(blob).toBeInstanceOf(Blob);
    expect(await blob.text()).toBe(
      'clusterId,type,score,entityRef\nduplicate-1,duplicate,0.9,api:default/a\n',
    );
    expect(url?.searchParams.get('format')).toBe('csv');
    expect(url?.searchParams.get('type')).toBe('overlap');
    expect(url?.searchParams.get('system')).toBe('system:default/cards');
    expect(url?.searchParams.has('owner')).toBe(false);
    expect(url?.searchParams.has('cursor')).toBe(false);
  });

  it('throws a ResponseError when the fragmentation report is refused', async () => {
    answer(
      'get',
      '/reports/fragmentation',
      {
        error: { name: 'InputError', message: 'type: must be one of …' },
        response: { statusCode: 400 },
      },
      { status: 400 },
    );

    await expect(
      client.listFragmentation({ type: 'nope' as never }),
    ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 400 });
    await expect(client.downloadFragmentationCsv()).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 400,
    });
  });

  it("asks for a team's APIs in an order and with a search", async () => {
    const requests = answer(
      'get',
      '/reports/teams/default/payments-team/apis',
      {
        items: [],
        team: { groupRef: 'group:default/payments-team' },
      },
    );
    await client.listTeamApis(
      { kind: 'group', namespace: 'default', name: 'payments-team' },
      { sort: '-title', search: 'card', limit: 50 },
    );
    const params = new URL(requests[0].url).searchParams;
    expect(params.get('sort')).toBe('-title');
    expect(params.get('search')).toBe('card');
    expect(params.get('limit')).toBe('50');
  });

  it('refreshes one API with a POST to its refresh route and resolves to the outcome and status', async () => {
    const answered = {
      outcome: 'applied',
      status: { entityRef: 'api:default/Accounts-API', computedAt: 't' },
    };
    const requests = answer(
      'post',
      '/entities/api/default/accounts-api/refresh',
      answered,
    );
    await expect(
      client.refreshApi({
        kind: 'API',
        namespace: 'default',
        name: 'Accounts-API',
      }),
    ).resolves.toEqual(answered);
    expect(requests[0].method).toBe('POST');
  });

  it('rejects a refresh the policy denies with the response error', async () => {
    answer(
      'post',
      '/entities/api/default/accounts-api/refresh',
      {
        error: { name: 'NotAllowedError', message: 'You may not refresh' },
        request: { method: 'POST', url: '/x' },
        response: { statusCode: 403 },
      },
      { status: 403 },
    );
    await expect(
      client.refreshApi({
        kind: 'api',
        namespace: 'default',
        name: 'accounts-api',
      }),
    ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 403 });
  });

  it('starts a snapshot with a POST and resolves to it', async () => {
    const requests = answer(
      'post',
      '/snapshots',
      { snapshot: { id: 's1', status: 'running' } },
      { status: 202 },
    );

    await expect(client.triggerSnapshot()).resolves.toEqual({
      id: 's1',
      status: 'running',
    });
    expect(requests[0].method).toBe('POST');
  });

  it('dismisses a cluster with a PUT of the verdict and reason', async () => {
    const requests: Request[] = [];
    const stored = {
      clusterId: 'duplicate-1',
      verdict: 'intended',
      reason: 'On purpose',
      fingerprint: 'f',
      dismissedBy: 'user:default/ada',
      dismissedAt: '2026-12-06T12:00:00.000Z',
    };
    server.use(
      http.put(
        `${BASE}/reports/fragmentation/clusters/duplicate-1/dismissal`,
        ({ request }) => {
          requests.push(request.clone());
          return HttpResponse.json(stored);
        },
      ),
    );
    await expect(
      client.dismissFragmentationCluster('duplicate-1', {
        verdict: 'intended',
        reason: 'On purpose',
      }),
    ).resolves.toEqual(stored);
    expect(await requests[0].json()).toEqual({
      verdict: 'intended',
      reason: 'On purpose',
    });
  });

  it('undoes a dismissal with a DELETE answered 204, and throws on a 403', async () => {
    let status = 204;
    server.use(
      http.delete(
        `${BASE}/reports/fragmentation/clusters/duplicate-1/dismissal`,
        () =>
          status === 204
            ? new HttpResponse(null, { status: 204 })
            : HttpResponse.json(
                {
                  error: { name: 'NotAllowedError', message: 'No' },
                  response: { statusCode: 403 },
                },
                { status },
              ),
      ),
    );
    await expect(
      client.undoFragmentationDismissal('duplicate-1'),
    ).resolves.toBeUndefined();
    status = 403;
    await expect(
      client.undoFragmentationDismissal('duplicate-1'),
    ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 403 });
  });
  it('gets an API change history a page at a time', async () => {
    const history = {
      items: [{ id: 'e1', entityRef: 'api:default/accounts-api' }],
      nextCursor: 'older',
      baselineAt: '2026-11-01T00:00:00.000Z',
      deprecations: [],
    };
    const requests = answer(
      'get',
      '/entities/api/default/accounts-api/changes',
      history,
    );
    await expect(
      client.listApiChanges(accounts, { limit: 5, cursor: 'c1' }),
    ).resolves.toEqual(history);
    const params = new URL(requests[0].url).searchParams;
    expect(params.get('limit')).toBe('5');
    expect(params.get('cursor')).toBe('c1');
  });

  it('throws the errors of the change history, a 404 included', async () => {
    for (const [status, name] of [
      [403, 'NotAllowedError'],
      [404, 'NotFoundError'],
    ] as const) {
      answer(
        'get',
        '/entities/api/default/accounts-api/changes',
        {
          error: { name, message: 'No' },
          response: { statusCode: status },
        },
        { status },
      );
      await expect(client.listApiChanges(accounts)).rejects.toMatchObject({
        name: 'ResponseError',
        statusCode: status,
      });
    }
  });

  it('gets the version family of an API, and none for an unknown one', async () => {
    const family = { members: [{ entityRef: 'a', major: 1 }], comparisons: [] };
    answer('get', '/entities/api/default/accounts-api/versions', family);
    await expect(client.getApiVersions(accounts)).resolves.toEqual(family);
    answer(
      'get',
      '/entities/api/default/accounts-api/versions',
      { error: { name: 'NotFoundError', message: 'unknown' } },
      { status: 404 },
    );
    await expect(client.getApiVersions(accounts)).resolves.toEqual({
      members: [],
      comparisons: [],
    });
  });

  it('lists the change report with its filters, and downloads it as CSV', async () => {
    const requests = answer('get', '/reports/changes', {
      items: [],
      nextCursor: 'n',
    });
    await expect(
      client.listChanges(
        {
          class: 'breaking',
          owner: 'group:default/team-a',
          system: 'system:default/payments',
          since: '2026-12-01T00:00:00.000Z',
        },
        { limit: 20, cursor: 'c' },
      ),
    ).resolves.toEqual({ items: [], nextCursor: 'n' });
    const params = new URL(requests[0].url).searchParams;
    expect(Object.fromEntries(params)).toEqual({
      class: 'breaking',
      owner: 'group:default/team-a',
      system: 'system:default/payments',
      since: '2026-12-01T00:00:00.000Z',
      limit: '20',
      cursor: 'c',
    });

    const csvRequests: Request[] = [];
    server.use(
      http.get(`${BASE}/reports/changes`, ({ request }) => {
        csvRequests.push(request);
        return new HttpResponse('entityRef\n', {
          headers: { 'Content-Type': 'text/csv' },
        });
      }),
    );
    const blob = await client.downloadChangesCsv({ class: 'deprecated' });
    expect(await blob.text()).toBe('entityRef\n');
    const csvParams = new URL(csvRequests[0].url).searchParams;
    expect(csvParams.get('format')).toBe('csv');
    expect(csvParams.get('class')).toBe('deprecated');
  });
});
