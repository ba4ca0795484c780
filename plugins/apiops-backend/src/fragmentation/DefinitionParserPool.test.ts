import { mockServices } from '@backstage/backend-test-utils';
import type { Worker } from 'node:worker_threads';
import { DefinitionParserPool } from './DefinitionParserPool';
import { extractDefinitionFeatures } from './extractDefinitionFeatures';

jest.setTimeout(60_000);

function openApi(i: number): string {
  return [
    'openapi: 3.0.3',
    `info: { title: API ${i}, version: ${(i % 3) + 1}.0.0 }`,
    'servers: [{ url: "https://api.example.com/v1" }]',
    'paths:',
    `  /things${i}:`,
    '    get: { responses: { "200": { description: ok } } }',
    `  /things${i}/{id}:`,
    '    delete: { responses: { "204": { description: gone } } }',
  ].join('\n');
}

/** The pool's threads, to stop one as a crash would. */
function threadsOf(pool: DefinitionParserPool): Array<{ worker: Worker }> {
  return (pool as unknown as { threads: Array<{ worker: Worker }> }).threads;
}

describe('DefinitionParserPool', () => {
  let pool: DefinitionParserPool | undefined;
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  it('gives what extraction on this thread gives, in the order asked', async () => {
    pool = DefinitionParserPool.create({ threads: 2 });
    const items = [
      ...Array.from({ length: 230 }, (_, i) => ({
        type: 'openapi',
        definition: openApi(i),
      })),
      { type: 'openapi', definition: 'openapi: 3.0.0\ninfo: [' },
      { type: 'graphql', definition: 'type Query { accounts: [String] }' },
      { type: 'grpc', definition: 'service S { rpc Get (A) returns (B); }' },
      { type: 'asyncapi', definition: undefined },
    ];
    const results = await pool.extract(items);
    expect(results).toEqual(
      items.map(item => extractDefinitionFeatures(item.type, item.definition)),
    );
    expect(results[5].features?.operations).toEqual([
      'DELETE /things5/{}',
      'GET /things5',
    ]);
    expect(results[230].problem).toMatch(/does not parse as openapi/);
  });

  it('answers calls made at the same time', async () => {
    pool = DefinitionParserPool.create({ threads: 2 });
    const [a, b] = await Promise.all([
      pool.extract([{ type: 'openapi', definition: openApi(1) }]),
      pool.extract([{ type: 'openapi', definition: openApi(2) }]),
    ]);
    expect(a[0].features?.operations).toContain('GET /things1');
    expect(b[0].features?.operations).toContain('GET /things2');
  });

  it('parses the batches of a thread that stops on the calling thread, and replaces it', async () => {
    const logger = mockServices.logger.mock();
    pool = DefinitionParserPool.create({ threads: 2, logger });
    await pool.extract([{ type: 'openapi', definition: openApi(0) }]);
    const items = Array.from({ length: 400 }, (_, i) => ({
      type: 'openapi',
      definition: openApi(i),
    }));
    const results = pool.extract(items);
    // What a thread running out of memory does: it stops mid-work.
    await threadsOf(pool)[0].worker.terminate();
    expect(await results).toEqual(
      items.map(item => extractDefinitionFeatures(item.type, item.definition)),
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /A definition parser thread stopped .*; \d+ definitions it had were parsed on the main thread$/,
      ),
    );
    const again = await pool.extract(items.slice(0, 120));
    expect(again).toEqual(await results.then(r => r.slice(0, 120)));
    expect(threadsOf(pool)).toHaveLength(2);
  });

  it('parses on the calling thread only once threads keep failing', async () => {
    const logger = mockServices.logger.mock();
    pool = DefinitionParserPool.create({ threads: 1, logger });
    for (let i = 0; i < 3; i++) {
      const pending = pool.extract([
        { type: 'openapi', definition: openApi(i) },
      ]);
      await threadsOf(pool)[0].worker.terminate();
      expect((await pending)[0].features?.operations).toContain(
        `GET /things${i}`,
      );
    }
    expect(logger.warn).toHaveBeenLastCalledWith(
      expect.stringMatching(
        /After 3 failures in a row, definitions are parsed on the main thread only$/,
      ),
    );
    const results = await pool.extract([
      { type: 'openapi', definition: openApi(7) },
    ]);
    expect(results[0].features?.operations).toContain('GET /things7');
    expect(threadsOf(pool)).toHaveLength(0);
  });

  it('keeps its threads when failures come between answered batches', async () => {
    pool = DefinitionParserPool.create({ threads: 1 });
    for (let i = 0; i < 4; i++) {
      // A batch the thread answers, then one it dies on (a huge definition).
      await pool.extract([{ type: 'openapi', definition: openApi(i) }]);
      const pending = pool.extract([
        { type: 'openapi', definition: openApi(i) },
      ]);
      await threadsOf(pool)[0].worker.terminate();
      expect((await pending)[0].features?.operations).toContain(
        `GET /things${i}`,
      );
    }
    await pool.extract([{ type: 'openapi', definition: openApi(9) }]);
    expect(threadsOf(pool)).toHaveLength(1);
  });

  it('refuses work once closed', async () => {
    pool = DefinitionParserPool.create({ threads: 1 });
    await pool.extract([{ type: 'openapi', definition: openApi(1) }]);
    await pool.close();
    await expect(
      pool.extract([{ type: 'openapi', definition: openApi(1) }]),
    ).rejects.toThrow(/closed/);
  });

  it('refuses a thread count that is not a positive integer', () => {
    expect(() => DefinitionParserPool.create({ threads: 0 })).toThrow(
      /positive integer, got 0/,
    );
    expect(() => DefinitionParserPool.create({ threads: 1.5 })).toThrow(
      /positive integer/,
    );
  });

  it('uses the cores, up to four, by default', () => {
    expect(DefinitionParserPool.defaultThreads()).toBeGreaterThanOrEqual(1);
    expect(DefinitionParserPool.defaultThreads()).toBeLessThanOrEqual(4);
  });
});
