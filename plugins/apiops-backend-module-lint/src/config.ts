import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '@backstage/config';
import type { RulesetSource } from './linter/DefinitionLinter';
import { parseRuleset } from './ruleset/parseRuleset';
import { RulesetError } from './ruleset/RulesetError';

/** Where the module's settings are (config.d.ts). */
export const LINT_CONFIG_KEY = 'apiops.lint';

/** Most findings kept per definition by default. */
export const DEFAULT_MAX_FINDINGS = 500;

/** `apiops.lint`, read and checked. */
export interface LintConfig {
  /** The catalog's ruleset, read and checked at start-up. */
  ruleset?: RulesetSource;
  owasp: boolean;
  apiRulesets: boolean;
  maxFindings: number;
}

const KNOWN = new Set(['ruleset', 'owasp', 'apiRulesets', 'maxFindings']);

/**
 * Reads `apiops.lint`: the catalog's ruleset file (read and checked now, so
 * that one that does not parse stops the start-up with where and why), the
 * OWASP ruleset, whether APIs may name their own, and the findings kept.
 *
 * @throws Error naming the setting at fault, or the ruleset's line and field.
 */
export function readLintConfig(
  config: Config,
  options: { baseDir?: string } = {},
): LintConfig {
  const lint = config.getOptionalConfig(LINT_CONFIG_KEY);
  for (const key of lint?.keys() ?? []) {
    if (!KNOWN.has(key)) {
      throw new Error(
        `${LINT_CONFIG_KEY}.${key} is not a known setting; the known ones are ${[
          ...KNOWN,
        ].join(', ')}`,
      );
    }
  }
  const maxFindings =
    lint?.getOptionalNumber('maxFindings') ?? DEFAULT_MAX_FINDINGS;
  if (
    !Number.isInteger(maxFindings) ||
    maxFindings < 1 ||
    maxFindings > 10_000
  ) {
    throw new Error(
      `${LINT_CONFIG_KEY}.maxFindings must be a whole number from 1 to 10000, got ${maxFindings}`,
    );
  }
  const result: LintConfig = {
    owasp: lint?.getOptionalBoolean('owasp') ?? false,
    apiRulesets: lint?.getOptionalBoolean('apiRulesets') ?? true,
    maxFindings,
  };
  const file = lint?.getOptionalString('ruleset');
  if (file !== undefined) {
    const resolved = path.resolve(options.baseDir ?? process.cwd(), file);
    const source = `${LINT_CONFIG_KEY}.ruleset (${file})`;
    let text: string;
    try {
      text = fs.readFileSync(resolved, 'utf8');
    } catch (error) {
      throw new Error(
        `${source} cannot be read: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
    try {
      parseRuleset(text, source);
    } catch (error) {
      if (error instanceof RulesetError) {
        throw new Error(`The lint ruleset cannot be used: ${error.message}`);
      }
      throw error;
    }
    result.ruleset = { text, source };
  }
  return result;
}
