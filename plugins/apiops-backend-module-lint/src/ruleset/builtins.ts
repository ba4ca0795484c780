/**
 * The rulesets a lint ruleset may extend: Spectral's official ones, shipped
 * with the module; the portal fetches and reads no other.
 */
export const BUILTIN_RULESETS = {
  'spectral:oas': 'oas',
  'spectral:asyncapi': 'asyncapi',
  'spectral:owasp': 'owasp',
  '@stoplight/spectral-owasp-ruleset': 'owasp',
} as const;

/** A name a ruleset's `extends` may give. */
export type BuiltinRulesetName = keyof typeof BUILTIN_RULESETS;

/** The modes of an extended ruleset, as Spectral names them. */
export const EXTEND_MODES = ['recommended', 'all', 'off'] as const;

/**
 * The core functions of `@stoplight/spectral-functions` a rule's `then` may
 * name. Custom functions are code, which the portal does not run.
 */
export const CORE_FUNCTIONS = [
  'alphabetical',
  'casing',
  'defined',
  'enumeration',
  'falsy',
  'length',
  'or',
  'pattern',
  'schema',
  'truthy',
  'typedEnum',
  'undefined',
  'unreferencedReusableObject',
  'xor',
] as const;

/**
 * The document formats a rule or ruleset may name (those of
 * `@stoplight/spectral-formats` for OpenAPI and AsyncAPI).
 */
export const FORMAT_NAMES = [
  'oas2',
  'oas3',
  'oas3_0',
  'oas3_1',
  'oas3_2',
  'aas2',
  'aas2_0',
  'aas2_1',
  'aas2_2',
  'aas2_3',
  'aas2_4',
  'aas2_5',
  'aas2_6',
  'aas3',
  'aas3_0',
  'aas3_1',
] as const;

/** Severities of a rule as a ruleset writes them. */
export const RULE_SEVERITIES = [
  'error',
  'warn',
  'info',
  'hint',
  'off',
] as const;
