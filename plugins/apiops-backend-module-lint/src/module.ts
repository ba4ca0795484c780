import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { apiopsEvidenceExtensionPoint } from '@apiops-backstage/plugin-apiops-node';
import { ApiRulesetReader } from './apiRuleset/ApiRulesetReader';
import { readLintConfig } from './config';
import { createLintEvidenceProvider } from './createLintEvidenceProvider';

/**
 * The APIOps backend module `lint`: lints every OpenAPI and AsyncAPI
 * definition of the catalog with Spectral (`spectral:oas`,
 * `spectral:asyncapi`, the catalog's ruleset of `apiops.lint.ruleset`, OWASP's
 * with `apiops.lint.owasp`, an API's own through the `apiops/lint-ruleset`
 * annotation), offline, on the APIOps backend's worker threads, through its
 * evidence extension point. Its findings join each API's governance findings;
 * only changed definitions are linted. A catalog ruleset that cannot be used
 * stops the start-up, saying where and why.
 *
 * @public
 */
export const apiopsModuleLint = createBackendModule({
  pluginId: 'apiops',
  moduleId: 'lint',
  register(env) {
    env.registerInit({
      deps: {
        evidence: apiopsEvidenceExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        urlReader: coreServices.urlReader,
      },
      async init({ evidence, config, logger, urlReader }) {
        const lintConfig = readLintConfig(config);
        evidence.addProviders(
          createLintEvidenceProvider({
            config: lintConfig,
            rulesets: ApiRulesetReader.create({ urlReader }),
          }),
        );
        logger.info(
          `Linting OpenAPI and AsyncAPI definitions with ${
            lintConfig.ruleset?.source ?? 'spectral:oas and spectral:asyncapi'
          }${lintConfig.owasp ? ' and the OWASP ruleset' : ''}${
            lintConfig.apiRulesets
              ? '; an API may name its own ruleset (apiops/lint-ruleset)'
              : ''
          }`,
        );
      },
    });
  },
});
