import { mockServices } from '@backstage/backend-test-utils';
import type { ApiLabels } from '@apiops-backstage/plugin-apiops-common';
import { ApiOpsLabelCache } from './ApiOpsLabelCache';

const answer = (groups: ApiLabels['groups']): ApiLabels => ({
  snapshotId: '1',
  groups,
});

const designCompliant = {
  station: 'api-design',
  governance: 'compliant' as const,
  ownershipGap: 'none' as const,
};

/** A fetch that answers from a list, and remembers the requests. */
function fakeFetch(responses: Array<() => Response>) {
  const requests: Array<{ url: string; headers: Record<string, string> }> = [];
  const fetch = jest.fn(async (url: string, init?: RequestInit) => {
    requests.push({ url, headers: { ...(init?.headers as object) } });
    const next = responses.shift();
    if (!next) throw new Error('no more responses');
    return next();
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, requests };
}

const json = (body: unknown, etag?: string) => () =>
  new Response(JSON.stringify(body), {
    status: 200,
    headers: {
      'content-type': 'application/json',
      ...(etag ? { etag } : {}),
    },
  });

function createCache(fetch: typeof globalThis.fetch) {
  const logger = mockServices.logger.mock();
  const cache = ApiOpsLabelCache.create({
    auth: mockServices.auth(),
    discovery: mockServices.discovery(),
    logger,
    fetch,
  });
  return { cache, logger };
}

describe('ApiOpsLabelCache', () => {
  it('reads the labels with the catalog service token, and revalidates with the ETag', async () => {
    const { fetch, requests } = fakeFetch([
      json(
        answer([
          {
            ...designCompliant,
            entityRefs: ['api:default/a-api', 'api:default/b-api'],
          },
          {
            station: 'unassessed',
            governance: 'non-compliant',
            ownershipGap: 'owner-missing',
            entityRefs: ['api:default/c-api'],
          },
        ]),
        'W/"labels-1-0"',
      ),
      () => new Response(null, { status: 304 }),
    ]);
    const { cache } = createCache(fetch);
    expect(cache.loaded).toBe(false);
    expect(cache.get('api:default/a-api')).toBeUndefined();

    expect(await cache.refresh()).toEqual({ updated: true, changed: [] });
    expect(requests[0].url).toMatch(/\/api\/apiops\/reports\/labels$/);
    expect(requests[0].headers.authorization).toMatch(/^Bearer .+/);
    expect(requests[0].headers.authorization).toContain('"target":"apiops"');
    expect(requests[0].headers['if-none-match']).toBeUndefined();
    expect(cache.get('api:default/a-api')).toEqual({
      'apiops/station': 'api-design',
      'apiops/governance': 'compliant',
      'apiops/ownership-gap': 'none',
    });
    expect(cache.get('api:default/c-api')).toEqual({
      'apiops/station': 'unassessed',
      'apiops/governance': 'non-compliant',
      'apiops/ownership-gap': 'owner-missing',
    });
    expect(cache.get('api:default/unknown-api')).toBeUndefined();

    expect(await cache.refresh()).toEqual({ updated: false, changed: [] });
    expect(requests[1].headers['if-none-match']).toBe('W/"labels-1-0"');
    expect(cache.get('api:default/c-api')?.['apiops/station']).toBe(
      'unassessed',
    );
  });

  it('names the APIs whose labels changed, appeared or went', async () => {
    const { fetch } = fakeFetch([
      json(
        answer([
          {
            ...designCompliant,
            entityRefs: ['api:default/a-api', 'api:default/b-api'],
          },
          { station: 'unassessed', entityRefs: ['api:default/gone-api'] },
        ]),
      ),
      json(
        answer([
          { ...designCompliant, entityRefs: ['api:default/b-api'] },
          {
            ...designCompliant,
            station: 'api-delivery',
            entityRefs: ['api:default/a-api'],
          },
          { station: 'api-audit', entityRefs: ['api:default/new-api'] },
        ]),
      ),
    ]);
    const { cache } = createCache(fetch);
    await cache.refresh();
    const { changed } = await cache.refresh();
    expect(changed.sort()).toEqual([
      'api:default/a-api',
      'api:default/gone-api',
      'api:default/new-api',
    ]);
    // Values that are absent are not labels.
    expect(cache.get('api:default/new-api')).toEqual({
      'apiops/station': 'api-audit',
    });
  });

  it('keeps the labels it has when the plugin fails, and warns once per failure streak', async () => {
    const { fetch } = fakeFetch([
      json(answer([{ ...designCompliant, entityRefs: ['api:default/a-api'] }])),
      () => new Response('{"error":{"message":"boom"}}', { status: 500 }),
      () => {
        throw new TypeError('fetch failed');
      },
      json(
        answer([{ station: 'api-audit', entityRefs: ['api:default/a-api'] }]),
      ),
      () => new Response('{}', { status: 503 }),
    ]);
    const { cache, logger } = createCache(fetch);
    await cache.refresh();

    expect(await cache.refresh()).toEqual({ updated: false, changed: [] });
    expect(await cache.refresh()).toEqual({ updated: false, changed: [] });
    expect(cache.get('api:default/a-api')?.['apiops/station']).toBe(
      'api-design',
    );
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0][0]).toMatch(
      /keeping the labels read before/,
    );

    expect((await cache.refresh()).changed).toEqual(['api:default/a-api']);
    expect(cache.get('api:default/a-api')).toEqual({
      'apiops/station': 'api-audit',
    });
    await cache.refresh();
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });

  it('refuses an answer of another shape, and leaves entities unlabelled without a first answer', async () => {
    const { fetch } = fakeFetch([json({ apis: [] })]);
    const { cache, logger } = createCache(fetch);
    await cache.waitForFirstRead(1000);
    expect(cache.loaded).toBe(false);
    expect(logger.warn.mock.calls[0][0]).toMatch(
      /API entities stay without APIOps labels.*groups/,
    );
    // Later reads are the schedule's: waiting again asks nothing.
    await cache.waitForFirstRead(1000);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('leaves out values that are not valid label values', async () => {
    const { fetch } = fakeFetch([
      json(
        answer([
          {
            station: 'a station with spaces',
            governance: 'attention',
            entityRefs: ['api:default/a-api'],
          },
        ]),
      ),
    ]);
    const { cache } = createCache(fetch);
    await cache.refresh();
    expect(cache.get('api:default/a-api')).toEqual({
      'apiops/governance': 'attention',
    });
  });

  it('reads once for callers that ask while a read is under way', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>(resolve => {
      release = resolve;
    });
    const fetch = jest.fn(async () => {
      await gate;
      return json(answer([]))();
    }) as unknown as typeof globalThis.fetch;
    const { cache } = createCache(fetch);
    const reads = [
      cache.refresh(),
      cache.refresh(),
      cache.waitForFirstRead(5000),
    ];
    release();
    await Promise.all(reads);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(cache.loaded).toBe(true);
  });
});
