import type { DefinitionEvidenceProvider } from '@apiops-backstage/plugin-apiops-node';

const PROVIDER_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * The definition evidence providers of the plugin: the built-in audit
 * checklist and those modules add through `apiopsEvidenceExtensionPoint`.
 *
 * @internal
 */
export class EvidenceProviderRegistry {
  private readonly providers = new Map<string, DefinitionEvidenceProvider>();
  private readonly origins = new Map<string, string>();

  /** Adds a provider; a malformed or duplicate id fails the start-up. */
  add(provider: DefinitionEvidenceProvider, origin: string): void {
    if (!PROVIDER_ID.test(provider.id) || provider.id.length > 100) {
      throw new Error(
        `The definition evidence provider id '${provider.id}' from ${origin} is not kebab-case (a-z, 0-9 and -, at most 100)`,
      );
    }
    const existing = this.origins.get(provider.id);
    if (existing) {
      throw new Error(
        `The definition evidence provider '${provider.id}' from ${origin} is already registered by ${existing}`,
      );
    }
    if (!provider.worker?.module) {
      throw new Error(
        `The definition evidence provider '${provider.id}' from ${origin} names no worker module`,
      );
    }
    this.providers.set(provider.id, provider);
    this.origins.set(provider.id, origin);
  }

  list(): DefinitionEvidenceProvider[] {
    return [...this.providers.values()];
  }

  get(id: string): DefinitionEvidenceProvider | undefined {
    return this.providers.get(id);
  }
}
