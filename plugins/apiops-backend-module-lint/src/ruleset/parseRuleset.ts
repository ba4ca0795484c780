import { Json, Yaml } from '@stoplight/spectral-parsers';
import {
  BUILTIN_RULESETS,
  CORE_FUNCTIONS,
  EXTEND_MODES,
  FORMAT_NAMES,
  RULE_SEVERITIES,
} from './builtins';
import { RulesetError } from './RulesetError';

/** Largest ruleset text read. */
export const MAX_RULESET_CHARS = 256 * 1024;

/**
 * A ruleset as a file gives it, checked: what it extends (built-in rulesets
 * only), its rules (core functions only), formats and aliases. Spectral
 * checks the rest when the worker builds it.
 *
 * @public
 */
export interface RulesetDocument {
  extends: Array<{ name: string; mode?: 'all' | 'recommended' | 'off' }>;
  rules: Record<string, unknown>;
  formats?: string[];
  aliases?: Record<string, unknown>;
  documentationUrl?: string;
}

const TOP_LEVEL = new Set([
  'extends',
  'rules',
  'formats',
  'aliases',
  'documentationUrl',
  'description',
]);

const RULE_KEYS = new Set([
  'given',
  'then',
  'severity',
  'message',
  'description',
  'formats',
  'resolved',
  'recommended',
  'documentationUrl',
  'type',
]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(source: string, where: string, message: string): never {
  throw new RulesetError(`${source}: ${where}: ${message}`);
}

function listed(values: readonly string[]): string {
  return values.join(', ');
}

function checkFormats(source: string, where: string, value: unknown) {
  if (
    !Array.isArray(value) ||
    !value.every(
      f =>
        typeof f === 'string' &&
        (FORMAT_NAMES as readonly string[]).includes(f),
    )
  ) {
    fail(
      source,
      where,
      `must be a list of formats among ${listed(FORMAT_NAMES)}`,
    );
  }
}

function parseExtends(
  source: string,
  value: unknown,
): RulesetDocument['extends'] {
  if (value === undefined) return [];
  // `extends: spectral:oas`, `extends: [spectral:oas, recommended]` (one
  // ruleset with its mode) or a list of either.
  const oneRuleset =
    typeof value === 'string' ||
    (Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      (EXTEND_MODES as readonly string[]).includes(value[1]));
  let entries: unknown[];
  if (oneRuleset) {
    entries = [value];
  } else if (Array.isArray(value)) {
    entries = value;
  } else {
    entries = fail(
      source,
      'extends',
      'must be a ruleset name or a list of them',
    );
  }
  return entries.map((entry, i) => {
    const [name, mode] = Array.isArray(entry) ? entry : [entry, undefined];
    if (typeof name !== 'string' || !(name in BUILTIN_RULESETS)) {
      fail(
        source,
        `extends[${i}]`,
        `${JSON.stringify(name)} cannot be extended: only ${listed(
          Object.keys(BUILTIN_RULESETS),
        )} can (the portal lints offline and reads no other ruleset)`,
      );
    }
    if (
      mode !== undefined &&
      !(EXTEND_MODES as readonly unknown[]).includes(mode)
    ) {
      fail(
        source,
        `extends[${i}]`,
        `the mode must be one of ${listed(EXTEND_MODES)}`,
      );
    }
    return mode === undefined
      ? { name }
      : { name, mode: mode as (typeof EXTEND_MODES)[number] };
  });
}

function checkThen(source: string, where: string, then: unknown) {
  const steps = Array.isArray(then) ? then : [then];
  if (steps.length === 0) fail(source, where, 'must name a function');
  steps.forEach((step, i) => {
    const at = Array.isArray(then) ? `${where}[${i}]` : where;
    if (!isObject(step)) fail(source, at, 'must be an object with a function');
    if (
      typeof step.function !== 'string' ||
      !(CORE_FUNCTIONS as readonly string[]).includes(step.function)
    ) {
      fail(
        source,
        `${at}.function`,
        `${JSON.stringify(
          step.function,
        )} is not one of Spectral's core functions (${listed(
          CORE_FUNCTIONS,
        )}); custom functions are code, which the portal does not run`,
      );
    }
    if (step.field !== undefined && typeof step.field !== 'string') {
      fail(source, `${at}.field`, 'must be text');
    }
  });
}

function checkRule(source: string, name: string, rule: unknown) {
  const where = `rules.${name}`;
  // Turning an extended rule on, off or to another severity.
  if (typeof rule === 'boolean') return;
  if (typeof rule === 'string') {
    if (!(RULE_SEVERITIES as readonly string[]).includes(rule)) {
      fail(
        source,
        where,
        `must be one of ${listed(RULE_SEVERITIES)}, true, false or a rule`,
      );
    }
    return;
  }
  if (!isObject(rule)) {
    fail(
      source,
      where,
      `must be one of ${listed(RULE_SEVERITIES)}, true, false or a rule`,
    );
  }
  for (const key of Object.keys(rule)) {
    if (!RULE_KEYS.has(key)) {
      fail(
        source,
        `${where}.${key}`,
        `is not a rule field (${listed([...RULE_KEYS])})`,
      );
    }
  }
  const overriding = rule.given === undefined && rule.then === undefined;
  if (!overriding) {
    const given = Array.isArray(rule.given) ? rule.given : [rule.given];
    if (
      given.length === 0 ||
      !given.every(g => typeof g === 'string' && g !== '')
    ) {
      fail(
        source,
        `${where}.given`,
        'must be a JSON path expression or a list of them',
      );
    }
    checkThen(source, `${where}.then`, rule.then);
  }
  if (
    rule.severity !== undefined &&
    !(RULE_SEVERITIES as readonly unknown[]).includes(rule.severity)
  ) {
    fail(
      source,
      `${where}.severity`,
      `must be one of ${listed(RULE_SEVERITIES)}`,
    );
  }
  if (rule.formats !== undefined) {
    checkFormats(source, `${where}.formats`, rule.formats);
  }
}

/**
 * Parses and checks the text of a lint ruleset (YAML or JSON, Spectral's
 * format): what it extends must be built in, its functions Spectral's core
 * ones, and it may not bring code (`functions`) or file patterns
 * (`overrides`). Used at start-up for the catalog's ruleset and on a worker
 * thread for an API's own.
 *
 * @throws {@link RulesetError} naming the ruleset, the line of a syntax
 *   error, or the field at fault.
 * @public
 */
export function parseRuleset(text: string, source: string): RulesetDocument {
  if (text.length > MAX_RULESET_CHARS) {
    fail(source, 'the file', `is larger than ${MAX_RULESET_CHARS / 1024} KB`);
  }
  const parser = /^\s*\{/.test(text) ? Json : Yaml;
  const parsed = parser.parse(text);
  const error = parsed.diagnostics.find(d => d.severity === 0);
  if (error) {
    fail(
      source,
      `line ${error.range.start.line + 1}`,
      `does not parse: ${error.message}`,
    );
  }
  const data: unknown = parsed.data;
  if (!isObject(data)) {
    fail(source, 'the file', 'must hold a ruleset object (extends, rules)');
  }
  if ('functions' in data || 'functionsDir' in data) {
    fail(
      source,
      'functions' in data ? 'functions' : 'functionsDir',
      'custom functions are code, which the portal does not run; use the core functions',
    );
  }
  if ('overrides' in data) {
    fail(
      source,
      'overrides',
      'is not supported: it applies rules by file name, and a catalog definition has none',
    );
  }
  for (const key of Object.keys(data)) {
    if (!TOP_LEVEL.has(key)) {
      fail(source, key, `is not a ruleset field (${listed([...TOP_LEVEL])})`);
    }
  }
  const rules = data.rules ?? {};
  if (!isObject(rules)) fail(source, 'rules', 'must be an object of rules');
  for (const [name, rule] of Object.entries(rules)) {
    checkRule(source, name, rule);
  }
  if (data.formats !== undefined) checkFormats(source, 'formats', data.formats);
  if (data.aliases !== undefined && !isObject(data.aliases)) {
    fail(source, 'aliases', 'must be an object');
  }
  if (
    data.documentationUrl !== undefined &&
    typeof data.documentationUrl !== 'string'
  ) {
    fail(source, 'documentationUrl', 'must be a URL');
  }
  const document: RulesetDocument = {
    extends: parseExtends(source, data.extends),
    rules,
  };
  if (data.formats) document.formats = data.formats as string[];
  if (data.aliases) document.aliases = data.aliases as Record<string, unknown>;
  if (typeof data.documentationUrl === 'string') {
    document.documentationUrl = data.documentationUrl;
  }
  if (document.extends.length === 0 && Object.keys(rules).length === 0) {
    fail(
      source,
      'the file',
      'has neither extends nor rules: it would check nothing',
    );
  }
  return document;
}
