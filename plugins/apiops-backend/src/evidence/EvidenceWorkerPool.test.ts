import { TEST_EVIDENCE_WORKER_FILE } from './__fixtures__/testEvidenceWorker';
import { EvidenceWorkerPool } from './EvidenceWorkerPool';
import { WORKER_THREAD_NICENESS } from '../threads/lowerThreadPriority';
import { threadNiceness } from '../threads/__testUtils__/threadNiceness';

jest.setTimeout(120_000);

const provider = {
  id: 'test',
  title: 'Test lint',
  module: TEST_EVIDENCE_WORKER_FILE,
};

describe('EvidenceWorkerPool', () => {
  let pool: EvidenceWorkerPool;
  afterEach(async () => {
    await pool?.close();
  });

  it('checks definitions on a thread and gives what the checker found', async () => {
    pool = EvidenceWorkerPool.create({ threads: 1, timeoutMs: 20_000 });
    const [clean, missing] = await Promise.all([
      pool.check(provider, { type: 'openapi', definition: 'operationId: x' }),
      pool.check(provider, {
        type: 'openapi',
        definition: 'paths: {}',
        input: { ruleset: 'mine' },
      }),
    ]);
    expect(clean).toEqual({ kind: 'checked', evidence: { findings: [] } });
    expect(missing).toMatchObject({
      kind: 'checked',
      evidence: {
        findings: [
          { ruleId: 'operation-operationId' },
          { ruleId: 'input', message: 'input {"ruleset":"mine"}' },
        ],
      },
    });
  });

  (process.platform === 'linux' ? describe : describe.skip)('on Linux', () => {
    it('checks on a thread of a lower priority than the main thread', async () => {
      const own = threadNiceness().get(process.pid)!;
      pool = EvidenceWorkerPool.create({ threads: 1, timeoutMs: 20_000 });
      await pool.check(provider, {
        type: 'openapi',
        definition: 'operationId',
      });
      expect([...threadNiceness().values()]).toContain(
        Math.min(19, own + WORKER_THREAD_NICENESS),
      );
      expect(threadNiceness().get(process.pid)).toBe(own);
    });
  });

  it('stops a definition that stalls at its deadline: one finding, and the next one is checked', async () => {
    pool = EvidenceWorkerPool.create({ threads: 1, timeoutMs: 3_000 });
    // The first definition also waits for the thread to load (seconds from
    // TypeScript sources): warm the thread up first.
    await pool.check(provider, { type: 'openapi', definition: 'operationId' });
    const [stalled, next] = await Promise.all([
      pool.check(provider, { type: 'openapi', definition: 'STALL' }),
      pool.check(provider, { type: 'openapi', definition: 'operationId' }),
    ]);
    expect(stalled).toMatchObject({
      kind: 'stopped',
      evidence: {
        findings: [
          {
            ruleId: 'checker-timeout',
            severity: 'warning',
            message:
              'Test lint could not check this definition: it took more than 3 s; it is tried again in a day',
          },
        ],
      },
    });
    expect(next).toEqual({ kind: 'checked', evidence: { findings: [] } });
  });

  it('gives a definition that kills its thread one finding, and goes on', async () => {
    pool = EvidenceWorkerPool.create({ threads: 1, timeoutMs: 20_000 });
    const [crashed, thrown, next] = await Promise.all([
      pool.check(provider, { type: 'openapi', definition: 'CRASH' }),
      pool.check(provider, { type: 'openapi', definition: 'THROW' }),
      pool.check(provider, { type: 'openapi', definition: 'operationId' }),
    ]);
    expect(crashed).toMatchObject({
      kind: 'stopped',
      evidence: {
        findings: [
          {
            ruleId: 'checker-stopped',
            message: expect.stringContaining('its thread stopped on it'),
          },
        ],
      },
    });
    expect(thrown).toMatchObject({
      kind: 'stopped',
      evidence: {
        findings: [
          {
            ruleId: 'checker-failed',
            message:
              'Test lint could not check this definition: it failed on it: the checker broke',
          },
        ],
      },
    });
    expect(next).toEqual({ kind: 'checked', evidence: { findings: [] } });
  });

  it('says why when the checker cannot be created', async () => {
    pool = EvidenceWorkerPool.create({ threads: 1, timeoutMs: 20_000 });
    const outcome = await pool.check(
      { ...provider, options: { failSetup: true } },
      { type: 'openapi', definition: 'x' },
    );
    expect(outcome).toMatchObject({
      kind: 'stopped',
      evidence: {
        problem:
          'Test lint could not check this definition: it could not start: the test ruleset does not load',
      },
    });
  });
});
