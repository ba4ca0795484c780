import {
  fragmentationClusterSchema,
  fragmentationThresholdsSchema,
  type FamilyCluster,
  type FragmentationCluster,
  type OverlapCluster,
} from './schemas';
import { DEFAULT_FRAGMENTATION_THRESHOLDS, FRAGMENTATION_TYPES } from './types';

const members = [
  { entityRef: 'api:default/a-api', owner: 'group:default/a', version: '1' },
  { entityRef: 'api:default/b-api', system: 'system:default/b' },
];
const common = {
  members,
  score: 1,
  sharedOperations: [],
  sharedOperationCount: 0,
  message: 'One sentence.',
};

/** One cluster of each type, as the detectors write them. */
const clusters: FragmentationCluster[] = [
  {
    ...common,
    id: 'duplicate-1',
    type: 'duplicate',
    score: 0.909,
    sharedOperations: ['GET /customers'],
    sharedOperationCount: 1,
    details: {
      operationCounts: { 'api:default/a-api': 11, 'api:default/b-api': 10 },
      minJaccard: 0.909,
      maxJaccard: 0.909,
      pairs: [
        {
          from: 'api:default/b-api',
          to: 'api:default/a-api',
          sharedOperations: 10,
          schemaMatches: 8,
          jaccard: 0.909,
          containment: 1,
          evidence: 18,
        },
      ],
      genericOperations: ['GET /customers'],
    },
  },
  {
    ...common,
    id: 'overlap-1',
    type: 'overlap',
    members: [members[1], members[0]],
    details: {
      container: 'api:default/b-api',
      contained: ['api:default/a-api'],
      operationCounts: { 'api:default/a-api': 4, 'api:default/b-api': 14 },
      containment: 1,
      jaccard: 0.286,
      pairs: [
        {
          from: 'api:default/a-api',
          to: 'api:default/b-api',
          sharedOperations: 4,
          schemaMatches: 0,
          jaccard: 0.286,
          containment: 1,
          evidence: 4,
        },
      ],
      genericOperations: [],
    },
  },
  {
    ...common,
    id: 'family-1',
    type: 'family',
    score: 0.5,
    sharedOperations: ['GET /degrees/{}', 'POST /certificates'],
    sharedOperationCount: 2,
    details: {
      operationCounts: { 'api:default/a-api': 2, 'api:default/b-api': 1 },
      interfaceOperationCount: 2,
      schemaMatches: 1,
      evidence: 1.5,
      owners: ['group:default/a'],
    },
  },
  {
    ...common,
    id: 'version-sprawl-1',
    type: 'version-sprawl',
    details: {
      nameKey: 'payments',
      liveVersions: ['1', '2', '3'],
      maxLiveVersions: 2,
      retiredMembers: [],
    },
  },
  {
    ...common,
    id: 'name-collision-1',
    type: 'name-collision',
    details: {
      nameKey: 'notifications',
      owners: ['group:default/a'],
      systems: ['system:default/b'],
    },
  },
  {
    ...common,
    id: 'style-inconsistency-1',
    type: 'style-inconsistency',
    score: 0.5,
    scope: 'system:default/b',
    details: {
      scopeKind: 'system',
      pathCasing: {
        camel: ['api:default/a-api'],
        mixed: ['api:default/b-api'],
      },
      versioning: {},
      conventions: {
        pathCasing: {
          convention: 'kebab',
          followerCount: 2,
          apiCount: 3,
          styleCounts: { kebab: 2, camel: 1, mixed: 1 },
        },
        versioning: {
          followerCount: 0,
          apiCount: 4,
          styleCounts: { path: 2, server: 2 },
        },
      },
    },
  },
];

