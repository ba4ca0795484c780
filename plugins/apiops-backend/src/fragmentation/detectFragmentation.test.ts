import { FragmentationCluster } from '@apiops-backstage/plugin-apiops-common';
import {
  detectFragmentation,
  detectFragmentationWithStats,
} from './detectFragmentation';
import { extractDefinitionFeatures } from './extractDefinitionFeatures';
import { nameKeyOf } from './normalization';
import type { FragmentationApi } from './types';

/** An API named `name` with the operations `op-0`… or those given. */
function api(
  name: string,
  operations: string[] | number,
  extra: Partial<FragmentationApi> = {},
): FragmentationApi {
  const signatures =
    typeof operations === 'number'
      ? Array.from({ length: operations }, (_, i) => `GET /${name}/op-${i}`)
      : operations;
  const { nameKey, version } = nameKeyOf(name);
  return {
    entityRef: `api:default/${name}`,
    name,
    nameKey,
    versionKey: version,
    versionSource: version ? 'name' : undefined,
    operations: [...new Set(signatures)].sort(),
    style: {},
    owner: `group:default/${name}-team`,
    system: `system:default/${name}-system`,
    lifecycle: 'production',
    ...extra,
  };
}

/** `count` operations of a shared resource, e.g. `GET /customers/op-3`. */
function ops(resource: string, count: number, from = 0): string[] {
  return Array.from(
    { length: count },
    (_, i) => `GET /${resource}/op-${from + i}`,
  );
}

function summary(clusters: FragmentationCluster[]) {
  return clusters.map(cluster => ({
    type: cluster.type,
    members: cluster.members.map(member => member.entityRef),
    score: cluster.score,
  }));
}

