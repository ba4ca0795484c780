import { GovernanceRule } from '@apiops-backstage/plugin-apiops-common';

const RULE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * The governance rules of the plugin: built-in ones and those added by
 * backend modules through the governance extension point.
 *
 * @internal
 */
export class RuleRegistry {
  readonly #rules = new Map<string, GovernanceRule>();

  add(rule: GovernanceRule, source: string): void {
    if (!RULE_ID.test(rule.id)) {
      throw new Error(
        `Governance rule id '${rule.id}' from ${source} must be kebab-case`,
      );
    }
    if (this.#rules.has(rule.id)) {
      throw new Error(
        `Governance rule '${rule.id}' from ${source} is already registered`,
      );
    }
    this.#rules.set(rule.id, rule);
  }

  list(): GovernanceRule[] {
    return [...this.#rules.values()];
  }
}
