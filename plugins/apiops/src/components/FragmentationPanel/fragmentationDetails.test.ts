import { fragmentationClusterSchema } from '@apiops-backstage/plugin-apiops-common';
import {
  clusters,
  duplicateCluster,
  familyCluster,
  largeDuplicateCluster,
  overlapCluster,
  styleCluster,
  versionSprawlCluster,
} from './__fixtures__/clusters';
import {
  countsSharedOperations,
  formatScore,
  memberOf,
  operationCountOf,
  otherMembers,
  overlapRoleOf,
  readableMessage,
  styleBreaksOf,
  styleConventionOf,
  styleOf,
} from './fragmentationDetails';

describe('fragmentation details', () => {
  it('has fixtures shaped as the backend answers them', () => {
    for (const cluster of [...clusters, largeDuplicateCluster]) {
      expect(fragmentationClusterSchema.parse(cluster)).toEqual(cluster);
    }
  });

  it('tells the other members from the API itself, whatever the case of its ref', () => {
    expect(
      otherMembers(duplicateCluster, 'API:default/Customer-Profile-API').map(
        member => member.entityRef,
      ),
    ).toEqual(['api:default/client-directory-api']);
    expect(
      memberOf(duplicateCluster, 'api:default/customer-profile-api')?.title,
    ).toBe('Customer Profile API');
    expect(otherMembers(duplicateCluster, 'api:default/other')).toHaveLength(2);
  });

  it('reads the operation counts of duplicates and overlaps', () => {
    expect(
      operationCountOf(duplicateCluster, 'api:default/client-directory-api'),
    ).toBe(11);
    expect(
      operationCountOf(overlapCluster, 'api:default/card-management-api'),
    ).toBe(14);
    expect(
      operationCountOf(versionSprawlCluster, 'api:default/payments-api-v1'),
    ).toBeUndefined();
    expect(
      operationCountOf(duplicateCluster, 'api:default/other-api'),
    ).toBeUndefined();
  });

  it('reads the roles of an overlap', () => {
    expect(overlapRoleOf(overlapCluster, 'api:default/card-status-api')).toBe(
      'contained',
    );
    expect(
      overlapRoleOf(overlapCluster, 'api:default/card-management-api'),
    ).toBe('container');
    expect(
      overlapRoleOf(duplicateCluster, 'api:default/client-directory-api'),
    ).toBeUndefined();
  });

  it('reads the styles of each outlier of a style inconsistency', () => {
    const ref = 'api:default/scheduled-payments-api';
    expect(styleOf(styleCluster, 'pathCasing', ref)).toBe('camel');
    expect(styleOf(styleCluster, 'versioning', ref)).toBe('none');
    expect(
      styleOf(styleCluster, 'pathCasing', 'API:default/Standing-Orders-API'),
    ).toBe('mixed');
    // Not off the versioning convention: not listed.
    expect(
      styleOf(styleCluster, 'versioning', 'api:default/standing-orders-api'),
    ).toBeUndefined();
    expect(styleOf(duplicateCluster, 'pathCasing', ref)).toBeUndefined();
  });

  it('reads the conventions of a style inconsistency and how an API breaks them', () => {
    expect(styleConventionOf(styleCluster, 'pathCasing')).toEqual({
      convention: 'kebab',
      followerCount: 8,
      apiCount: 10,
      styleCounts: { kebab: 8, camel: 1, snake: 1, mixed: 1 },
    });
    expect(styleConventionOf(duplicateCluster, 'pathCasing')).toBeUndefined();
    expect(
      styleBreaksOf(styleCluster, 'api:default/scheduled-payments-api').map(
        ({ dimension, style, convention, followerCount, apiCount }) => [
          dimension,
          style,
          convention,
          followerCount,
          apiCount,
        ],
      ),
    ).toEqual([
      ['pathCasing', 'camel', 'kebab', 8, 10],
      ['versioning', 'none', 'path', 10, 11],
    ]);
    expect(
      styleBreaksOf(styleCluster, 'api:default/standing-orders-api').map(
        b => b.style,
      ),
    ).toEqual(['mixed']);
    expect(styleBreaksOf(styleCluster, 'api:default/other-api')).toEqual([]);
    // A cluster of a snapshot taken before conventions were reported.
    const { conventions: _conventions, ...oldDetails } = (
      styleCluster as Extract<
        typeof styleCluster,
        { type: 'style-inconsistency' }
      >
    ).details;
    const old = { ...styleCluster, details: oldDetails } as typeof styleCluster;
    expect(styleConventionOf(old, 'pathCasing')).toBeUndefined();
    expect(styleBreaksOf(old, 'api:default/scheduled-payments-api')).toEqual(
      [],
    );
  });

  it('writes scores as whole percentages', () => {
    expect(formatScore(0.909, 'en')).toBe('91%');
    expect(formatScore(1, 'en')).toBe('100%');
    expect(formatScore(0.667, 'en')).toBe('67%');
    expect(formatScore(Number.NaN, 'en')).toBe('0%');
  });

  it('names the APIs of a message by title, and the scope of a style inconsistency by name', () => {
    const title = (member: { title?: string; entityRef: string }) =>
      member.title ?? `(${member.entityRef})`;
    expect(readableMessage(duplicateCluster, title)).toBe(
      'Client Directory and Customer Profile API share 10 of their 11 operations (Jaccard 0.91): they look like duplicates. Merge them or retire one.',
    );
    const style = readableMessage(styleCluster, title);
    expect(style).not.toMatch(/api:|system:/);
    expect(style).toContain('REST APIs of recurring-payments.');
  });

  it('replaces a ref, not the start of a longer one, and ignores case', () => {
    const cluster = {
      ...duplicateCluster,
      members: [
        { entityRef: 'api:default/orders', title: 'Orders' },
        { entityRef: 'api:default/orders-v2', title: 'Orders v2' },
        { entityRef: 'api:default/orders.internal', title: 'Internal' },
      ],
      message:
        'API:default/orders-v2 and api:default/orders.internal look like api:default/orders. See api:default/orders-v3.',
    };
    expect(readableMessage(cluster, m => m.title ?? '')).toBe(
      'Orders v2 and Internal look like Orders. See api:default/orders-v3.',
    );
  });

  it('tells the types that count shared operations from those that do not', () => {
    expect(
      [...clusters, familyCluster].map(cluster => [
        cluster.type,
        countsSharedOperations(cluster.type),
      ]),
    ).toEqual([
      ['duplicate', true],
      ['overlap', true],
      ['version-sprawl', false],
      ['name-collision', false],
      ['style-inconsistency', false],
      ['family', true],
    ]);
  });
});