describe('detectFragmentation: duplicates and overlaps', () => {
  it('reports a duplicate at the Jaccard threshold and not below it', () => {
    // 8 shared of 10 in all: Jaccard 0.8 exactly.
    const atThreshold = [
      api('a', [...ops('x', 8), 'GET /a-only']),
      api('b', [...ops('x', 8), 'GET /b-only']),
    ];
    expect(summary(detectFragmentation(atThreshold))).toEqual([
      {
        type: 'duplicate',
        members: ['api:default/a', 'api:default/b'],
        score: 0.8,
      },
    ]);
    // 7 shared of 9 (Jaccard 0.78, containment 0.875): an overlap instead.
    const below = [
      api('a', [...ops('x', 7), 'GET /a-only']),
      api('b', [...ops('x', 7), 'GET /b-only']),
    ];
    // Same size: the lower ref is the contained one, the container first.
    expect(summary(detectFragmentation(below))).toEqual([
      {
        type: 'overlap',
        members: ['api:default/b', 'api:default/a'],
        score: 0.875,
      },
    ]);
  });

  it('reports the container of an overlap first, with the shared operations and the evidence', () => {
    const clusters = detectFragmentation([
      api('card-management', [...ops('cards', 4), ...ops('pins', 10)]),
      api('card-status', ops('cards', 4)),
    ]);
    expect(clusters).toHaveLength(1);
    expect(clusters[0]).toMatchObject({
      type: 'overlap',
      score: 1,
      members: [
        { entityRef: 'api:default/card-management' },
        { entityRef: 'api:default/card-status' },
      ],
      sharedOperations: ops('cards', 4),
      sharedOperationCount: 4,
      details: {
        container: 'api:default/card-management',
        contained: ['api:default/card-status'],
        pairs: [
          {
            from: 'api:default/card-status',
            to: 'api:default/card-management',
            sharedOperations: 4,
            schemaMatches: 0,
            jaccard: 0.286,
            containment: 1,
            // Four operations only these two have, no shapes: 4 × 1.
            evidence: 4,
          },
        ],
        genericOperations: [],
        operationCounts: {
          'api:default/card-status': 4,
          'api:default/card-management': 14,
        },
      },
    });
  });

  it('needs overlapMinOperations operations in the smaller API', () => {
    const apis = [
      api('big', [...ops('x', 2), ...ops('y', 10)]),
      api('small', ops('x', 2)),
    ];
    expect(detectFragmentation(apis)).toEqual([]);
    // Two shared operations weigh 2, under the default minEvidence of 3.
    expect(detectFragmentation(apis, { overlapMinOperations: 2 })).toEqual([]);
    expect(
      summary(
        detectFragmentation(apis, { overlapMinOperations: 2, minEvidence: 2 }),
      ),
    ).toEqual([
      {
        type: 'overlap',
        members: ['api:default/big', 'api:default/small'],
        score: 1,
      },
    ]);
  });

  it('follows the thresholds given', () => {
    const apis = [api('a', ops('x', 10)), api('b', ops('x', 11))];
    expect(detectFragmentation(apis)[0].type).toBe('duplicate');
    expect(detectFragmentation(apis, { duplicateJaccard: 0.95 })[0].type).toBe(
      'overlap',
    );
    expect(
      detectFragmentation(apis, {
        duplicateJaccard: 0.95,
        overlapContainment: 1,
      })[0].type,
    ).toBe('overlap');
    expect(
      detectFragmentation(
        [api('a', ops('x', 10)), api('b', [...ops('x', 9), ...ops('y', 3)])],
        { duplicateJaccard: 0.95, overlapContainment: 0.95 },
      ),
    ).toEqual([]);
  });

  it('merges duplicates transitively with union-find', () => {
    // a~b and b~c are duplicates (Jaccard 0.82), a~c is not (0.67): the
    // score is the weakest link.
    const clusters = detectFragmentation([
      api('a', ops('x', 10, 0)),
      api('b', ops('x', 10, 1)),
      api('c', ops('x', 10, 2)),
      api('d', ops('x', 10, 20)),
    ]);
    expect(summary(clusters)).toEqual([
      {
        type: 'duplicate',
        members: ['api:default/a', 'api:default/b', 'api:default/c'],
        score: 0.818,
      },
    ]);
    // Signatures shared by at least two members, most shared first.
    expect(clusters[0].sharedOperations.slice(0, 8)).toEqual(
      ops('x', 8, 2).sort(),
    );
    expect(clusters[0].sharedOperationCount).toBe(10);
  });

  it('caps the shared operations listed, and counts them all', () => {
    const clusters = detectFragmentation(
      [api('a', ops('x', 60)), api('b', ops('x', 60))],
      { maxSharedOperations: 5 },
    );
    expect(clusters[0].sharedOperations).toHaveLength(5);
    expect(clusters[0].sharedOperationCount).toBe(60);
  });

  it('never reports versions of one API as duplicates or overlaps', () => {
    const clusters = detectFragmentation([
      api('orders-api-v1', ops('orders', 10), { owner: 'group:default/t' }),
      api('orders-api-v2', ops('orders', 11), { owner: 'group:default/t' }),
    ]);
    expect(clusters).toEqual([]);
  });
});

/** The shapes of an API's operations: `shape(op)` (8 hex) in their order. */
function withShapes(
  fragmentationApi: FragmentationApi,
  shape: (operation: string) => string,
): FragmentationApi {
  return {
    ...fragmentationApi,
    shapes: fragmentationApi.operations.map(shape).join(''),
  };
}

/** An 8-hex shape from a number. */
const hex = (value: number) => value.toString(16).padStart(8, '0');

