import { Entity } from '@backstage/catalog-model';
import { withoutDefinition } from './withoutDefinition';

function api(spec?: Entity['spec']): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'payments-api', annotations: { a: 'b' } },
    ...(spec ? { spec } : {}),
  };
}

describe('withoutDefinition', () => {
  it('drops spec.definition and keeps the rest of the entity', () => {
    const entity = api({
      type: 'openapi',
      lifecycle: 'production',
      owner: 'payments-team',
      definition: 'openapi: 3.0.3',
    });
    expect(withoutDefinition(entity)).toEqual({
      ...entity,
      spec: {
        type: 'openapi',
        lifecycle: 'production',
        owner: 'payments-team',
      },
    });
  });

  it('leaves the given entity as it was', () => {
    const entity = api({ type: 'openapi', definition: 'openapi: 3.0.3' });
    withoutDefinition(entity);
    expect(entity.spec?.definition).toBe('openapi: 3.0.3');
  });

  it('drops a definition that is not text, or undefined', () => {
    expect(
      withoutDefinition(api({ type: 'openapi', definition: { openapi: 3 } }))
        .spec,
    ).toEqual({ type: 'openapi' });
    expect(
      withoutDefinition(api({ type: 'openapi', definition: undefined })).spec,
    ).toEqual({ type: 'openapi' });
  });

  it('gives an entity without a definition, or without a spec, as it is', () => {
    const bare = api({ type: 'openapi' });
    expect(withoutDefinition(bare)).toBe(bare);
    const noSpec = api();
    expect(withoutDefinition(noSpec)).toBe(noSpec);
  });
});
