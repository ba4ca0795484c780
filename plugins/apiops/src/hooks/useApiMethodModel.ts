import type { Entity } from '@backstage/catalog-model';
import { APIOPS_CYCLE_ANNOTATION } from '@apiops-backstage/plugin-apiops-common';
import { useMethodModel } from './useMethodModel';

/**
 * The method of an API entity's own cycle (its `apiops/cycle` annotation,
 * else the default cycle), in the app's language: what its tab and its card
 * show. A cycle the method does not have falls back to the default cycle,
 * and `unknownCycle` says so (see {@link useMethodModel}).
 */
export function useApiMethodModel(entity: Entity) {
  const cycle = entity.metadata.annotations?.[APIOPS_CYCLE_ANNOTATION]?.trim();
  return useMethodModel({ cycle: cycle || undefined });
}
