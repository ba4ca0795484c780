import { Entity } from '@backstage/catalog-model';
import { DefinitionFeatureSource } from './DefinitionFeatureSource';
import { extractDefinitionFeatures } from './extractDefinitionFeatures';
import { FeatureCache } from './FeatureCache';

jest.setTimeout(60_000);

function api(i: number, definition?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: `api-${i}` },
    spec: {
      type: 'openapi',
      definition:
        definition ??
        `openapi: 3.0.3\ninfo: { title: A, version: 1.0.0 }\npaths:\n  /things${i}:\n    get: {}\n`,
    },
  };
}

describe('DefinitionFeatureSource', () => {
  const page = [
    ...Array.from({ length: 60 }, (_, i) => api(i)),
    api(60, 'openapi: ['),
  ];
  const expected = page.map(entity =>
    extractDefinitionFeatures('openapi', entity.spec?.definition),
  );

  it.each([0, 2])(
    'gives the features of a page in its order, with %i threads',
    async threads => {
      const source = DefinitionFeatureSource.create({ threads });
      try {
        expect(await source.getMany(page)).toEqual(expected);
        // Again after close: the threads start again on demand.
        await source.close();
        expect(await source.getMany(page.slice(0, 3))).toEqual(
          expected.slice(0, 3),
        );
      } finally {
        await source.close();
      }
    },
  );

  it('parses a definition once across runs, and forgets what a complete run no longer saw', async () => {
    const cache = FeatureCache.create();
    const source = DefinitionFeatureSource.create({ cache });
    await source.getMany(page);
    source.completeRun();
    await source.getMany(page.slice(0, 10));
    expect(cache.stats()).toMatchObject({ size: 61, hits: 10 });
    source.completeRun();
    expect(cache.stats().size).toBe(10);
    await source.close();
  });

  it('does not cache a transient result (a definition not analysed this time)', async () => {
    const cache = FeatureCache.create();
    const items: Array<{ type: string; definition: unknown }> = [
      { type: 'openapi', definition: 'openapi: 3.0.0\npaths: {}' },
      { type: 'openapi', definition: 'openapi: 3.1.0\npaths: {}' },
    ];
    const extract = jest.fn(async (missing: typeof items) =>
      missing.map((_, i) =>
        i === 0
          ? { problem: 'spec.definition: analysis timed out' }
          : { problem: 'spec.definition: analysis timed out', transient: true },
      ),
    );
    await cache.getMany(items, extract);
    await cache.getMany(items, extract);
    expect(extract).toHaveBeenCalledTimes(2);
    expect(extract.mock.calls[1][0]).toEqual([items[1]]);
  });
});
