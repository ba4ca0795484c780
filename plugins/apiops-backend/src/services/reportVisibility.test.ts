import type { FragmentationCluster } from '@apiops-backstage/plugin-apiops-common';
import {
  HIDDEN_API,
  fillPage,
  redactRefs,
  visibleCluster,
} from './reportVisibility';

const STYLE_CONVENTIONS = {
  pathCasing: {
    convention: 'kebab' as const,
    followerCount: 20,
    apiCount: 22,
    styleCounts: { kebab: 20, camel: 2 },
  },
  versioning: { followerCount: 0, apiCount: 0, styleCounts: {} },
};

/** The evidence of a pair, as the detection writes it. */
const pair = (from: string, to: string) => ({
  from,
  to,
  sharedOperations: 4,
  schemaMatches: 2,
  jaccard: 0.5,
  containment: 0.8,
  evidence: 6,
});

const member = (entityRef: string, owner?: string, system?: string) => ({
  entityRef,
  owner,
  system,
});

describe('redactRefs', () => {
  it('replaces whole refs only, also at the end of a sentence', () => {
    expect(
      redactRefs(
        'api:default/a and api:default/a-v2 differ from api:default/a.',
        ['api:default/a'],
      ),
    ).toBe(`${HIDDEN_API} and api:default/a-v2 differ from ${HIDDEN_API}.`);
    expect(redactRefs('api:default/a.b is one name', ['api:default/a'])).toBe(
      'api:default/a.b is one name',
    );
  });
});

