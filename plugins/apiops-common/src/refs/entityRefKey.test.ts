import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { entityRefKey, tryEntityRefKey } from './entityRefKey';
import { keyOf, relationKeys, systemOf } from './relations';

describe('entityRefKey', () => {
  it.each([
    ['api:default/orders', {}, 'api:default/orders'],
    ['API:Payments/Orders', {}, 'api:payments/orders'],
    ['  team-a ', { defaultKind: 'group' }, 'group:default/team-a'],
    [
      'team-b',
      { defaultKind: 'group', defaultNamespace: 'partner' },
      'group:partner/team-b',
    ],
    ['user:jane', { defaultKind: 'group' }, 'user:default/jane'],
    ['other/x', { defaultKind: 'system' }, 'system:other/x'],
  ])('%s with %j → %s', (ref, context, key) => {
    expect(entityRefKey(ref, context)).toBe(key);
  });

  it('lowers every letter as the en-US locale does, whatever the runtime locale', () => {
    for (const ref of [
      'API:Default/İSTANBUL-Payments',
      'Group:ÅLAND/ΣΟΦΊΑ-Team',
      'Component:default/ǅemal-ﬀ',
    ]) {
      expect(entityRefKey(ref)).toBe(ref.toLocaleLowerCase('en-US'));
    }
  });

  it("gives what the catalog's own parse and stringify give, for refs that are keys already and refs that only look like one", () => {
    const parts = ['', 'a', 'Ab', 'x-1', 'n.s', 'ä', ' ', 'a b', '\t'];
    const refs = new Set<string>([
      'k:n/x/y',
      'k:n/x:y',
      'k:n:m/x',
      'a/b:c',
      ':n/x',
      'k:/x',
      'k:n/',
      'k:n',
      ' k:n/x',
      'k:n/x\t',
      'k:n/x\n',
      'k:n/x\u00a0',
      'k\u0000:n/x',
      'group:default/team-a',
    ]);
    for (const kind of parts) {
      for (const namespace of parts) {
        for (const name of parts) {
          refs.add(`${kind}:${namespace}/${name}`);
          refs.add(`${namespace}/${name}`);
          refs.add(`${kind}:${name}`);
        }
      }
    }
    for (const ref of refs) {
      for (const context of [{}, { defaultKind: 'group' }]) {
        let expected: string | undefined;
        try {
          expected = stringifyEntityRef(
            parseEntityRef(ref.trim(), {
              defaultKind: context.defaultKind,
              defaultNamespace: 'default',
            }),
          ).toLocaleLowerCase('en-US');
        } catch {
          expected = undefined;
        }
        expect([ref, tryEntityRefKey(ref, context)]).toEqual([ref, expected]);
      }
    }
  });

  it('accepts compound refs and entities', () => {
    expect(entityRefKey({ kind: 'Group', namespace: 'A', name: 'B' })).toBe(
      'group:a/b',
    );
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name: 'Orders', namespace: 'Shop' },
    };
    expect(entityRefKey(entity)).toBe('api:shop/orders');
    expect(keyOf(entity)).toBe('api:shop/orders');
  });

  it('throws on what is not a ref, which tryEntityRefKey skips', () => {
    expect(() => entityRefKey('orders')).toThrow();
    expect(() => entityRefKey('')).toThrow();
    for (const bad of [
      '',
      '   ',
      'group:',
      'x:y/',
      42,
      undefined,
      null,
      ['x'],
    ]) {
      expect(tryEntityRefKey(bad, { defaultKind: 'group' })).toBeUndefined();
    }
    expect(tryEntityRefKey('Team-A', { defaultKind: 'group' })).toBe(
      'group:default/team-a',
    );
  });
});

describe('systemOf', () => {
  const api = (extra: Partial<Entity>): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'orders', namespace: 'shop' },
    ...extra,
  });

  it('prefers the partOf relation the catalog resolved', () => {
    expect(
      systemOf(
        api({
          spec: { system: 'declared' },
          relations: [
            { type: 'partOf', targetRef: 'domain:default/retail' },
            { type: 'partOf', targetRef: 'system:default/Payments-Hub' },
          ],
        }),
      ),
    ).toBe('system:default/payments-hub');
  });

  it("reads spec.system in the API's namespace without the relation", () => {
    expect(systemOf(api({ spec: { system: 'Checkout' } }))).toBe(
      'system:shop/checkout',
    );
    expect(systemOf(api({ spec: { system: 7 } }))).toBeUndefined();
    expect(systemOf(api({}))).toBeUndefined();
  });

  it('relationKeys normalises the targets of one relation type', () => {
    expect(
      relationKeys(
        api({
          relations: [
            { type: 'ownedBy', targetRef: 'group:default/Team-A' },
            { type: 'partOf', targetRef: 'system:default/x' },
          ],
        }),
        'ownedBy',
      ),
    ).toEqual(['group:default/team-a']);
  });
});
