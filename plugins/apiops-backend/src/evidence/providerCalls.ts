import type { Entity } from '@backstage/catalog-model';
import type { DefinitionEvidenceProvider } from '@apiops-backstage/plugin-apiops-node';

/** The providers that apply to an entity (one that throws does not). */
export function applicable(
  providers: readonly DefinitionEvidenceProvider[],
  entity: Entity,
): DefinitionEvidenceProvider[] {
  return providers.filter(provider => {
    try {
      return provider.appliesTo(entity);
    } catch {
      return false;
    }
  });
}

/** A provider's variant of an entity (undefined when it throws). */
export function variantOf(
  provider: DefinitionEvidenceProvider,
  entity: Entity,
): string | undefined {
  try {
    return provider.variantOf?.(entity);
  } catch {
    return undefined;
  }
}