describe('detectFragmentation: evidence', () => {
  it('reports no duplicate for two APIs sharing only operations many others have', () => {
    const orders = ['GET /orders', 'GET /orders/{}'];
    const pair = [api('shop', orders), api('warehouse', orders)];
    // Alone in the catalog, the two rare operations are evidence enough
    // (once minEvidence is 2): each weighs 1.
    expect(summary(detectFragmentation(pair, { minEvidence: 2 }))).toEqual([
      {
        type: 'duplicate',
        members: ['api:default/shop', 'api:default/warehouse'],
        score: 1,
      },
    ]);
    // Ten other APIs have them too, each with shapes of its own: each
    // operation weighs 1/√11, the pair is no duplicate, and there is no
    // family in operations of different shapes.
    let next = 0;
    const catalog = [
      ...pair,
      ...Array.from({ length: 10 }, (_, i) =>
        api(`service-${i}`, [...orders, ...ops(`own-${i}`, 5)]),
      ),
    ].map(a => withShapes(a, () => hex((next += 1))));
    expect(detectFragmentation(catalog, { minEvidence: 2 })).toEqual([]);
    expect(detectFragmentation(catalog)).toEqual([]);
  });

  it('reports no cluster for RPC-style APIs of different services on one endpoint', () => {
    const awsQuery = (actions: string[]) =>
      extractDefinitionFeatures(
        'openapi',
        JSON.stringify({
          swagger: '2.0',
          paths: Object.fromEntries(
            actions.map(action => [
              `/#Action=${action}&Version=2012-11-05`,
              { get: {}, post: {} },
            ]),
          ),
        }),
      ).features!.operations;
    const queues = awsQuery(['CreateQueue', 'DeleteQueue', 'SendMessage']);
    const topics = awsQuery(['CreateTopic', 'DeleteTopic', 'Publish']);
    const balancers = awsQuery([
      'CreateLoadBalancer',
      'DeleteLoadBalancer',
      'DescribeTags',
    ]);
    expect(queues).toEqual([
      'GET /?action=createqueue',
      'GET /?action=deletequeue',
      'GET /?action=sendmessage',
      'POST /?action=createqueue',
      'POST /?action=deletequeue',
      'POST /?action=sendmessage',
    ]);
    const clusters = detectFragmentation([
      api('sqs', [...queues]),
      api('sns', [...topics]),
      api('elb', [...balancers]),
    ]);
    expect(clusters).toEqual([]);
  });

  it('counts one endpoint that several definitions describe at one place once in its rarity', () => {
    // The operations list of one resource provider, published in three files
    // of one owner, all served at one server: one endpoint, so it weighs 1
    // and the three files are one duplicate (1 × 3 with matching shapes).
    const files = ['insights-ai', 'insights-workbook', 'monitor'].map(name =>
      withShapes(
        api(name, ['GET /providers/microsoft.insights/operations'], {
          owner: 'group:default/azure',
          server: 'management.azure.com',
        }),
        () => hex(0x4e6b),
      ),
    );
    expect(summary(detectFragmentation(files))).toEqual([
      {
        type: 'duplicate',
        members: files.map(file => file.entityRef),
        score: 1,
      },
    ]);
    // The same operation at three places (three owners' servers) is common:
    // 1/√2 each, 2.1 < minEvidence with matching shapes.
    const elsewhere = files.map((file, i) => ({
      ...file,
      owner: `group:default/team-${i}`,
      server: `api-${i}.example.com`,
    }));
    expect(detectFragmentation(elsewhere)).toEqual([]);
  });

  it('does not hold shapes that differ against two APIs at one place', () => {
    // Three operations of a long-term retention file, also in a larger file
    // of the same resource provider at a later api-version, with other
    // shapes: one endpoint described at two versions, an overlap.
    const retention = ops('retention', 3);
    const place = {
      owner: 'group:default/azure',
      server: 'management.azure.com',
    };
    const apis = [
      withShapes(api('sql-retention', retention, place), () => hex(1)),
      withShapes(
        api('sql-backups', [...retention, ...ops('backups', 10)], place),
        () => hex(2),
      ),
    ];
    expect(summary(detectFragmentation(apis))).toEqual([
      {
        type: 'overlap',
        members: ['api:default/sql-backups', 'api:default/sql-retention'],
        score: 1,
      },
    ]);
    // At two servers, the shapes that differ halve the evidence: 1.5 < 3.
    const apart = [apis[0], { ...apis[1], server: 'sql.example.com' }];
    expect(detectFragmentation(apart)).toEqual([]);
  });

  it('reports an interface implemented by 4 APIs as one family, not as pairs', () => {
    const face = ops('policies', 8);
    const shapeOf = (operation: string) =>
      hex(face.indexOf(operation) >= 0 ? 0x1000 + face.indexOf(operation) : 7);
    const insurers = (own: number[]) =>
      ['acko', 'digit', 'icici', 'tata'].map((name, i) =>
        withShapes(api(name, [...face, ...ops(name, own[i])]), shapeOf),
      );
    const apis = insurers([3, 3, 4, 4]);
    const clusters = detectFragmentation(apis);
    expect(summary(clusters)).toEqual([
      {
        type: 'family',
        members: [
          'api:default/acko',
          'api:default/digit',
          'api:default/icici',
          'api:default/tata',
        ],
        score: 1,
      },
    ]);
    expect(clusters[0]).toMatchObject({
      sharedOperations: [...face].sort(),
      sharedOperationCount: 8,
      details: {
        interfaceOperationCount: 8,
        schemaMatches: 8,
        // 8 operations with the same shapes in 4 APIs: 8 × log2(4).
        evidence: 16,
        owners: [
          'group:default/acko-team',
          'group:default/digit-team',
          'group:default/icici-team',
          'group:default/tata-team',
        ],
      },
    });
    expect(clusters[0].id).toMatch(/^family-[0-9a-f]{24}$/);
    // Without families (more members needed), nothing links them pairwise.
    expect(detectFragmentation(apis, { familyMinApis: 5 })).toEqual([]);
    // One of them only the interface, contained in each of the others: a
    // container-and-parts structure, told by the overlaps, not a family.
    expect(
      summary(detectFragmentation(insurers([0, 3, 3, 4])))
        .map(c => [c.type, c.members])
        .sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
    ).toEqual([
      ['overlap', ['api:default/digit', 'api:default/acko']],
      ['overlap', ['api:default/icici', 'api:default/acko']],
      ['overlap', ['api:default/tata', 'api:default/acko']],
    ]);
  });

  it('reports one interface served per sport by one owner as one family, once', () => {
    const sports = ['mlb', 'nba', 'nhl'];
    const apis = sports.map(sport =>
      api(`${sport}-stats`, ops('stats', 10), {
        owner: 'group:default/sportsdata',
        server: `api.sportsdata.io/v3/${sport}`,
      }),
    );
    const clusters = detectFragmentation(apis);
    // A duplicate component of one owner at distinct places: a family, and
    // the same APIs are not reported again as an interface family.
    expect(summary(clusters)).toEqual([
      {
        type: 'family',
        members: apis.map(a => a.entityRef),
        score: 1,
      },
    ]);
    // Two sports are a family too: two places of their own.
    expect(summary(detectFragmentation(apis.slice(0, 2)))).toEqual([
      {
        type: 'family',
        members: apis.slice(0, 2).map(a => a.entityRef),
        score: 1,
      },
    ]);
    // At one place, of several owners, or under other host names of the
    // owner (a legacy or testing name), they are duplicates, only.
    for (const copies of [
      apis.map(a => ({ ...a, server: 'api.sportsdata.io/v3' })),
      apis.map((a, i) => ({ ...a, owner: `group:default/team-${i}` })),
      apis.map((a, i) => ({ ...a, server: `host-${i}.sportsdata.io/v3` })),
      apis
        .slice(0, 2)
        .map((a, i) => ({ ...a, server: `host-${i}.sportsdata.io/v3` })),
    ]) {
      expect(detectFragmentation(copies).map(c => c.type)).toEqual([
        'duplicate',
      ]);
    }
  });

  it('groups the APIs contained in one container into one overlap cluster', () => {
    const apis = [
      api('core-banking', [...ops('x', 10), ...ops('y', 10), ...ops('z', 10)]),
      api('accounts', ops('x', 5)),
      api('payments', ops('y', 5)),
      api('cards', ops('z', 4)),
    ];
    const clusters = detectFragmentation(apis);
    expect(summary(clusters)).toEqual([
      {
        type: 'overlap',
        members: [
          'api:default/core-banking',
          'api:default/accounts',
          'api:default/cards',
          'api:default/payments',
        ],
        score: 1,
      },
    ]);
    const [overlap] = clusters;
    expect(overlap.type === 'overlap' && overlap.details).toMatchObject({
      container: 'api:default/core-banking',
      contained: [
        'api:default/accounts',
        'api:default/cards',
        'api:default/payments',
      ],
      containment: 1,
      jaccard: 0.167,
      pairs: [
        { from: 'api:default/accounts', sharedOperations: 5, evidence: 5 },
        { from: 'api:default/cards', sharedOperations: 4, evidence: 4 },
        { from: 'api:default/payments', sharedOperations: 5, evidence: 5 },
      ],
    });
    expect(overlap.sharedOperationCount).toBe(14);
    expect(overlap.message).toBe(
      '3 APIs are largely contained in api:default/core-banking: ' +
        'api:default/accounts, api:default/cards and api:default/payments ' +
        '(up to 100% of their operations). Consider whether consumers need ' +
        'them besides it.',
    );
  });
});

