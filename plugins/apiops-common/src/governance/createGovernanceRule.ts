import type { GovernanceRule } from './types';

/**
 * Declares a governance rule, inferring the type of its options from its
 * `optionsSchema` so that `check` gets them typed. Returns the rule as given.
 *
 * @example
 * ```ts
 * const securityContactRule = createGovernanceRule({
 *   id: 'security-contact',
 *   title: 'Every API names its security contact',
 *   severity: 'warning',
 *   optionsSchema: z.object({ annotation: z.string().default('example.com/security') }),
 *   check({ entity }, { annotation }) {
 *     return entity.metadata.annotations?.[annotation]
 *       ? []
 *       : [{ message: 'No security contact', fix: `Add the ${annotation} annotation` }];
 *   },
 * });
 * ```
 *
 * @public
 */
export function createGovernanceRule<TOptions = undefined>(
  rule: GovernanceRule<TOptions>,
): GovernanceRule<TOptions> {
  return rule;
}
