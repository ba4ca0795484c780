import { ChangeDiffer } from './ChangeDiffer';

jest.setTimeout(60_000);

const before = JSON.stringify({
  openapi: '3.0.3',
  info: { title: 't', version: '1.0.0' },
  paths: {
    '/a': { get: { responses: { 200: { description: 'ok' } } } },
    '/b': { get: { responses: { 200: { description: 'ok' } } } },
  },
});
const after = JSON.stringify({
  openapi: '3.0.3',
  info: { title: 't', version: '1.0.0' },
  paths: { '/a': { get: { responses: { 200: { description: 'ok' } } } } },
});

describe('ChangeDiffer', () => {
  it('compares on a worker thread', async () => {
    const differ = ChangeDiffer.create({ threads: 1, timeoutMs: 30_000 });
    try {
      const outcome = await differ.diff('openapi', before, after, {
        maxChanges: 10,
      });
      expect(outcome).toMatchObject({
        kind: 'done',
        value: {
          counts: { breaking: 1 },
          removedWithoutDeprecation: ['GET /b'],
        },
      });
      expect(await differ.describe('openapi', after)).toEqual({
        kind: 'done',
        value: { version: '1.0.0', deprecations: [] },
      });
    } finally {
      await differ.close();
    }
  });

  it('gives a problem, not an error, for a comparison past its deadline', async () => {
    const differ = ChangeDiffer.create({ threads: 1, timeoutMs: 1 });
    try {
      const outcome = await differ.diff('openapi', before, after, {
        maxChanges: 10,
      });
      expect(outcome).toEqual({
        kind: 'stopped',
        problem:
          'the definitions could not be compared: it took more than 0.001 s',
      });
    } finally {
      await differ.close();
    }
  });
});
