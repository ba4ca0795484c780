import { createHash } from 'node:crypto';
import type { Entity } from '@backstage/catalog-model';
import type { DefinitionEvidenceProvider } from '@apiops-backstage/plugin-apiops-node';
import { ApiRulesetReader } from './apiRuleset/ApiRulesetReader';
import type { LintConfig } from './config';
import { LINT_WORKER_FILE, toWorkerOptions } from './linter/lintWorker';

/** The id of the provider: its findings are `lint/<rule>`. */
export const LINT_PROVIDER_ID = 'lint';

/** How long the lint of an API with its own ruleset is kept before it is linted again. */
export const API_RULESET_RECHECK_MS = 24 * 60 * 60 * 1000;

/** Raise when the findings of an unchanged definition change. */
const LINT_VERSION = 1;

/** The version of an installed package, for the provider's version. */
function versionOf(name: string): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

const LINTED_TYPES = new Set(['openapi', 'asyncapi']);

/**
 * The lint evidence provider: Spectral on every OpenAPI and AsyncAPI
 * definition, on the APIOps backend's worker threads. Its version changes
 * with the engine's packages and the catalog's settings, so that a new
 * ruleset lints every definition again (through the backlog).
 */
export function createLintEvidenceProvider(options: {
  config: LintConfig;
  rulesets: ApiRulesetReader;
  /** A module exporting `createDefinitionLinter`; absent: Spectral. */
  linterModule?: string;
}): DefinitionEvidenceProvider {
  const { config, rulesets } = options;
  const version = createHash('sha256')
    .update(
      JSON.stringify({
        lint: LINT_VERSION,
        core: versionOf('@stoplight/spectral-core'),
        rulesets: versionOf('@stoplight/spectral-rulesets'),
        functions: versionOf('@stoplight/spectral-functions'),
        owaspRuleset: versionOf('@stoplight/spectral-owasp-ruleset'),
        linterModule: options.linterModule ?? null,
        ruleset: config.ruleset?.text ?? null,
        owasp: config.owasp,
        maxFindings: config.maxFindings,
      }),
    )
    .digest('base64')
    .slice(0, 16);
  return {
    id: LINT_PROVIDER_ID,
    title: 'Spectral lint',
    version,
    appliesTo: (entity: Entity) =>
      LINTED_TYPES.has(
        String(entity.spec?.type ?? '').toLocaleLowerCase('en-US'),
      ),
    variantOf: config.apiRulesets
      ? entity => rulesets.variantOf(entity)
      : undefined,
    prepare: config.apiRulesets
      ? async entity => {
          const read = await rulesets.read(entity);
          if (read.problem !== undefined) return { problem: read.problem };
          return read.ruleset
            ? {
                input: { ruleset: { ...read.ruleset } },
                recheckAfterMs: API_RULESET_RECHECK_MS,
              }
            : {};
        }
      : undefined,
    worker: {
      module: LINT_WORKER_FILE,
      options: toWorkerOptions({
        ...(config.ruleset ? { ruleset: config.ruleset } : {}),
        owasp: config.owasp,
        maxFindings: config.maxFindings,
        ...(options.linterModule ? { linterModule: options.linterModule } : {}),
      }),
    },
  };
}
