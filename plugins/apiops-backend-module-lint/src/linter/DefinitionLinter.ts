import type { DefinitionEvidence } from '@apiops-backstage/plugin-apiops-common';

/**
 * The text of a lint ruleset and where it comes from (for messages).
 *
 * @public
 */
export interface RulesetSource {
  text: string;
  /** E.g. `app-config apiops.lint.ruleset (./spectral.yaml)` or the API's file. */
  source: string;
}

/**
 * One definition to lint.
 *
 * @public
 */
export interface LintRequest {
  /** `spec.type`, lower case: `openapi` or `asyncapi`. */
  type: string;
  definition: string;
  /** The API's own ruleset, when it names one; else the catalog's. */
  ruleset?: RulesetSource;
}

/**
 * A linter of API definitions, behind which the engine (Spectral) stays: the
 * module's worker threads hold one and ask it for the evidence of each
 * definition. Another engine fits by implementing this and exporting a
 * `createDefinitionLinter` of its own (see the README).
 *
 * @public
 */
export interface DefinitionLinter {
  /**
   * The findings of one definition: rule, severity, JSON path, message and
   * the rule's documentation. A ruleset of the request that cannot be used
   * is a problem of this definition's evidence, not a throw.
   */
  lint(request: LintRequest): Promise<DefinitionEvidence>;
}

/**
 * The settings a linter is created with, once per worker thread.
 *
 * @public
 */
export interface DefinitionLinterOptions {
  /** The catalog's ruleset; absent: the engine's recommended rulesets. */
  ruleset?: RulesetSource;
  /** Adds the OWASP API security ruleset. */
  owasp: boolean;
  /** Most findings kept per definition (worst first); the rest are counted. */
  maxFindings: number;
}
