import { normalizeOwnerRef } from './normalizeOwnerRef';

describe('normalizeOwnerRef', () => {
  it.each([
    // owner as written, namespace of the owned entity, expected
    ['team-a', undefined, 'group:default/team-a'],
    ['team-a', 'default', 'group:default/team-a'],
    ['team-a', '', 'group:default/team-a'],
    ['team-a', 'partner', 'group:partner/team-a'],
    ['Team-A', undefined, 'group:default/team-a'],
    ['group:team-a', undefined, 'group:default/team-a'],
    ['group:team-a', 'partner', 'group:partner/team-a'],
    ['Group:Default/Team-A', undefined, 'group:default/team-a'],
    ['group:default/team-a', 'partner', 'group:default/team-a'],
    ['other/team-a', 'partner', 'group:other/team-a'],
    ['user:jane', undefined, 'user:default/jane'],
    ['user:jane', 'partner', 'user:partner/jane'],
    ['User:Default/Jane.Doe', undefined, 'user:default/jane.doe'],
    ['user:default/maya.okafor', undefined, 'user:default/maya.okafor'],
    ['system:payments', undefined, 'system:default/payments'],
    ['  team-a  ', undefined, 'group:default/team-a'],
  ])('%j in namespace %j → %s', (owner, namespace, expected) => {
    expect(normalizeOwnerRef(owner, { namespace })).toBe(expected);
  });

  it.each([[''], ['   '], [':team-a'], ['group:/team-a'], ['group:default/']])(
    'rejects %j',
    owner => {
      expect(() => normalizeOwnerRef(owner, {})).toThrow();
    },
  );
});
