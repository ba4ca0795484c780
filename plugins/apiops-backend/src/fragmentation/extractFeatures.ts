import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  systemOf,
  tryEntityRefKey,
} from '@apiops-backstage/plugin-apiops-common';
import type { FeatureCache } from './FeatureCache';
import {
  extractDefinitionFeatures,
  type DefinitionFeaturesResult,
} from './extractDefinitionFeatures';
import { nameKeyOf } from './normalization';
import type { ExtractFeaturesResult, FragmentationApi } from './types';

/**
 * The fragmentation features of one API entity: normalized operations and
 * style from `spec.type` + `spec.definition` (through the cache when given),
 * name and version keys from `metadata.name` (else the title, else the
 * definition's major version), the owner as a normalized ref, the system as
 * `systemOf` gives it, and the lifecycle. Never throws: a definition that cannot be analysed gives a
 * `problem` and no operations, and still takes part in name-based findings.
 *
 * @example
 * ```ts
 * const { features, problem } = extractFeatures(entity, { cache });
 * // features.operations: ['GET /payments', 'GET /payments/{}', …]
 * // features.nameKey: 'payments', features.versionKey: '2'
 * ```
 *
 * @internal
 */
export function extractFeatures(
  entity: Entity,
  options?: {
    cache?: FeatureCache;
    /** The definition's features, when they were extracted already. */
    definitionFeatures?: DefinitionFeaturesResult;
  },
): ExtractFeaturesResult {
  const { type, definition } = definitionOf(entity);
  let result = options?.definitionFeatures;
  if (!result) {
    result = options?.cache
      ? options.cache.get(type, definition)
      : extractDefinitionFeatures(type, definition);
  }
  const definitionFeatures = result.features;

  const name = entity.metadata.name.toLocaleLowerCase('en-US');
  const title =
    typeof entity.metadata.title === 'string' && entity.metadata.title.trim()
      ? entity.metadata.title.trim()
      : undefined;
  const fromName = nameKeyOf(entity.metadata.name);
  const fromTitle = title ? nameKeyOf(title) : undefined;
  let versionKey = fromName.version ?? fromTitle?.version;
  let versionSource: FragmentationApi['versionSource'] = versionKey
    ? 'name'
    : undefined;
  if (!versionKey && definitionFeatures?.version) {
    versionKey = definitionFeatures.version;
    versionSource = 'definition';
  }
  const lifecycle = entity.spec?.lifecycle;

  const features: FragmentationApi = {
    entityRef: stringifyEntityRef(entity),
    name,
    title,
    operations: definitionFeatures?.operations ?? [],
    ...(definitionFeatures?.shapes
      ? { shapes: definitionFeatures.shapes }
      : {}),
    ...(definitionFeatures?.server
      ? { server: definitionFeatures.server }
      : {}),
    nameKey: fromName.nameKey,
    versionKey,
    versionSource,
    style: definitionFeatures?.style ?? {},
    lifecycle:
      typeof lifecycle === 'string'
        ? lifecycle.trim().toLocaleLowerCase('en-US')
        : undefined,
    owner: tryEntityRefKey(entity.spec?.owner, {
      defaultKind: 'group',
      defaultNamespace: entity.metadata.namespace,
    }),
    // The one definition of an API's system, as in the ownership report.
    system: systemOf(entity),
  };
  return result.problem ? { features, problem: result.problem } : { features };
}

/** An API entity's `spec.type` and `spec.definition`. */
export function definitionOf(entity: Entity): {
  type: string;
  definition: unknown;
} {
  return {
    type: typeof entity.spec?.type === 'string' ? entity.spec.type : '',
    definition: entity.spec?.definition,
  };
}