describe('fragmentationClusterSchema', () => {
  it('has one variant per type, in report order', () => {
    expect(
      fragmentationClusterSchema.options.map(option => option.shape.type.value),
    ).toEqual(FRAGMENTATION_TYPES);
  });

  it.each(clusters.map(cluster => [cluster.type, cluster]))(
    'reads a %s cluster as written (JSON round trip)',
    (_type, cluster) => {
      expect(
        fragmentationClusterSchema.parse(JSON.parse(JSON.stringify(cluster))),
      ).toEqual(cluster);
    },
  );

  it('gives the details of the type once narrowed', () => {
    const described = clusters.map(cluster => {
      switch (cluster.type) {
        case 'duplicate':
          return cluster.details.maxJaccard;
        case 'overlap':
          return cluster.details.contained;
        case 'family':
          return cluster.details.interfaceOperationCount;
        case 'version-sprawl':
          return cluster.details.liveVersions.length;
        case 'name-collision':
          return cluster.details.owners.length;
        case 'style-inconsistency':
          return `${cluster.details.scopeKind} ${cluster.scope}`;
        default:
          return cluster satisfies never;
      }
    });
    expect(described).toEqual([
      0.909,
      ['api:default/a-api'],
      2,
      3,
      1,
      'system system:default/b',
    ]);
  });

  it('refuses the details of another type', () => {
    const result = fragmentationClusterSchema.safeParse({
      ...clusters[0],
      details: clusters[1].details,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map(issue => issue.path.join('.'))).toEqual(
      expect.arrayContaining(['details.minJaccard', 'details.maxJaccard']),
    );
  });

  it('refuses an overlap naming its contained API alone, and pairs out of range', () => {
    const overlap = clusters[1] as OverlapCluster;
    const single = fragmentationClusterSchema.safeParse({
      ...overlap,
      details: { ...overlap.details, contained: 'api:default/a-api' },
    });
    expect(single.error?.issues.map(issue => issue.path.join('.'))).toEqual([
      'details.contained',
    ]);
    const badPair = fragmentationClusterSchema.safeParse({
      ...overlap,
      details: {
        ...overlap.details,
        pairs: [
          { ...overlap.details.pairs[0], containment: 1.5, evidence: -1 },
        ],
      },
    });
    expect(badPair.error?.issues.map(issue => issue.path.join('.'))).toEqual([
      'details.pairs.0.containment',
      'details.pairs.0.evidence',
    ]);
  });

  it('refuses a family without its interface figures', () => {
    const family = clusters[2] as FamilyCluster;
    const { owners: _owners, ...withoutOwners } = family.details;
    const result = fragmentationClusterSchema.safeParse({
      ...family,
      details: { ...withoutOwners, interfaceOperationCount: -1 },
    });
    expect(result.error?.issues.map(issue => issue.path.join('.'))).toEqual(
      expect.arrayContaining([
        'details.interfaceOperationCount',
        'details.owners',
      ]),
    );
  });

  it('refuses an unknown type, a style inconsistency without scope and a bad memberCount', () => {
    expect(
      fragmentationClusterSchema.safeParse({ ...clusters[0], type: 'twin' })
        .success,
    ).toBe(false);
    const { scope: _scope, ...unscoped } = clusters[5] as Extract<
      FragmentationCluster,
      { type: 'style-inconsistency' }
    >;
    expect(fragmentationClusterSchema.safeParse(unscoped).success).toBe(false);
    for (const memberCount of [-1, 2.5, '3']) {
      expect(
        fragmentationClusterSchema.safeParse({ ...clusters[3], memberCount })
          .success,
      ).toBe(false);
    }
  });

  it('accepts a capped member list with the count of all members', () => {
    expect(
      fragmentationClusterSchema.safeParse({
        ...clusters[3],
        members: [members[0]],
        memberCount: 300,
      }).success,
    ).toBe(true);
  });

  it('refuses a style that is not one', () => {
    const style = clusters[5] as Extract<
      FragmentationCluster,
      { type: 'style-inconsistency' }
    >;
    const result = fragmentationClusterSchema.safeParse({
      ...style,
      details: {
        ...style.details,
        pathCasing: { screaming: ['api:default/a-api'] },
      },
    });
    expect(result.success).toBe(false);
  });

  it('refuses a style cluster without conventions or with a bad count', () => {
    const style = clusters[5] as Extract<
      FragmentationCluster,
      { type: 'style-inconsistency' }
    >;
    const { conventions, ...withoutConventions } = style.details;
    expect(
      fragmentationClusterSchema.safeParse({
        ...style,
        details: withoutConventions,
      }).success,
    ).toBe(false);
    const result = fragmentationClusterSchema.safeParse({
      ...style,
      details: {
        ...style.details,
        conventions: {
          ...conventions,
          versioning: {
            convention: 'sideways',
            followerCount: -1,
            apiCount: 1.5,
            styleCounts: {},
          },
        },
      },
    });
    expect(result.error?.issues.map(issue => issue.path.join('.'))).toEqual([
      'details.conventions.versioning.convention',
      'details.conventions.versioning.followerCount',
      'details.conventions.versioning.apiCount',
    ]);
  });
});

describe('fragmentationThresholdsSchema', () => {
  it('fills in every default', () => {
    expect(fragmentationThresholdsSchema.parse({})).toEqual(
      DEFAULT_FRAGMENTATION_THRESHOLDS,
    );
  });

  it('names the field and the value of each problem', () => {
    const result = fragmentationThresholdsSchema.safeParse({
      overlapContainment: '0.9',
      maxLiveVersions: -1,
      styleScopes: ['system', 'team'],
      styleConventionShare: 0,
      minEvidence: -1,
      familyMinApis: 0,
      duplicateJacard: 0.9,
    });
    expect(result.success).toBe(false);
    expect(
      result.error?.issues.map(issue => [issue.path.join('.'), issue.message]),
    ).toEqual(
      expect.arrayContaining([
        ['overlapContainment', 'must be a number in (0, 1], got "0.9"'],
        ['maxLiveVersions', 'must be a positive integer, got -1'],
        ['styleScopes.1', 'unknown scope team; expected system or domain'],
        ['styleConventionShare', 'must be a number in (0, 1], got 0'],
        ['minEvidence', 'must be a number of at least 0, got -1'],
        ['familyMinApis', 'must be a positive integer, got 0'],
        ['', expect.stringMatching(/duplicateJacard/)],
      ]),
    );
  });
});