describe('detectFragmentation: stop-list', () => {
  it('ignores signatures found in too many APIs', () => {
    // 25 APIs share four common operations and have one of their own.
    const apis = Array.from({ length: 25 }, (_, i) =>
      api(`api-${i}`, [...ops('common', 4), `GET /own-${i}`]),
    );
    const { clusters, stats } = detectFragmentationWithStats(apis);
    // No pair: the common operations are stop-listed. They are one interface
    // that all 25 implement, though (families read stop-listed operations).
    expect(summary(clusters)).toEqual([
      {
        type: 'family',
        members: apis.map(a => a.entityRef).sort(),
        score: 1,
      },
    ]);
    expect(clusters[0].sharedOperations).toEqual(ops('common', 4));
    // Each member counted as the interface is: its stop-listed operations
    // too (4 common and its own), not the 1 left for pairs.
    const [family] = clusters;
    expect(
      family.type === 'family' &&
        new Set(Object.values(family.details.operationCounts)),
    ).toEqual(new Set([5]));
    expect(stats.stopListed).toBe(4);
    expect(stats.stopListThreshold).toBe(20);
    expect(stats.indexCandidates).toBe(0);
    // Counted again once the stop-list needs more APIs, but then they are
    // common (25 APIs: weight 1/√24 each), too little evidence for a pair...
    const unlisted = detectFragmentationWithStats(apis, {
      stopListMinApis: 30,
    });
    expect(unlisted.stats.stopListed).toBe(0);
    expect(unlisted.stats.indexCandidates).toBeGreaterThan(0);
    expect(unlisted.clusters.map(c => c.type)).toEqual(['family']);
  });

  it('ignores the listed infrastructure signatures, even in few APIs', () => {
    const clusters = detectFragmentation([
      api('a', ['GET /health', 'GET /ping', 'GET /metrics', 'GET /a']),
      api('b', ['GET /health', 'GET /ping', 'GET /metrics', 'GET /b']),
    ]);
    expect(clusters).toEqual([]);
  });

  it('leaves stop-listed signatures out of the shared operations', () => {
    const clusters = detectFragmentation([
      api('a', [...ops('x', 5), 'GET /health']),
      api('b', [...ops('x', 5), 'GET /health']),
    ]);
    expect(clusters[0].sharedOperations).toEqual(ops('x', 5));
    expect(clusters[0]).toMatchObject({
      type: 'duplicate',
      details: {
        operationCounts: { 'api:default/a': 5, 'api:default/b': 5 },
      },
    });
  });
});

