import {
  DEFAULT_FRAGMENTATION_THRESHOLDS,
  type PathCasing,
  type StyleInconsistencyCluster,
  type VersioningScheme,
} from '@apiops-backstage/plugin-apiops-common';
import { clusterId } from './clusterId';
import { detectStyleInconsistency } from './detectStyleInconsistency';
import type { FragmentationApi } from './types';

const SYSTEM = 'system:default/payments';
const DOMAIN = 'domain:default/money';

/** A REST API of system:payments (and domain:money) with the given styles. */
function rest(
  name: string,
  pathCasing?: PathCasing,
  versioning?: VersioningScheme,
  extra: Partial<FragmentationApi> = {},
): FragmentationApi {
  return {
    entityRef: `api:default/${name}`,
    name,
    nameKey: name,
    operations: [`GET /${name}`],
    style: { pathCasing, versioning },
    owner: 'group:default/team',
    system: SYSTEM,
    domain: DOMAIN,
    ...extra,
  };
}

/** `count` APIs named `prefix-000`… with the same styles. */
function many(
  prefix: string,
  count: number,
  pathCasing?: PathCasing,
  versioning?: VersioningScheme,
): FragmentationApi[] {
  return Array.from({ length: count }, (_, i) =>
    rest(`${prefix}-${String(i).padStart(3, '0')}`, pathCasing, versioning),
  );
}

function detect(
  apis: FragmentationApi[],
  overrides: Partial<typeof DEFAULT_FRAGMENTATION_THRESHOLDS> = {},
): StyleInconsistencyCluster[] {
  return detectStyleInconsistency(apis, {
    ...DEFAULT_FRAGMENTATION_THRESHOLDS,
    ...overrides,
  });
}

const refs = (cluster: StyleInconsistencyCluster) =>
  cluster.members.map(member => member.entityRef);

