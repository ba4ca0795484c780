import { fragmentationClusterSchema } from '@apiops-backstage/plugin-apiops-common';
import {
  clusters,
  duplicateCluster,
  largeDuplicateCluster,
  overlapCluster,
  styleCluster,
  versionSprawlCluster,
} from './__fixtures__/clusters';
import {
  formatScore,
  memberOf,
  operationCountOf,
  otherMembers,
  overlapRoleOf,
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
});
