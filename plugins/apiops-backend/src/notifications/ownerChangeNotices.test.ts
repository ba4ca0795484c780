import {
  ApiSnapshotResult,
  OwnershipIndex,
} from '@apiops-backstage/plugin-apiops-common';
import { Entity } from '@backstage/catalog-model';
import { ownerChangeNotices } from './ownerChangeNotices';

const group = (name: string, members: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [], members },
});
const user = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: {},
});
const ownership = OwnershipIndex.fromEntities([
  group('payments', ['ada']),
  group('empty', []),
  group('platform', ['bo']),
  user('ada'),
  user('bo'),
]);

function api(
  name: string,
  owner: string | undefined,
  gaps: ApiSnapshotResult['owner']['gaps'] = [],
  findings: ApiSnapshotResult['governance']['findings'] = [],
): ApiSnapshotResult {
  return {
    entityRef: `api:default/${name}`,
    title: name,
    station: { id: 'unassessed', source: 'none', cycle: 'c' },
    owner: {
      ref: owner,
      resolved: Boolean(owner && ownership.getEntry(owner as never)),
      kind: owner?.split(':')[0],
      gaps,
    },
    governance: { status: 'compliant', findings },
  };
}

const gap = (message: string) => ({
  type: 'owner-mismatch' as const,
  severity: 'warning' as const,
  message,
});

describe('ownerChangeNotices', () => {
  it('tells nothing at the first snapshot, and keeps the APIs with something as the baseline', () => {
    const out = ownerChangeNotices({
      snapshotId: '1',
      apis: [
        api('a', 'group:default/payments', [gap('x')]),
        api('b', 'group:default/payments'),
      ],
      clustersOf: () => [],
      previous: undefined,
      ownership,
    });
    expect(out.notices).toEqual([]);
    expect([...out.baseline.keys()]).toEqual(['api:default/a']);
  });

  it('groups what is new per team and topic, naming at most five APIs', () => {
    const apis = Array.from({ length: 7 }, (_, i) =>
      api(
        `a${i}`,
        'group:default/payments',
        [gap(`gap ${i}`)],
        [{ ruleId: 'description-present', severity: 'error', message: 'none' }],
      ),
    );
    const previous = new Map([
      [
        'api:default/a0',
        { gaps: ['owner-mismatch'], errors: [], clusters: [] },
      ],
    ]);
    const out = ownerChangeNotices({
      snapshotId: '9',
      apis,
      clustersOf: () => [],
      previous,
      ownership,
    });
    const byTopic = Object.fromEntries(out.notices.map(n => [n.topic, n]));
    expect(out.notices.map(n => [n.key, n.payload.title]).sort()).toEqual([
      [
        'apiops-error-finding:group:default/payments:9',
        '7 APIs of payments have new error findings',
      ],
      [
        'apiops-ownership-gap:group:default/payments:9',
        '6 APIs of payments have new ownership gaps',
      ],
    ]);
    const description =
      byTopic['apiops-ownership-gap'].payload.description!.split('\n');
    expect(description).toHaveLength(6);
    expect(description[5]).toBe('and 1 more');
    expect(byTopic['apiops-ownership-gap'].payload.link).toBe(
      '/apiops/ownership?gapOwner=group%3Adefault%2Fpayments',
    );
    expect(byTopic['apiops-error-finding'].payload.link).toBe(
      '/catalog/default/group/payments/apiops',
    );
  });

  it('tells the platform team about APIs of no valid owner or of an empty group, and counts those it cannot tell', () => {
    const apis = [
      api('unowned', undefined, [
        { type: 'owner-missing', severity: 'error', message: 'none' },
      ]),
      api('empty', 'group:default/empty', [
        { type: 'owner-group-empty', severity: 'error', message: 'empty' },
      ]),
    ];
    const told = ownerChangeNotices({
      snapshotId: '2',
      apis,
      clustersOf: () => [],
      previous: new Map(),
      ownership,
      platformTeam: 'group:default/platform',
    });
    expect(told.notices).toEqual([
      expect.objectContaining({
        recipient: 'group:default/platform',
        payload: expect.objectContaining({
          title: '2 APIs with no valid owner have new ownership gaps',
          link: '/apiops/ownership?gapType=owner-group-empty&gapType=owner-missing',
        }),
      }),
    ]);
    const untold = ownerChangeNotices({
      snapshotId: '2',
      apis,
      clustersOf: () => [],
      previous: new Map(),
      ownership,
    });
    expect(untold).toMatchObject({ notices: [], untold: 2 });
  });

  it('tells of a new undismissed duplicate cluster, not of a dismissed one', () => {
    const clusters = new Map([
      [
        'api:default/a',
        [
          {
            id: 'duplicate-1',
            type: 'duplicate' as const,
            dismissed: false,
            memberCount: 2,
          },
        ],
      ],
      [
        'api:default/b',
        [
          {
            id: 'duplicate-2',
            type: 'duplicate' as const,
            dismissed: true,
            memberCount: 2,
          },
        ],
      ],
    ]);
    const out = ownerChangeNotices({
      snapshotId: '3',
      apis: [
        api('a', 'group:default/payments'),
        api('b', 'group:default/payments'),
      ],
      clustersOf: ref => clusters.get(ref) ?? [],
      previous: new Map(),
      ownership,
    });
    expect(out.notices).toEqual([
      expect.objectContaining({
        topic: 'apiops-duplicate-cluster',
        payload: expect.objectContaining({
          title: 'a is in a new duplicate cluster',
          description:
            'a: in the duplicate cluster duplicate-1 with 1 other API',
        }),
      }),
    ]);
  });
});
