/**
 * A lint ruleset that cannot be used: it does not parse, or it asks for
 * something the portal does not do (a remote ruleset, custom code). The
 * message names the ruleset and the place in it.
 *
 * @public
 */
export class RulesetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RulesetError';
  }
}
