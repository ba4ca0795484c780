import { createHash } from 'node:crypto';
import { definitionHashOf, evidenceKeyOf } from './definitionHash';
import { definitionHash } from '../definitions';

describe('evidenceKeyOf', () => {
  it.each([
    [{ id: 'lint', version: 'abc' }, undefined],
    [{ id: 'audit-checklist', version: '1' }, 'ruleset:team-a.yaml'],
    [{ id: 'lint', version: 'ä\0b' }, 'ünïcode'],
  ])('keys evidence as the stored keys do (%o, %s)', (provider, variant) => {
    const hash = definitionHash('openapi', 'openapi: 3.0.0')!;
    const stored = createHash('sha256')
      .update(provider.id)
      .update('\0')
      .update(provider.version)
      .update('\0')
      .update(variant ?? '')
      .update('\0')
      .update(hash)
      .digest('base64');
    expect(evidenceKeyOf(provider, variant, hash)).toBe(stored);
  });
});

describe('definitionHashOf', () => {
  it("is the snapshot's definition hash of the entity", () => {
    const entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name: 'a' },
      spec: { type: 'OpenAPI', definition: 'openapi: 3.0.0' },
    };
    expect(definitionHashOf(entity)).toBe(
      definitionHash('openapi', 'openapi: 3.0.0'),
    );
    expect(
      definitionHashOf({ ...entity, spec: { type: 'openapi' } }),
    ).toBeUndefined();
  });
});
