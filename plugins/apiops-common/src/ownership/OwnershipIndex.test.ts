import { Entity } from '@backstage/catalog-model';
import { component, group, other, user } from './__fixtures__/entities';
import { OwnershipIndex } from './OwnershipIndex';
import { entityRefKey } from '../refs';

const ORPHAN = { 'backstage.io/orphan': 'true' };

describe('OwnershipIndex', () => {
  describe('member counts', () => {
    // An organization whose departments have no direct members.
    const org: Entity[] = [
      group('org', { children: ['dept-a', 'dept-b'] }),
      group('dept-a', { parent: 'org', children: ['team-1', 'team-2'] }),
      group('dept-b', { parent: 'org' }),
      group('team-1', { parent: 'dept-a', members: ['bob'] }),
      group('team-2', { parent: 'dept-a' }),
      group('team-3', { parent: 'dept-b' }), // only declared by its parent
      group('empty', { parent: 'dept-b' }),
      group('ghosts', { members: ['ghost', 'user:default/nobody-here'] }),
      user('alice', ['team-1', 'team-2']), // in two teams: counted once
      user('bob'), // member through team-1's spec.members
      user('carol', ['group:default/team-2']),
      user('dave', ['team-3']),
      user('erin', ['dept-b']),
    ];
    const index = OwnershipIndex.fromEntities(org);

    it.each([
      ['group:default/team-1', 2], // alice, bob
      ['group:default/team-2', 2], // alice, carol
      ['group:default/dept-a', 3], // alice, bob, carol: no direct members
      ['group:default/team-3', 1],
      ['group:default/dept-b', 2], // erin + dave through team-3
      ['group:default/org', 5],
      ['group:default/empty', 0],
      ['group:default/ghosts', 0], // members that are not users of the catalog
      ['Group:Default/Dept-A', 3],
      ['group:default/no-such-group', 0],
      ['user:default/alice', 0],
    ])('%s has %d members', (ref, count) => {
      expect(index.getMemberCount(entityRefKey(ref))).toBe(count);
      expect(index.getMemberCount(entityRefKey(ref))).toBe(count); // memoized
    });

    it('counts from relations alone, as entities from the catalog have them', () => {
      const fromCatalog = OwnershipIndex.fromEntities([
        {
          ...group('dept'),
          relations: [
            { type: 'parentOf', targetRef: 'group:default/team' },
            { type: 'hasMember', targetRef: 'user:default/lead' },
          ],
        },
        {
          ...group('team'),
          relations: [{ type: 'childOf', targetRef: 'group:default/dept' }],
        },
        {
          ...group('sub'),
          relations: [{ type: 'childOf', targetRef: 'group:default/team' }],
        },
        user('lead'),
        {
          ...user('dev'),
          relations: [{ type: 'memberOf', targetRef: 'group:default/sub' }],
        },
      ]);
      expect(
        fromCatalog.getMemberCount(entityRefKey('group:default/dept')),
      ).toBe(2);
      expect(
        fromCatalog.getMemberCount(entityRefKey('group:default/team')),
      ).toBe(1);
      expect(
        fromCatalog.getMemberCount(entityRefKey('group:default/sub')),
      ).toBe(1);
    });

    it.each([
      [
        'a loop of three groups',
        [
          group('a', { children: ['b'] }),
          group('b', { children: ['c'] }),
          group('c', { children: ['a'] }),
          user('u1', ['c']),
          user('u2', ['a']),
        ],
        { a: 2, b: 2, c: 2 },
      ],
      [
        'a group that is its own parent',
        [group('a', { parent: 'a', children: ['a'] }), user('u1', ['a'])],
        { a: 1 },
      ],
      [
        'parent and child naming each other as parent',
        [
          group('a', { parent: 'b' }),
          group('b', { parent: 'a' }),
          user('u1', ['b']),
        ],
        { a: 1, b: 1 },
      ],
      [
        'an empty loop',
        [group('a', { parent: 'b' }), group('b', { parent: 'a' })],
        { a: 0, b: 0 },
      ],
    ])('terminates on %s', (_, entities, expected) => {
      const looped = OwnershipIndex.fromEntities(entities);
      for (const [name, count] of Object.entries(expected)) {
        expect(
          looped.getMemberCount(entityRefKey(`group:default/${name}`)),
        ).toBe(count);
      }
    });

    it('walks a deep hierarchy without recursion', () => {
      const depth = 20_000;
      const chain = Array.from({ length: depth }, (_, i) =>
        group(`g${i}`, i > 0 ? { parent: `g${i - 1}` } : {}),
      );
      const deep = OwnershipIndex.fromEntities([
        ...chain,
        user('leaf', [`g${depth - 1}`]),
      ]);
      expect(deep.getMemberCount(entityRefKey('group:default/g0'))).toBe(1);
    });

    it('resolves short refs in the namespace of the entity declaring them', () => {
      const namespaced = OwnershipIndex.fromEntities([
        group('team', {}, { namespace: 'partner' }),
        group('team'),
        group('parent', { children: ['team'] }, { namespace: 'partner' }),
        user('pat', ['team'], { namespace: 'partner' }),
        user('dan', ['partner/team']),
        user('ann', ['team']),
      ]);
      expect(
        namespaced.getMemberCount(entityRefKey('group:partner/team')),
      ).toBe(2);
      expect(
        namespaced.getMemberCount(entityRefKey('group:partner/parent')),
      ).toBe(2);
      expect(
        namespaced.getMemberCount(entityRefKey('group:default/team')),
      ).toBe(1);
    });
  });

  describe('entries', () => {
    const index = OwnershipIndex.fromEntities([
      group('team', { displayName: 'The Team' }, { title: 'ignored' }),
      group('legacy', {}, { annotations: ORPHAN }),
      group(
        'not-orphaned',
        {},
        { annotations: { 'backstage.io/orphan': 'false' } },
      ),
      user('jane', [], { namespace: 'Partner' }),
      other('System', 'payments', { title: 'Payments' }),
      other('API', 'some-api'),
    ]);

    it.each([
      [
        'group:default/team',
        { kind: 'group', title: 'The Team', orphaned: false },
      ],
      [
        'GROUP:default/TEAM',
        { kind: 'group', title: 'The Team', orphaned: false },
      ],
      [
        'group:default/legacy',
        { kind: 'group', title: undefined, orphaned: true },
      ],
      ['group:default/not-orphaned', { kind: 'group', orphaned: false }],
      ['user:partner/jane', { kind: 'user', orphaned: false }],
      ['system:default/payments', { kind: 'system', title: 'Payments' }],
    ])('%s', (ref, expected) => {
      expect(index.getEntry(entityRefKey(ref))).toMatchObject({
        ref: ref.toLocaleLowerCase('en-US'),
        ...expected,
      });
    });

    it.each([
      ['api:default/some-api'],
      ['group:default/missing'],
      ['user:default/jane'],
    ])('knows nothing of %s', ref => {
      expect(index.getEntry(entityRefKey(ref))).toBeUndefined();
    });
  });

  describe('providers and component owners', () => {
    const index = OwnershipIndex.fromEntities([
      component('svc-a', 'team-a', ['api-1', 'api:default/api-2']),
      component('svc-b', 'user:jane', ['API:Default/API-2']),
      component('svc-p', 'team-p', ['api-1'], { namespace: 'partner' }),
      component('svc-x', 'team-x', ['api:default/api-1'], {
        namespace: 'partner',
      }),
      {
        ...component('svc-r', undefined),
        relations: [
          { type: 'ownedBy', targetRef: 'group:default/team-r' },
          { type: 'providesApi', targetRef: 'api:default/api-3' },
        ],
      },
      component('svc-none', undefined, ['api-4']),
    ]);

    it.each([
      [
        'api:default/api-1',
        ['component:default/svc-a', 'component:partner/svc-x'],
      ],
      [
        'api:default/api-2',
        ['component:default/svc-a', 'component:default/svc-b'],
      ],
      ['api:partner/api-1', ['component:partner/svc-p']],
      ['api:default/api-3', ['component:default/svc-r']],
      ['api:default/api-4', ['component:default/svc-none']],
      ['api:default/unprovided', []],
    ])('%s is provided by %j', (ref, expected) => {
      expect(index.getProviders(entityRefKey(ref)).sort()).toEqual(expected);
    });

    it.each([
      ['component:default/svc-a', 'group:default/team-a'],
      ['component:default/svc-b', 'user:default/jane'],
      ['component:partner/svc-p', 'group:partner/team-p'],
      ['component:default/svc-r', 'group:default/team-r'],
      ['component:default/svc-none', undefined],
      ['component:default/unknown', undefined],
    ])('%s is owned by %s', (ref, expected) => {
      expect(index.getOwner(entityRefKey(ref))).toBe(expected);
    });
  });

  it('skips malformed fields instead of failing', () => {
    const index = OwnershipIndex.fromEntities([
      {
        ...group('team'),
        spec: {
          type: 'team',
          parent: ':bad',
          children: [':bad', 7],
          members: [42, 'bob'],
        },
      } as unknown as Entity,
      user('bob', [':bad', 'team']),
      component('svc', ':bad', [':bad']),
    ]);
    expect(index.getMemberCount(entityRefKey('group:default/team'))).toBe(1);
    expect(
      index.getOwner(entityRefKey('component:default/svc')),
    ).toBeUndefined();
  });

  it('builds from a stream of entities and then refuses more', () => {
    const builder = OwnershipIndex.builder();
    builder.add(group('team')).add(user('jane', ['team']));
    const index = builder.build();
    expect(index.getMemberCount(entityRefKey('group:default/team'))).toBe(1);
    expect(() => builder.add(user('late', ['team']))).toThrow(/after build/);
    expect(() => builder.build()).toThrow(/already been built/);
  });
});