describe('visibleCluster', () => {
  it('leaves out a cluster with fewer than two visible members', () => {
    const cluster: FragmentationCluster = {
      id: 'o',
      type: 'overlap',
      members: [member('api:default/b'), member('api:default/a')],
      score: 0.8,
      sharedOperations: [],
      sharedOperationCount: 3,
      details: {
        container: 'api:default/b',
        contained: ['api:default/a'],
        operationCounts: {},
        containment: 0.8,
        jaccard: 0.5,
        pairs: [pair('api:default/a', 'api:default/b')],
        genericOperations: [],
      },
      message: 'x',
    };
    expect(visibleCluster(cluster, new Set(['api:default/a']))).toBeUndefined();
    expect(
      visibleCluster(cluster, new Set(['api:default/a', 'api:default/b'])),
    ).toBe(cluster);
  });

  it('takes hidden refs out of the details of each type', () => {
    const visible = new Set(['api:default/a', 'api:default/b']);
    const sprawl = visibleCluster(
      {
        id: 's',
        type: 'version-sprawl',
        members: ['a', 'b', 'c'].map(n => member(`api:default/${n}`)),
        score: 1,
        sharedOperations: [],
        sharedOperationCount: 0,
        details: {
          nameKey: 'x',
          liveVersions: ['1', '2', '3'],
          maxLiveVersions: 2,
          retiredMembers: ['api:default/old', 'api:default/b-old'],
        },
        message: 'api:default/a, api:default/b and api:default/c are live',
      },
      new Set([...visible, 'api:default/b-old']),
    );
    expect(sprawl).toMatchObject({
      members: [{ entityRef: 'api:default/a' }, { entityRef: 'api:default/b' }],
      details: { retiredMembers: ['api:default/b-old'] },
      message: `api:default/a, api:default/b and ${HIDDEN_API} are live`,
    });

    const names = visibleCluster(
      {
        id: 'n',
        type: 'name-collision',
        members: [
          member('api:default/a', 'group:default/x', 'system:default/s'),
          member('api:default/b', 'group:default/y', 'system:default/s'),
          member('api:default/c', 'group:default/secret', 'system:default/t'),
        ],
        score: 1,
        sharedOperations: [],
        sharedOperationCount: 0,
        details: {
          nameKey: 'x',
          owners: [
            'group:default/secret',
            'group:default/x',
            'group:default/y',
          ],
          systems: ['system:default/s', 'system:default/t'],
        },
        message: 'm',
      },
      visible,
    );
    expect(names?.details).toEqual({
      nameKey: 'x',
      owners: ['group:default/x', 'group:default/y'],
      systems: ['system:default/s'],
    });

    const style = visibleCluster(
      {
        id: 'st',
        type: 'style-inconsistency',
        scope: 'system:default/s',
        members: ['a', 'b', 'c'].map(n => member(`api:default/${n}`)),
        score: 0.3,
        sharedOperations: [],
        sharedOperationCount: 0,
        details: {
          scopeKind: 'system',
          pathCasing: { kebab: ['api:default/a'], camel: ['api:default/c'] },
          versioning: {
            path: ['api:default/a', 'api:default/b', 'api:default/c'],
          },
          conventions: STYLE_CONVENTIONS,
        },
        message: 'The REST APIs of system:default/s mix casings.',
      },
      visible,
    );
    expect(style?.details).toEqual({
      scopeKind: 'system',
      pathCasing: { kebab: ['api:default/a'] },
      versioning: { path: ['api:default/a', 'api:default/b'] },
      conventions: STYLE_CONVENTIONS,
    });
    expect(style?.score).toBe(0.3);
  });

  it('keeps a style inconsistency with one visible member: its outliers stand alone', () => {
    const visible = new Set(['api:default/a']);
    const style: FragmentationCluster = {
      id: 'st',
      type: 'style-inconsistency',
      scope: 'system:default/s',
      members: ['a', 'b'].map(n => member(`api:default/${n}`)),
      score: 0.1,
      sharedOperations: [],
      sharedOperationCount: 0,
      details: {
        scopeKind: 'system',
        pathCasing: { camel: ['api:default/a', 'api:default/b'] },
        versioning: {},
        conventions: STYLE_CONVENTIONS,
      },
      message:
        'Rename the paths of api:default/a and api:default/b (camelCase) to kebab-case.',
    };
    expect(visibleCluster(style, visible)).toMatchObject({
      members: [member('api:default/a')],
      details: { pathCasing: { camel: ['api:default/a'] } },
      message: `Rename the paths of api:default/a and ${HIDDEN_API} (camelCase) to kebab-case.`,
    });
    expect(visibleCluster(style, new Set())).toBeUndefined();
    // Other types still need two visible members.
    expect(
      visibleCluster(
        {
          id: 'nc',
          type: 'name-collision',
          members: ['a', 'b'].map(n => member(`api:default/${n}`)),
          score: 1,
          sharedOperations: [],
          sharedOperationCount: 0,
          details: { nameKey: 'x', owners: [], systems: [] },
          message: 'm',
        },
        visible,
      ),
    ).toBeUndefined();
  });

  describe('an overlap grouped by its container', () => {
    const refs = ['host', 'p', 'q', 'r'].map(n => `api:default/${n}`);
    const overlap: FragmentationCluster = {
      id: 'ov',
      type: 'overlap',
      members: refs.map(ref => member(ref)),
      score: 1,
      sharedOperations: ['GET /x'],
      sharedOperationCount: 1,
      details: {
        container: refs[0],
        contained: refs.slice(1),
        operationCounts: Object.fromEntries(refs.map(ref => [ref, 4])),
        containment: 1,
        jaccard: 0.4,
        pairs: refs.slice(1).map(ref => pair(ref, refs[0])),
        genericOperations: [],
      },
      message: `3 APIs are largely contained in ${refs[0]}: ${refs[1]}, ${refs[2]} and ${refs[3]}.`,
    };

    it('disappears when its container is hidden, however many contained APIs are visible', () => {
      expect(visibleCluster(overlap, new Set(refs.slice(1)))).toBeUndefined();
    });

    it('keeps the visible contained APIs, their pairs and counts only', () => {
      const seen = visibleCluster(
        overlap,
        new Set([refs[0], refs[1], refs[3]]),
      );
      expect(seen).toEqual({
        ...overlap,
        members: [member(refs[0]), member(refs[1]), member(refs[3])],
        details: {
          ...overlap.details,
          contained: [refs[1], refs[3]],
          operationCounts: { [refs[0]]: 4, [refs[1]]: 4, [refs[3]]: 4 },
          pairs: [pair(refs[1], refs[0]), pair(refs[3], refs[0])],
        },
        message: `3 APIs are largely contained in ${refs[0]}: ${refs[1]}, ${HIDDEN_API} and ${refs[3]}.`,
      });
      expect(JSON.stringify(seen)).not.toContain(refs[2]);
    });
  });

  it('takes hidden members out of a duplicate and its pairs', () => {
    const refs = ['a', 'b', 'c'].map(n => `api:default/${n}`);
    const seen = visibleCluster(
      {
        id: 'd',
        type: 'duplicate',
        members: refs.map(ref => member(ref)),
        score: 0.9,
        sharedOperations: [],
        sharedOperationCount: 10,
        details: {
          operationCounts: Object.fromEntries(refs.map(ref => [ref, 10])),
          minJaccard: 0.9,
          maxJaccard: 1,
          pairs: [pair(refs[0], refs[1]), pair(refs[1], refs[2])],
          genericOperations: ['GET /orders'],
        },
        message: `${refs.join(', ')} look alike`,
      },
      new Set([refs[1], refs[2]]),
    );
    expect(seen?.details).toEqual({
      operationCounts: { [refs[1]]: 10, [refs[2]]: 10 },
      minJaccard: 0.9,
      maxJaccard: 1,
      pairs: [pair(refs[1], refs[2])],
      genericOperations: ['GET /orders'],
    });
    expect(JSON.stringify(seen)).not.toContain(refs[0]);
  });

  it('takes hidden members, and the owners only they have, out of a family', () => {
    const refs = ['a', 'b', 'c', 'd'].map(n => `api:default/${n}`);
    const owners = [
      'group:default/x',
      'group:default/x',
      'group:default/y',
      'group:default/z',
    ];
    const family: FragmentationCluster = {
      id: 'f',
      type: 'family',
      members: refs.map((ref, i) => member(ref, owners[i])),
      score: 1,
      sharedOperations: ['GET /degrees/{}'],
      sharedOperationCount: 1,
      details: {
        operationCounts: Object.fromEntries(refs.map(ref => [ref, 2])),
        interfaceOperationCount: 1,
        schemaMatches: 1,
        evidence: 1,
        owners: ['group:default/x', 'group:default/y', 'group:default/z'],
      },
      message: `4 APIs implement one interface of 1 operations: ${refs[0]}, ${refs[1]}, ${refs[2]} and 1 more.`,
    };
    const seen = visibleCluster(family, new Set([refs[1], refs[3]]));
    expect(seen).toEqual({
      ...family,
      members: [member(refs[1], owners[1]), member(refs[3], owners[3])],
      details: {
        ...family.details,
        operationCounts: { [refs[1]]: 2, [refs[3]]: 2 },
        owners: ['group:default/x', 'group:default/z'],
      },
      message: `4 APIs implement one interface of 1 operations: ${HIDDEN_API}, ${refs[1]}, ${HIDDEN_API} and 1 more.`,
    });
    // One visible member is no family.
    expect(visibleCluster(family, new Set([refs[0]]))).toBeUndefined();
  });
});