describe('detectFragmentation: capped index and LSH', () => {
  it('finds duplicates through MinHash/LSH when the posting lists are capped', () => {
    const apis = [
      api('a', ops('x', 20)),
      api('b', ops('x', 20)),
      api('c', [...ops('x', 19), 'GET /c']),
      api('d', ops('y', 20)),
      api('e', ops('y', 20)),
      api('f', ops('z', 20)),
    ];
    const uncapped = detectFragmentationWithStats(apis);
    const capped = detectFragmentationWithStats(apis, { maxPostingSize: 1 });
    expect(summary(capped.clusters)).toEqual(summary(uncapped.clusters));
    expect(summary(capped.clusters).map(c => [c.members, c.score])).toEqual([
      [['api:default/d', 'api:default/e'], 1],
      [['api:default/a', 'api:default/b', 'api:default/c'], 0.905],
    ]);
    expect(uncapped.stats).toMatchObject({
      incompleteApis: 0,
      lshCandidates: 0,
    });
    expect(capped.stats.incompleteApis).toBe(5); // f's posting lists are short
    expect(capped.stats.indexCandidates).toBe(0);
    expect(capped.stats.lshCandidates).toBeGreaterThanOrEqual(4);
  });

  it('skips LSH buckets over maxBucketSize instead of expanding them', () => {
    const apis = ['a', 'b', 'c'].map(name => api(name, ops('x', 20)));
    const thresholds = { maxPostingSize: 1, maxBucketSize: 2 };
    const { clusters, stats } = detectFragmentationWithStats(apis, thresholds);
    // No duplicate: the pairs were never compared. The shared interface is
    // found beside the index (families do not use LSH).
    expect(summary(clusters)).toEqual([
      {
        type: 'family',
        members: ['api:default/a', 'api:default/b', 'api:default/c'],
        score: 1,
      },
    ]);
    expect(stats.skippedBuckets).toBe(16); // every band: one bucket of 3
    expect(stats.lshCandidates).toBe(0);
  });

  it('compares no pair of disjoint APIs', () => {
    const apis = Array.from({ length: 5000 }, (_, i) => api(`api-${i}`, 12));
    const { clusters, stats } = detectFragmentationWithStats(apis);
    expect(clusters).toEqual([]);
    expect(stats).toMatchObject({
      apis: 5000,
      signatures: 60000,
      indexCandidates: 0,
      lshCandidates: 0,
    });
  });
});

