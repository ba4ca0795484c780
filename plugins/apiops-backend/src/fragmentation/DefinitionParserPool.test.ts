import { mockServices } from '@backstage/backend-test-utils';
import type { Worker } from 'node:worker_threads';
import { DefinitionParserPool } from './DefinitionParserPool';
import { extractDefinitionFeatures } from './extractDefinitionFeatures';
import { hugeGraphql } from './__testUtils__/hostileDefinitions';
import { WORKER_THREAD_NICENESS } from '../threads/lowerThreadPriority';
import { threadNiceness } from '../threads/__testUtils__/threadNiceness';

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

type TestThread = {
  worker: Worker;
  progress: Int32Array;
  current?: { batch: { items: unknown[] } };
};

/** The pool's threads, to stop one as a crash would. */
function threadsOf(pool: DefinitionParserPool): TestThread[] {
  return (pool as unknown as { threads: TestThread[] }).threads;
}

/**
 * A definition a thread takes some hundreds of ms on: just under the token
 * cap, so it is parsed in full.
 */
const SLOW = { type: 'graphql', definition: hugeGraphql(450_000) };

/** The thread that works on `item`, once it is on it. */
async function busyThread(
  pool: DefinitionParserPool,
  item: unknown = SLOW,
): Promise<TestThread> {
  for (;;) {
    const thread = threadsOf(pool).find(
      t =>
        t.current &&
        t.current.batch.items[Atomics.load(t.progress, 0)] === item,
    );
    if (thread) {
      return thread;
    }
    await new Promise(resolve => setTimeout(resolve, 5));
  }
}