describe('detectStyleInconsistency', () => {
  it.each<{
    name: string;
    apis: FragmentationApi[];
    share?: number;
    members: string[];
    conventions: [PathCasing | undefined, VersioningScheme | undefined];
    score?: number;
  }>([
    {
      name: 'majority: the outlier of the casing convention',
      apis: [...many('k', 4, 'kebab', 'server'), rest('c', 'camel', 'server')],
      members: ['api:default/c'],
      conventions: ['kebab', 'server'],
      score: 0.2,
    },
    {
      name: 'majority: outliers of either dimension, each listed once',
      apis: [
        ...many('k', 3, 'kebab', 'path'),
        rest('c', 'camel', 'path'),
        rest('s', 'kebab', 'server'),
        rest('both', 'snake', 'none'),
      ],
      members: ['api:default/both', 'api:default/c', 'api:default/s'],
      conventions: ['kebab', 'path'],
      score: 0.5,
    },
    {
      name: 'exactly half and more than any other is a convention',
      apis: [...many('k', 2, 'kebab'), rest('c', 'camel'), rest('s', 'snake')],
      members: ['api:default/c', 'api:default/s'],
      conventions: ['kebab', undefined],
      score: 0.5,
    },
    {
      name: 'no majority: a tie is no convention, nothing listed',
      apis: [...many('k', 3, 'kebab'), ...many('c', 3, 'camel')],
      members: [],
      conventions: [undefined, undefined],
    },
    {
      name: 'no majority: a plurality under the share is no convention',
      apis: [
        ...many('k', 4, 'kebab'),
        ...many('c', 3, 'camel'),
        ...many('s', 2, 'snake'),
      ],
      members: [],
      conventions: [undefined, undefined],
    },
    {
      name: 'a lower share makes the plurality the convention',
      apis: [
        ...many('k', 4, 'kebab'),
        ...many('c', 3, 'camel'),
        ...many('s', 2, 'snake'),
      ],
      share: 0.4,
      members: [
        ...many('c', 3).map(api => api.entityRef),
        ...many('s', 2).map(api => api.entityRef),
      ],
      conventions: ['kebab', undefined],
      score: 0.556,
    },
    {
      name: 'a higher share refuses a bare majority',
      apis: [...many('k', 3, 'kebab'), ...many('c', 2, 'camel')],
      share: 0.75,
      members: [],
      conventions: [undefined, undefined],
    },
    {
      name: 'mixed: an outlier of its own kind, with a convention',
      apis: [...many('k', 3, 'kebab', 'path'), rest('m', 'mixed', 'path')],
      members: ['api:default/m'],
      conventions: ['kebab', 'path'],
      score: 0.25,
    },
    {
      name: 'mixed: an outlier without a convention, and alone in its system',
      apis: [rest('m', 'pascal', 'mixed')],
      members: ['api:default/m'],
      conventions: ['pascal', undefined],
      score: 1,
    },
    {
      name: 'lower and unknown styles are neither followers nor outliers',
      apis: [
        ...many('k', 2, 'kebab', 'server'),
        rest('l', 'lower', 'server'),
        rest('u', undefined, undefined),
      ],
      members: [],
      conventions: ['kebab', 'server'],
    },
  ])('$name', ({ apis, share, members, conventions, score }) => {
    const clusters = detect(apis, share ? { styleConventionShare: share } : {});
    const found = members.length > 0;
    expect(clusters.map(refs)).toEqual(found ? [[...members].sort()] : []);
    expect(
      clusters.map(cluster => [
        cluster.details.conventions.pathCasing.convention,
        cluster.details.conventions.versioning.convention,
      ]),
    ).toEqual(found ? [conventions] : []);
    expect(clusters.map(cluster => cluster.score)).toEqual(
      found ? [score] : [],
    );
    expect(clusters.map(cluster => cluster.memberCount)).toEqual(
      found ? [undefined] : [],
    );
  });

  it('says what to do, with the counts of the convention', () => {
    const [cluster] = detect([
      ...many('k', 47, 'kebab', 'path'),
      ...many('c', 3, 'camel', 'path'),
      rest('snaky', 'snake', 'path'),
      rest('mix', 'mixed', 'server'),
      rest('flat', 'lower', 'path'),
    ]);
    expect(cluster.details).toEqual({
      scopeKind: 'system',
      pathCasing: {
        camel: ['api:default/c-000', 'api:default/c-001', 'api:default/c-002'],
        snake: ['api:default/snaky'],
        mixed: ['api:default/mix'],
      },
      versioning: { server: ['api:default/mix'] },
      conventions: {
        pathCasing: {
          convention: 'kebab',
          followerCount: 47,
          apiCount: 51,
          styleCounts: { kebab: 47, camel: 3, snake: 1, mixed: 1 },
        },
        versioning: {
          convention: 'path',
          followerCount: 52,
          apiCount: 53,
          styleCounts: { path: 52, server: 1 },
        },
      },
    });
    expect(cluster.message).toBe(
      'Rename the paths of api:default/c-000, api:default/c-001 and ' +
        'api:default/c-002 (camelCase) and api:default/snaky (snake_case) ' +
        'to kebab-case, the convention of 47 of the 51 REST APIs of ' +
        `${SYSTEM}. api:default/mix mixes path casings in its own paths: ` +
        'use kebab-case throughout. Put the major version of ' +
        'api:default/mix (the version in the server URL) in the path ' +
        `(/v1/…), the convention of 52 of the 53 REST APIs of ${SYSTEM}.`,
    );
    expect(cluster.score).toBe(0.094); // 5 of 53
  });

  it('reports the split of a dimension without a convention, listing none of it', () => {
    const [cluster] = detect([
      ...many('k', 3, 'kebab', 'path'),
      ...many('c', 3, 'camel', 'path'),
      rest('s', 'snake', 'none'),
    ]);
    expect(refs(cluster)).toEqual(['api:default/s']);
    expect(cluster.details.pathCasing).toEqual({});
    expect(cluster.details.conventions.pathCasing).toEqual({
      followerCount: 0,
      apiCount: 7,
      styleCounts: { kebab: 3, camel: 3, snake: 1 },
    });
    expect(cluster.message).toBe(
      'Put the major version of api:default/s (no version) in the path ' +
        `(/v1/…), the convention of 6 of the 7 REST APIs of ${SYSTEM}. ` +
        `The REST APIs of ${SYSTEM} have no path casing convention ` +
        '(kebab-case 3, camelCase 3, snake_case 1): agree on one.',
    );
  });

  it('lists exactly the 5 outliers of a scope of 600 APIs', () => {
    const apis = [
      ...many('follower', 595, 'kebab', 'server'),
      rest('outlier-a', 'camel', 'server'),
      rest('outlier-b', 'snake', 'server'),
      rest('outlier-c', 'kebab', 'path'),
      rest('outlier-d', 'mixed', 'server'),
      rest('outlier-e', 'pascal', 'none'),
    ];
    const clusters = detect(apis);
    expect(clusters).toHaveLength(1);
    expect(refs(clusters[0])).toEqual([
      'api:default/outlier-a',
      'api:default/outlier-b',
      'api:default/outlier-c',
      'api:default/outlier-d',
      'api:default/outlier-e',
    ]);
    expect(clusters[0].details.conventions.pathCasing).toMatchObject({
      convention: 'kebab',
      followerCount: 596,
      apiCount: 599,
    });
    expect(clusters[0].details.conventions.versioning).toMatchObject({
      convention: 'server',
      followerCount: 598,
      apiCount: 600,
    });
    expect(clusters[0].score).toBe(0.008);
    expect(clusters[0].message.length).toBeLessThan(700);
  });

  it('checks each system apart, and domains when that scope is enabled', () => {
    const other = 'system:default/other';
    const apis = [
      ...many('k', 2, 'kebab'),
      rest('c', 'camel', undefined, { system: other }),
      rest('c2', 'camel', undefined, { system: other }),
      rest('s', 'snake', undefined, { system: other }),
      rest('lone', 'camel', undefined, { domain: undefined }),
    ];
    // system:payments: kebab 2, camel 1 (lone); system:other: camel 2, snake 1.
    expect(detect(apis).map(c => [c.scope, refs(c)])).toEqual([
      [SYSTEM, ['api:default/lone']],
      [other, ['api:default/s']],
    ]);
    const both = detect(apis, { styleScopes: ['system', 'domain'] });
    // domain:money: kebab 2, camel 2, snake 1 (lone has no domain): no convention.
    expect(both.map(c => [c.details.scopeKind, c.scope])).toEqual([
      ['system', SYSTEM],
      ['system', other],
    ]);
    const domain = detect([...apis, ...many('k2', 2, 'kebab')], {
      styleScopes: ['domain'],
    });
    // domain:money: kebab 4, camel 2, snake 1.
    expect(domain.map(c => [c.details.scopeKind, c.scope, refs(c)])).toEqual([
      ['domain', DOMAIN, ['api:default/c', 'api:default/c2', 'api:default/s']],
    ]);
  });

  it('keeps its id while the outliers are the same, and changes it with them', () => {
    const apis = [...many('k', 5, 'kebab'), rest('c', 'camel')];
    const [cluster] = detect(apis);
    expect(cluster.id).toBe(
      clusterId('style-inconsistency', ['api:default/c'], SYSTEM),
    );
    // More followers, in another order: the same finding.
    expect(detect([...many('k2', 3, 'kebab'), ...apis].reverse())[0].id).toBe(
      cluster.id,
    );
    // Another outlier: another finding.
    expect(detect([...apis, rest('s', 'snake')])[0].id).not.toBe(cluster.id);
  });
});