describe('detectFragmentation: version sprawl', () => {
  const family = (
    lifecycles: string[],
    extra: Partial<FragmentationApi> = {},
  ) =>
    lifecycles.map((lifecycle, i) =>
      api(`payments-api-v${i + 1}`, ops(`v${i}`, 5), {
        owner: 'group:default/payments-team',
        system: 'system:default/payments-hub',
        lifecycle,
        ...extra,
      }),
    );

  it('reports more live versions than maxLiveVersions', () => {
    const clusters = detectFragmentation(
      family(['production', 'production', 'production']),
    );
    expect(clusters).toHaveLength(1);
    expect(clusters[0]).toMatchObject({
      type: 'version-sprawl',
      score: 1,
      members: [
        { entityRef: 'api:default/payments-api-v1', version: '1' },
        { entityRef: 'api:default/payments-api-v2', version: '2' },
        { entityRef: 'api:default/payments-api-v3', version: '3' },
      ],
      details: { nameKey: 'payments', liveVersions: ['1', '2', '3'] },
    });
    expect(
      detectFragmentation(family(['production', 'production', 'production']), {
        maxLiveVersions: 3,
      }),
    ).toEqual([]);
  });

  it('does not count deprecated versions', () => {
    expect(detectFragmentation(family(['deprecated', 'production']))).toEqual(
      [],
    );
    const clusters = detectFragmentation(
      family(['deprecated', 'production', 'beta', 'experimental']),
    );
    expect(clusters[0].members.map(member => member.version)).toEqual([
      '2',
      '3',
      '4',
    ]);
    expect(clusters[0].details).toMatchObject({
      retiredMembers: ['api:default/payments-api-v1'],
    });
  });

  it('links versions by a shared owner or system only', () => {
    const unrelated = ['a', 'b', 'c'].map((team, i) =>
      api(`orders-api-v${i + 1}`, ops(`v${i}`, 5), {
        owner: `group:default/${team}`,
        system: `system:default/${team}`,
      }),
    );
    expect(
      detectFragmentation(unrelated).filter(c => c.type === 'version-sprawl'),
    ).toEqual([]);
    // Chained: v1-v2 share an owner, v2-v3 a system.
    unrelated[1].owner = unrelated[0].owner;
    unrelated[1].system = unrelated[2].system;
    expect(detectFragmentation(unrelated).map(c => c.type)).toEqual([
      'version-sprawl',
    ]);
  });
});

