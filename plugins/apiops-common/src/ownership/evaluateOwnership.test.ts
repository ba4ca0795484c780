import { Entity } from '@backstage/catalog-model';
import {
  api,
  component,
  FixtureOptions,
  group,
  other,
  user,
} from './__fixtures__/entities';
import {
  DEFAULT_OWNER_PLACEHOLDERS,
  evaluateOwnership,
} from './evaluateOwnership';
import { OwnershipIndex } from './OwnershipIndex';
import { OwnerGapType } from './types';

const ORPHAN = { 'backstage.io/orphan': 'true' };

const catalog: Entity[] = [
  group('org', { children: ['dept'] }, { title: 'Organization' }),
  group('dept', {
    parent: 'org',
    children: ['team-a', 'team-b', 'empty-team'],
  }),
  group('team-a', { parent: 'dept', displayName: 'Team A' }),
  group('team-b', { parent: 'dept', members: ['carol'] }),
  group('empty-team', { parent: 'dept' }),
  group('ghost-team', { members: ['ghost'] }),
  group('orphan-team', {}, { annotations: ORPHAN }),
  group('orphan-empty', {}, { annotations: ORPHAN }),
  group('team-p', {}, { namespace: 'partner' }),
  user('alice', ['team-a']),
  user('bob', ['team-a']),
  user('carol'),
  user('dave', ['orphan-team']),
  user('jane', [], { title: 'Jane Doe' }),
  user('gone', ['team-a'], { annotations: ORPHAN }),
  user('pat', ['team-p'], { namespace: 'partner' }),
  other('System', 'sys'),
  component('svc-a', 'team-a', ['provided-by-a', 'shared']),
  component('svc-b', 'team-b', ['shared']),
  component('svc-jane', 'user:jane', ['jane-api']),
  component('svc-orphan', 'orphan-team', ['orphan-api']),
  component('svc-empty', 'empty-team', ['empty-api']),
  component('svc-p', 'team-p', ['partner-api'], { namespace: 'partner' }),
  component('svc-none', undefined, ['ownerless-provider']),
  component('svc-c', 'team-b'), // provides only through the API's relations
];
const index = OwnershipIndex.fromEntities(catalog);

const providedBy = (...refs: string[]): FixtureOptions => ({
  relations: refs.map(targetRef => ({ type: 'apiProvidedBy', targetRef })),
});

