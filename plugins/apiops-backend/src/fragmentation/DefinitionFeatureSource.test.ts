import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  DefinitionFeatureStore,
  FEATURE_TOUCH_INTERVAL_MS,
  StoredDefinitionFeatures,
} from '../database/DefinitionFeatureStore';
import {
  DefinitionFeatureSource,
  FEATURE_WRITE_ROWS,
} from './DefinitionFeatureSource';
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
    await source.completeRun();
    await source.getMany(page.slice(0, 10));
    expect(cache.stats()).toMatchObject({ size: 61, hits: 10 });
    await source.completeRun();
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

/** A store in memory, recording the calls. */
function memoryStore() {
  const rows = new Map<string, StoredDefinitionFeatures>();
  const calls = {
    getMany: 0,
    putMany: [] as string[][],
    touch: [] as string[][],
  };
  const store: DefinitionFeatureStore & {
    rows: typeof rows;
    calls: typeof calls;
  } = {
    rows,
    calls,
    async getMany(hashes) {
      calls.getMany += 1;
      const found = new Map<string, StoredDefinitionFeatures>();
      for (const hash of hashes) {
        const row = rows.get(hash);
        if (row) found.set(hash, row);
      }
      return found;
    },
    async putMany(entries, now = new Date()) {
      calls.putMany.push(entries.map(e => e.hash));
      for (const { hash, result } of entries) {
        rows.set(hash, { result, usedAt: now.getTime() });
      }
    },
    async touch(hashes, now = new Date()) {
      calls.touch.push([...hashes]);
      for (const hash of hashes) {
        const row = rows.get(hash);
        if (row) row.usedAt = now.getTime();
      }
    },
    async prune() {
      return 0;
    },
  };
  return store;
}

describe('DefinitionFeatureSource with a store', () => {
  const page = [
    ...Array.from({ length: 20 }, (_, i) => api(i)),
    api(20, 'openapi: ['),
  ];
  const expected = page.map(entity =>
    extractDefinitionFeatures('openapi', entity.spec?.definition),
  );

  it('reads what another process stored, and parses and stores the rest', async () => {
    const store = memoryStore();
    const first = DefinitionFeatureSource.create({ store });
    expect(await first.getMany(page.slice(0, 10))).toEqual(
      expected.slice(0, 10),
    );
    // Gathered, then written in one write.
    expect(store.rows.size).toBe(0);
    await first.written();
    expect(store.rows.size).toBe(10);

    // A new process: its memory is empty.
    const cache = FeatureCache.create();
    const second = DefinitionFeatureSource.create({ store, cache });
    expect(await second.getMany(page)).toEqual(expected);
    await second.written();
    expect(store.calls.putMany.at(-1)).toHaveLength(11);
    expect(store.rows.size).toBe(21);
    // Then from memory: the store is not asked again.
    const reads = store.calls.getMany;
    expect(await second.getMany(page)).toEqual(expected);
    expect(store.calls.getMany).toBe(reads);
  });

  it('writes a batch once enough are gathered, and the rest when the run ends or stops', async () => {
    const store = memoryStore();
    const source = DefinitionFeatureSource.create({ store });
    const many = Array.from({ length: FEATURE_WRITE_ROWS + 5 }, (_, i) =>
      api(100 + i),
    );
    await source.getMany(many.slice(0, FEATURE_WRITE_ROWS - 1));
    expect(store.calls.putMany).toEqual([]);
    await source.getMany(many.slice(FEATURE_WRITE_ROWS - 1));
    await new Promise(resolve => setImmediate(resolve));
    expect(store.calls.putMany.map(hashes => hashes.length)).toEqual([
      FEATURE_WRITE_ROWS + 5,
    ]);

    // A run that stops (fails, is aborted) closes the source: what it
    // parsed is stored all the same.
    await source.getMany(page);
    expect(store.rows.size).toBe(FEATURE_WRITE_ROWS + 5);
    await source.close();
    expect(store.rows.size).toBe(FEATURE_WRITE_ROWS + 5 + page.length);
  });

  it('parses when the store fails, with one warning per run', async () => {
    const logger = mockServices.logger.mock();
    const store = memoryStore();
    store.getMany = async () => {
      throw new Error('connection refused');
    };
    store.putMany = async () => {
      throw new Error('connection refused');
    };
    const source = DefinitionFeatureSource.create({ store, logger });
    expect(await source.getMany(page.slice(0, 10))).toEqual(
      expected.slice(0, 10),
    );
    expect(await source.getMany(page.slice(10))).toEqual(expected.slice(10));
    // One warning of the store (the other says parserThreads is 0).
    const storeWarnings = logger.warn.mock.calls.filter(([message]) =>
      String(message).includes('stored definition features'),
    );
    expect(storeWarnings).toHaveLength(1);
    expect(storeWarnings[0][0]).toContain('connection refused');
    await source.completeRun();
    await source.close();
  });

  it('marks the definitions a complete run used, once their mark is a day old', async () => {
    const store = memoryStore();
    const source = DefinitionFeatureSource.create({ store });
    await source.getMany(page);
    const t0 = Date.now();
    await source.completeRun(new Date(t0));
    expect(store.calls.touch).toEqual([]);

    // From memory, a day later: still marked in the store.
    await source.getMany(page.slice(0, 5));
    const later = t0 + FEATURE_TOUCH_INTERVAL_MS + 60_000;
    await source.completeRun(new Date(later));
    expect(store.calls.touch).toHaveLength(1);
    expect(store.calls.touch[0]).toHaveLength(5);
    const marked = [...store.rows.values()].filter(r => r.usedAt === later);
    expect(marked).toHaveLength(5);

    // Not again the same day.
    await source.getMany(page.slice(0, 5));
    await source.completeRun(new Date(later + 60_000));
    expect(store.calls.touch).toHaveLength(1);
  });
});