describe('detectFragmentation: name collisions', () => {
  it('reports one name with different owners or systems', () => {
    const clusters = detectFragmentation([
      api('notifications-api', ops('n', 9)),
      api('notifications-api', ops('w', 9), {
        entityRef: 'api:partner/notifications-api',
        owner: 'group:default/open-banking-team',
        system: 'system:default/partner-portal',
      }),
    ]);
    expect(clusters).toHaveLength(1);
    expect(clusters[0]).toMatchObject({
      type: 'name-collision',
      score: 1,
      sharedOperations: [],
      sharedOperationCount: 0,
      details: { nameKey: 'notifications' },
    });
    expect(clusters[0].members.map(m => m.entityRef)).toEqual([
      'api:default/notifications-api',
      'api:partner/notifications-api',
    ]);
  });

  it('spares siblings of one owner and system, and duplicates', () => {
    const same = { owner: 'group:default/t', system: 'system:default/s' };
    expect(
      detectFragmentation([
        api('orders-api', ops('a', 5), same),
        api('orders-service', ops('b', 5), same),
      ]),
    ).toEqual([]);
    expect(
      detectFragmentation([
        api('orders-api', ops('a', 5)),
        api('orders-service', ops('a', 5)),
      ]).map(c => c.type),
    ).toEqual(['duplicate']);
  });
});

describe('detectFragmentation: style inconsistency', () => {
  const rest = (
    name: string,
    pathCasing: FragmentationApi['style']['pathCasing'],
    versioning: FragmentationApi['style']['versioning'],
    extra: Partial<FragmentationApi> = {},
  ) =>
    api(name, ops(name, 3), {
      system: 'system:default/recurring',
      domain: 'domain:default/payments',
      style: { pathCasing, versioning },
      ...extra,
    });

  it('reports the APIs of a system that break its convention', () => {
    const clusters = detectFragmentation([
      rest('standing-orders', 'kebab', 'path'),
      rest('scheduled-payments', 'camel', 'none'),
      rest('mandates', 'snake', 'path'),
      rest('single-words', 'lower', 'path'),
      rest('graph', undefined, undefined),
    ]);
    // Casing: one API each, no convention. Versioning: 3 of 4 in the path.
    expect(clusters).toHaveLength(1);
    expect(clusters[0]).toMatchObject({
      type: 'style-inconsistency',
      scope: 'system:default/recurring',
      score: 0.25,
      details: {
        pathCasing: {},
        versioning: { none: ['api:default/scheduled-payments'] },
        conventions: {
          pathCasing: { styleCounts: { kebab: 1, camel: 1, snake: 1 } },
          versioning: { convention: 'path', followerCount: 3, apiCount: 4 },
        },
      },
    });
    expect(clusters[0].members.map(m => m.entityRef)).toEqual([
      'api:default/scheduled-payments',
    ]);
  });

  it('is quiet for consistent systems, but names an API mixing styles itself', () => {
    const clusters = detectFragmentation([
      rest('a', 'kebab', 'server'),
      rest('b', 'lower', 'server'),
      rest('c', 'mixed', 'mixed'),
      rest('d', 'camel', 'server', { system: 'system:default/other' }),
    ]);
    expect(clusters.map(c => c.members.map(m => m.entityRef))).toEqual([
      ['api:default/c'],
    ]);
  });

  it('checks domains when that scope is enabled', () => {
    const apis = [
      rest('a', 'kebab', 'server'),
      rest('b', 'camel', 'server', { system: 'system:default/other' }),
      rest('c', 'kebab', 'server', { system: 'system:default/other' }),
    ];
    expect(detectFragmentation(apis)).toEqual([]);
    const clusters = detectFragmentation(apis, {
      styleScopes: ['system', 'domain'],
    });
    expect(
      clusters.map(c => [
        c.type,
        c.type === 'style-inconsistency' ? c.scope : undefined,
        c.score,
        c.members.map(m => m.entityRef),
      ]),
    ).toEqual([
      [
        'style-inconsistency',
        'domain:default/payments',
        0.333,
        ['api:default/b'],
      ],
    ]);
  });
});