describe('evaluateOwnership', () => {
  it.each<[string, Entity, OwnerGapType[]]>([
    // healthy owners
    ['a short group ref', api('x', 'team-a'), []],
    ['a full group ref', api('x', 'group:default/team-a'), []],
    ['a ref in other case', api('x', 'Group:Default/TEAM-A'), []],
    ['a department with members only in its teams', api('x', 'dept'), []],
    ['the organization', api('x', 'org'), []],
    [
      'a partner team from the partner namespace',
      api('x', 'team-p', { namespace: 'partner' }),
      [],
    ],
    ['a partner team by full ref', api('x', 'group:partner/team-p'), []],
    // owner-missing
    ['no owner', api('x', undefined), ['owner-missing']],
    ['an empty owner', api('x', ''), ['owner-missing']],
    ['a blank owner', api('x', '  '), ['owner-missing']],
    ['an owner that is not a string', api('x', 42), ['owner-missing']],
    ...DEFAULT_OWNER_PLACEHOLDERS.map(
      (placeholder): [string, Entity, OwnerGapType[]] => [
        `placeholder ${placeholder}`,
        api('x', placeholder),
        ['owner-missing'],
      ],
    ),
    ['placeholder TBD', api('x', 'TBD'), ['owner-missing']],
    [
      'placeholder as a full group ref',
      api('x', 'group:default/unknown'),
      ['owner-missing'],
    ],
    ['placeholder as a user ref', api('x', 'user:none'), ['owner-missing']],
    [
      'placeholder in the partner namespace',
      api('x', 'partner/todo'),
      ['owner-missing'],
    ],
    [
      'placeholder with providers',
      api('provided-by-a', 'tbd'),
      ['owner-missing'],
    ],
    // owner-unresolved
    [
      'an unknown group',
      api('x', 'group:default/treasury-ops'),
      ['owner-unresolved'],
    ],
    ['an unknown user', api('x', 'user:nobody-here'), ['owner-unresolved']],
    ['an invalid ref', api('x', 'group:/team-a'), ['owner-unresolved']],
    [
      'a short ref resolved in the API namespace',
      api('x', 'team-a', { namespace: 'partner' }),
      ['owner-unresolved'],
    ],
    [
      'a partner team from the default namespace',
      api('x', 'team-p'),
      ['owner-unresolved'],
    ],
    [
      'an unknown owner of a provided API',
      api('provided-by-a', 'team-z'),
      ['owner-unresolved', 'owner-mismatch'],
    ],
    // owner-not-group
    ['a user', api('x', 'user:jane'), ['owner-not-group']],
    [
      'a user who also owns the provider',
      api('jane-api', 'user:default/jane'),
      ['owner-not-group'],
    ],
    ['a system', api('x', 'system:sys'), ['owner-not-group']],
    [
      'an orphaned user',
      api('x', 'user:gone'),
      ['owner-not-group', 'owner-orphaned'],
    ],
    // owner-group-empty
    ['a group without members', api('x', 'empty-team'), ['owner-group-empty']],
    [
      'a group whose members are not in the catalog',
      api('x', 'ghost-team'),
      ['owner-group-empty'],
    ],
    [
      'an empty group that owns the provider',
      api('empty-api', 'empty-team'),
      ['owner-group-empty'],
    ],
    // owner-orphaned
    ['an orphaned group', api('x', 'orphan-team'), ['owner-orphaned']],
    [
      'an orphaned group that owns the provider',
      api('orphan-api', 'orphan-team'),
      ['owner-orphaned'],
    ],
    [
      'an orphaned empty group',
      api('x', 'orphan-empty'),
      ['owner-group-empty', 'owner-orphaned'],
    ],
    // owner-mismatch
    [
      'another team than the provider',
      api('provided-by-a', 'team-b'),
      ['owner-mismatch'],
    ],
    [
      'the department of the providing team',
      api('provided-by-a', 'dept'),
      ['owner-mismatch'],
    ],
    ['one of two providers', api('shared', 'team-b'), []],
    ['the other of two providers', api('shared', 'team-a'), []],
    ['neither of two providers', api('shared', 'org'), ['owner-mismatch']],
    [
      'a team, provided by a user',
      api('jane-api', 'team-a'),
      ['owner-mismatch'],
    ],
    [
      'a user, provided by a team',
      api('provided-by-a', 'user:jane'),
      ['owner-not-group', 'owner-mismatch'],
    ],
    [
      'an orphaned empty group, provided by a team',
      api('provided-by-a', 'orphan-empty'),
      ['owner-group-empty', 'owner-orphaned', 'owner-mismatch'],
    ],
    [
      'a partner team, provided in the partner namespace',
      api('partner-api', 'team-p', { namespace: 'partner' }),
      [],
    ],
    [
      'a default team, provided in the partner namespace',
      api('partner-api', 'group:default/team-a', { namespace: 'partner' }),
      ['owner-mismatch'],
    ],
    ['a provider without an owner', api('ownerless-provider', 'team-a'), []],
    [
      'a provider named by the API relation',
      api('x', 'team-a', providedBy('component:default/svc-c')),
      ['owner-mismatch'],
    ],
    [
      'the owner of a provider named by the API relation',
      api('x', 'team-b', providedBy('component:default/svc-c')),
      [],
    ],
    [
      'providers from the relation and from the index',
      api('provided-by-a', 'team-b', providedBy('component:default/svc-c')),
      [],
    ],
    [
      'a provider relation to an unknown component',
      api('x', 'team-a', providedBy('component:default/unknown')),
      [],
    ],
  ])('%s', (_, entity, expected) => {
    const result = evaluateOwnership(entity, index);
    expect(result.gaps.map(gap => gap.type)).toEqual(expected);
  });

  it.each([
    ['owner-missing', api('x', 'tbd'), 'error', /"tbd" is a placeholder/],
    ['owner-missing', api('x', undefined), 'error', /declares no owner/],
    [
      'owner-unresolved',
      api('x', 'treasury-ops'),
      'error',
      /group:default\/treasury-ops matches no entity/,
    ],
    [
      'owner-unresolved',
      api('x', ':bad'),
      'error',
      /":bad" is not a valid entity ref/,
    ],
    [
      'owner-not-group',
      api('x', 'user:jane'),
      'warning',
      /user:default\/jane is a user, not a group/,
    ],
    [
      'owner-group-empty',
      api('x', 'empty-team'),
      'error',
      /group:default\/empty-team is a group without members/,
    ],
    [
      'owner-orphaned',
      api('x', 'orphan-team'),
      'warning',
      /group:default\/orphan-team is orphaned/,
    ],
    [
      'owner-mismatch',
      api('provided-by-a', 'team-b'),
      'warning',
      /group:default\/team-b owns none of the components .*\(owner: group:default\/team-a\)/,
    ],
    [
      'owner-mismatch',
      api('shared', 'org'),
      'warning',
      /\(owners: group:default\/team-a, group:default\/team-b\)/,
    ],
  ])('%s: %s', (type, entity, severity, message) => {
    const gap = evaluateOwnership(entity, index).gaps.find(
      g => g.type === type,
    );
    expect(gap).toEqual({
      type,
      severity,
      message: expect.stringMatching(message),
    });
  });

  it('names at most three provider owners', () => {
    const many = OwnershipIndex.fromEntities([
      group('mine'),
      user('me', ['mine']),
      ...['t1', 't2', 't3', 't4', 't5'].map(team =>
        component(`svc-${team}`, team, ['busy-api']),
      ),
    ]);
    const [gap] = evaluateOwnership(api('busy-api', 'mine'), many).gaps;
    expect(gap.message).toMatch(
      /\(owners: group:default\/t1, group:default\/t2, group:default\/t3 and 2 more\)/,
    );
  });

  it.each([
    [
      'team-a',
      {
        ref: 'group:default/team-a',
        declared: 'team-a',
        resolved: true,
        kind: 'group',
        title: 'Team A',
        memberCount: 3,
      },
    ],
    [
      'dept',
      {
        ref: 'group:default/dept',
        resolved: true,
        kind: 'group',
        memberCount: 4,
      },
    ],
    [
      'org',
      { ref: 'group:default/org', title: 'Organization', memberCount: 4 },
    ],
    [
      'user:jane',
      {
        ref: 'user:default/jane',
        resolved: true,
        kind: 'user',
        title: 'Jane Doe',
      },
    ],
    [
      'treasury-ops',
      {
        ref: 'group:default/treasury-ops',
        declared: 'treasury-ops',
        resolved: false,
      },
    ],
    ['tbd', { declared: 'tbd', resolved: false }],
  ])('describes the owner %s', (owner, expected) => {
    const result = evaluateOwnership(api('x', owner), index);
    expect(result).toMatchObject(expected);
  });

  it.each([
    ['user:jane', 'memberCount'],
    ['treasury-ops', 'kind'],
    ['treasury-ops', 'memberCount'],
    ['tbd', 'ref'],
    ['tbd', 'kind'],
  ])('leaves out what does not apply: %s has no %s', (owner, field) => {
    expect(evaluateOwnership(api('x', owner), index)).not.toHaveProperty(field);
  });

  it('uses the ownedBy relation when spec.owner is absent', () => {
    const result = evaluateOwnership(
      api('x', undefined, {
        relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
      }),
      index,
    );
    expect(result).toMatchObject({
      ref: 'group:default/team-a',
      resolved: true,
      gaps: [],
    });
    expect(result.declared).toBeUndefined();
  });

  it.each<[string, string[] | undefined, OwnerGapType[]]>([
    ['legacy', ['legacy', 'tbd'], ['owner-missing']],
    ['LEGACY', [' Legacy '], ['owner-missing']],
    ['tbd', ['legacy'], ['owner-unresolved']],
    ['tbd', [], ['owner-unresolved']],
    ['tbd', undefined, ['owner-missing']],
  ])('owner %s with placeholders %j', (owner, placeholders, expected) => {
    const result = evaluateOwnership(api('x', owner), index, { placeholders });
    expect(result.gaps.map(gap => gap.type)).toEqual(expected);
  });
});
