/**
 * APIOps backend module that lints API definitions with Spectral, through
 * the APIOps backend's definition evidence extension point.
 *
 * @packageDocumentation
 */

export { apiopsModuleLint as default } from './module';
export type {
  DefinitionLinter,
  DefinitionLinterOptions,
  LintRequest,
  RulesetSource,
} from './linter/DefinitionLinter';
export { parseRuleset } from './ruleset/parseRuleset';
export type { RulesetDocument } from './ruleset/parseRuleset';
export { RulesetError } from './ruleset/RulesetError';
export {
  ApiRulesetReader,
  LINT_RULESET_ANNOTATION,
} from './apiRuleset/ApiRulesetReader';
export type { ApiRulesetResult } from './apiRuleset/ApiRulesetReader';
