/**
 * Thrown when a governance ruleset cannot be created as configured: an
 * unknown rule id, a bad setting or option of a rule, two rules with one id.
 * The message names the rule and, where it applies, the setting or option.
 *
 * @public
 */
export class GovernanceConfigError extends Error {
  /** The id of the rule at fault, when one is. */
  readonly ruleId?: string;

  constructor(message: string, ruleId?: string) {
    super(message);
    this.name = 'GovernanceConfigError';
    this.ruleId = ruleId;
  }
}