const TOO_COMPLEX = {
  problem: expect.stringMatching(
    /^spec.definition: too complex to analyse: the parser thread stopped on it/,
  ),
  definitionProblem: expect.stringMatching(/too complex to analyse/),
};

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

  (process.platform === 'linux' ? describe : describe.skip)('on Linux', () => {
    it('parses on threads of a lower priority than the main thread', async () => {
      const own = threadNiceness().get(process.pid)!;
      // Threads of other suites in this Jest worker may still be running:
      // only the threads that start with the pool count.
      const before = new Set(threadNiceness().keys());
      pool = DefinitionParserPool.create({ threads: 2 });
      await pool.extract([{ type: 'openapi', definition: openApi(1) }]);
      await pool.extract([{ type: 'openapi', definition: openApi(2) }]);
      const started = [...threadNiceness()].filter(([id]) => !before.has(id));
      const lowered = started.filter(
        ([, n]) => n === Math.min(19, own + WORKER_THREAD_NICENESS),
      );
      expect(started.length).toBeGreaterThanOrEqual(1);
      expect(lowered.length).toBeGreaterThanOrEqual(1);
      expect(threadNiceness().get(process.pid)).toBe(own);
    });
  });

  it('reports the definition a stopped thread was on as too complex, gives the rest to another thread, and replaces it', async () => {
    const logger = mockServices.logger.mock();
    pool = DefinitionParserPool.create({ threads: 2, logger });
    await pool.extract([{ type: 'openapi', definition: openApi(0) }]);
    const items = Array.from({ length: 400 }, (_, i) =>
      i === 220 ? SLOW : { type: 'openapi', definition: openApi(i) },
    );
    const results = pool.extract(items);
    // What a thread running out of memory does: it stops mid-work.
    await (await busyThread(pool)).worker.terminate();
    const expected = items.map(item =>
      extractDefinitionFeatures(item.type, item.definition),
    );
    // Only the definition the thread was on, never parsed again.
    expect(await results).toEqual(
      expected.map((result, i) => (i === 220 ? TOO_COMPLEX : result)),
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /A definition parser thread stopped .*; a definition of type graphql, \d+ chars, is reported as too complex$/,
      ),
    );
    const again = await pool.extract(items.slice(0, 120));
    expect(again).toEqual(expected.slice(0, 120));
    expect(threadsOf(pool)).toHaveLength(2);
  });

  it('parses on the calling thread only once threads keep failing, never what stopped them', async () => {
    const logger = mockServices.logger.mock();
    pool = DefinitionParserPool.create({ threads: 1, logger });
    for (let i = 0; i < 3; i++) {
      const pending = pool.extract([SLOW]);
      await (await busyThread(pool)).worker.terminate();
      // Reported, never parsed again here.
      expect(await pending).toEqual([TOO_COMPLEX]);
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

  it('knows which definition of a batch stopped a thread, and parses the rest of the batch without it, on threads and then here', async () => {
    pool = DefinitionParserPool.create({ threads: 1 });
    await pool.extract([{ type: 'openapi', definition: openApi(0) }]);
    const slow = [0, 1, 2].map(() => ({
      type: 'graphql',
      definition: hugeGraphql(450_000),
    }));
    const items = [
      { type: 'openapi', definition: openApi(1) },
      slow[0],
      { type: 'openapi', definition: openApi(2) },
      slow[1],
      { type: 'openapi', definition: openApi(3) },
      slow[2],
      { type: 'openapi', definition: openApi(4) },
    ];
    const results = pool.extract(items);
    // Three threads in a row stop, each on the next slow definition; the
    // third failure sends the rest to this thread.
    for (const item of slow) {
      await (await busyThread(pool, item)).worker.terminate();
    }
    expect(await results).toEqual(
      items.map(item =>
        slow.includes(item)
          ? TOO_COMPLEX
          : extractDefinitionFeatures(item.type, item.definition),
      ),
    );
    expect(threadsOf(pool)).toHaveLength(0);
  });

  it('reports the definition of a batch that held it past the deadline, not the one before it', async () => {
    pool = DefinitionParserPool.create({ threads: 1, batchTimeoutMs: 500 });
    await pool.extract([{ type: 'openapi', definition: openApi(0) }]);
    // Six slow definitions take longer than the deadline on any machine.
    const results = await pool.extract([
      { type: 'openapi', definition: openApi(1) },
      ...Array.from({ length: 6 }, () => SLOW),
    ]);
    const timedOut = results.filter(
      result => result.problem?.includes('it took more than') ?? false,
    );
    expect(timedOut).toHaveLength(1);
    // The first one is quick: the batch never stalls on it.
    expect(results[0].problem).toMatch(
      /another definition held its parser batch/,
    );
    expect(results[0].transient).toBe(true);
    expect(results.indexOf(timedOut[0])).toBeGreaterThan(0);
  });

  it('keeps its threads when failures come between answered batches', async () => {
    pool = DefinitionParserPool.create({ threads: 1 });
    for (let i = 0; i < 4; i++) {
      // A batch the thread answers, then one it dies on (a huge definition).
      await pool.extract([{ type: 'openapi', definition: openApi(i) }]);
      const pending = pool.extract([SLOW]);
      await (await busyThread(pool)).worker.terminate();
      expect(await pending).toEqual([TOO_COMPLEX]);
    }
    expect(
      (await pool.extract([{ type: 'openapi', definition: openApi(9) }]))[0]
        .features?.operations,
    ).toContain('GET /things9');
    expect(threadsOf(pool)).toHaveLength(1);
  });

  it('terminates a batch past its deadline: one finding for what stalled it, the rest analysed next time', async () => {
    const logger = mockServices.logger.mock();
    pool = DefinitionParserPool.create({
      threads: 1,
      batchTimeoutMs: 100,
      logger,
    });
    // The thread is up (loading it does not count against the deadline).
    await pool.extract([{ type: 'openapi', definition: openApi(0) }]);
    // Without the deadline the slow definition would hold the thread past
    // Jest's timeout; the answer says it was cut off.
    const results = await pool.extract([
      SLOW,
      { type: 'openapi', definition: openApi(1) },
    ]);
    expect(results).toEqual([
      {
        problem: 'spec.definition: analysis timed out: it took more than 0.1 s',
        definitionProblem:
          'spec.definition: analysis timed out: it took more than 0.1 s',
      },
      expect.objectContaining({
        problem: expect.stringMatching(
          /analysis timed out: another definition/,
        ),
        transient: true,
      }),
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /took more than 0.1 s and its thread was stopped; 2 definitions were not analysed \(a definition of type graphql/,
      ),
    );
    // A new thread takes the next batches (a cold thread on a busy machine
    // may need a few tries within so tiny a deadline).
    let operations: readonly string[] | undefined;
    for (let tries = 0; tries < 5 && !operations; tries++) {
      operations = (
        await pool.extract([{ type: 'openapi', definition: openApi(2) }])
      )[0].features?.operations;
    }
    expect(operations).toContain('GET /things2');
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
    expect(() =>
      DefinitionParserPool.create({ threads: 1, batchTimeoutMs: 0 }),
    ).toThrow(/batchTimeoutMs must be a positive number, got 0/);
  });

  it('uses the cores, up to four, by default', () => {
    expect(DefinitionParserPool.defaultThreads()).toBeGreaterThanOrEqual(1);
    expect(DefinitionParserPool.defaultThreads()).toBeLessThanOrEqual(4);
  });
});
