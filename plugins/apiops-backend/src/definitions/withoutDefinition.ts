import type { Entity } from '@backstage/catalog-model';

/**
 * The entity without its `spec.definition` (the same object when it has
 * none). Governance rules see an API's definition only through what was
 * computed from it once per definition and kept by its hash: whether it
 * parses, and the evidence providers' findings. A rule runs on the main
 * thread for every API of every snapshot. A snapshot drops each page's
 * definitions once it has hashed them, so that a page waiting to be
 * evaluated holds no definition text but that of the definitions the change
 * detection is to write (docs/benchmarks.md).
 *
 * @internal
 */
export function withoutDefinition(entity: Entity): Entity {
  const spec = entity.spec;
  if (!spec || !('definition' in spec)) {
    return entity;
  }
  const { definition: _definition, ...rest } = spec;
  return { ...entity, spec: rest };
}