describe('fillPage', () => {
  const items = Array.from({ length: 10 }, (_, i) => i);
  const read = jest.fn(
    async ({ limit, cursor }: { limit: number; cursor?: string }) => {
      const start = cursor ? Number(cursor) : 0;
      const end = start + limit;
      return {
        items: items.slice(start, end),
        nextCursor: end < items.length ? String(end) : undefined,
      };
    },
  );
  const seen = async (got: number[]) =>
    got.map(i => (i % 3 === 0 ? i : undefined));

  beforeEach(() => read.mockClear());

  it('reads exactly the page when nothing is hidden', async () => {
    await expect(
      fillPage({ limit: 4 }, read, async got => got, 5),
    ).resolves.toEqual({ items: [0, 1, 2, 3], nextCursor: '4' });
    expect(read.mock.calls.map(([q]) => q)).toEqual([
      { limit: 4, cursor: undefined },
    ]);
  });

  it('reads ahead, then ends the read right after the last item needed', async () => {
    const page = await fillPage({ limit: 3 }, read, seen, 5);
    expect(page).toEqual({ items: [0, 3, 6], nextCursor: '7' });
    expect(read.mock.calls.map(([q]) => q)).toEqual([
      { limit: 3, cursor: undefined },
      { limit: 5, cursor: '3' }, // 3..7: the second item needed is 6
      { limit: 4, cursor: '3' }, // 3..6, ending right after it
    ]);
    await expect(
      fillPage({ limit: 3, cursor: '7' }, read, seen, 5),
    ).resolves.toEqual({ items: [9] });
  });

  it('stops on an empty store page', async () => {
    const empty = jest.fn(async () => ({ items: [], nextCursor: 'x' }));
    await expect(fillPage({ limit: 3 }, empty, seen)).resolves.toEqual({
      items: [],
      nextCursor: 'x',
    });
    expect(empty).toHaveBeenCalledTimes(1);
  });
});
