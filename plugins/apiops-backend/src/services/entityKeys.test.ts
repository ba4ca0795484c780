import { apiEntityKey, groupEntityKey, optionalRefKey } from './entityKeys';

describe('entity keys', () => {
  it('reads refs in their short and long forms', () => {
    expect(apiEntityKey('accounts-api')).toBe('api:default/accounts-api');
    expect(apiEntityKey('API:Default/Accounts-Api')).toBe(
      'api:default/accounts-api',
    );
    expect(groupEntityKey('payments')).toBe('group:default/payments');
    expect(optionalRefKey('core', 'system', 'system')).toBe(
      'system:default/core',
    );
    expect(optionalRefKey(undefined, 'group', 'owner')).toBeUndefined();
  });

  // Found by router.properties.test.ts: `?owner=%00` and the MCP action
  // list-team-apis with a team of "\u0000" failed on PostgreSQL with a 500.
  it('refuses a ref with a control character, naming the field', () => {
    expect(() => apiEntityKey('api:default/a\u0000')).toThrow(
      /^entityRef: "api:default\/a\\u0000" is not an entity ref$/,
    );
    expect(() => groupEntityKey('\u0000')).toThrow(/^team: /);
    expect(() =>
      optionalRefKey('group:default/x\u007f', 'group', 'owner'),
    ).toThrow(/^owner: /);
    expect(() => optionalRefKey('a\nb', 'system', 'system')).toThrow(
      /^system: /,
    );
  });
});