describe('detectFragmentation: output', () => {
  const apis = [
    api('a', ops('x', 10)),
    api('b', ops('x', 10)),
    api('small', ops('y', 4)),
    api('large', [...ops('y', 4), ...ops('z', 10)]),
    api('p', [...ops('w', 7), 'GET /p']),
    api('q', [...ops('w', 7), 'GET /q']),
  ];

  it('gives stable ids and order whatever the input order', () => {
    const forward = detectFragmentation(apis);
    const backward = detectFragmentation([...apis].reverse());
    expect(backward.map(c => c.id)).toEqual(forward.map(c => c.id));
    expect(summary(backward)).toEqual(summary(forward));
    expect(summary(forward).map(c => [c.type, c.members])).toEqual([
      ['duplicate', ['api:default/a', 'api:default/b']],
      ['overlap', ['api:default/large', 'api:default/small']],
      // Same size: the lower ref is the contained one, whatever the input
      // order.
      ['overlap', ['api:default/q', 'api:default/p']],
    ]);
    expect(forward[0].id).toMatch(/^duplicate-[0-9a-f]{24}$/);
    expect(forward[0].message).toBe(
      'api:default/a and api:default/b share 10 operations, Jaccard 1.00: ' +
        'they look like duplicates. Merge them or retire one.',
    );
  });

  it('rejects thresholds out of range', () => {
    expect(() => detectFragmentation(apis, { duplicateJaccard: 1.5 })).toThrow(
      /duplicateJaccard/,
    );
    expect(() => detectFragmentation(apis, { lshRows: 0 })).toThrow(/lshRows/);
  });

  it('handles no APIs and APIs without operations', () => {
    expect(detectFragmentation([])).toEqual([]);
    expect(detectFragmentation([api('a', []), api('b', [])])).toEqual([]);
  });
});

describe('detectFragmentation: scale', () => {
  it('finds the duplicates planted among 5,000 synthetic APIs', () => {
    let seed = 42;
    const random = () => {
      seed = (Math.imul(seed, 1664525) + 1013904223) | 0;
      return (seed >>> 0) / 4294967296;
    };
    const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
    const apis: FragmentationApi[] = [];
    const planted: Array<[string, string]> = [];
    for (let i = 0; i < 5000; i++) {
      const name = `service-${i}`;
      if (i % 100 === 99) {
        // A copy of an earlier original API with one operation added.
        const source = apis[i - 50];
        const copied = [...source.operations, `GET /copy-${i}`];
        apis.push(api(name, copied));
        planted.push(
          [source.entityRef, `api:default/${name}`].sort() as [string, string],
        );
        continue;
      }
      // 10–30 operations: on resources of its own, and on shared ones
      // (Zipf-like: a few are in very many APIs, like GET /health).
      const operations = new Set<string>();
      const target = 10 + Math.floor(random() * 21);
      while (operations.size < target) {
        const resource =
          random() < 0.7
            ? `own-${i}-${Math.floor(random() * 6)}`
            : `shared-${Math.floor(Math.pow(2000, random()))}`;
        const path = random() < 0.5 ? `/${resource}` : `/${resource}/{}`;
        operations.add(`${methods[Math.floor(random() * 5)]} ${path}`);
      }
      apis.push(api(name, [...operations]));
    }
    const { clusters, stats } = detectFragmentationWithStats(apis);
    const duplicates = clusters
      .filter(cluster => cluster.type === 'duplicate')
      .map(cluster => cluster.members.map(member => member.entityRef));
    expect(duplicates).toHaveLength(planted.length);
    expect(duplicates).toEqual(expect.arrayContaining(planted));
    expect(stats.stopListed).toBeGreaterThan(0);
    // Far fewer comparisons than the 12.5 million pairs.
    expect(stats.indexCandidates + stats.lshCandidates).toBeLessThan(200_000);
  });
});
