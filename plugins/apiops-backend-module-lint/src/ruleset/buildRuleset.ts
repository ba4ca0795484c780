import type { RulesetDefinition } from '@stoplight/spectral-core';
import * as coreFunctions from '@stoplight/spectral-functions';
import * as owaspModule from '@stoplight/spectral-owasp-ruleset';
import { asyncapi, oas } from '@stoplight/spectral-rulesets';
import { BUILTIN_RULESETS } from './builtins';
import type { RulesetDocument } from './parseRuleset';

type Format = ((document: unknown, source?: string | null) => boolean) & {
  displayName?: string;
};

/** The OWASP ruleset, however the bundler exposes its default export. */
const owasp = ((owaspModule as unknown as { default?: unknown }).default ??
  owaspModule) as RulesetDefinition;

const BUILTINS: Record<string, RulesetDefinition> = {
  oas: oas as RulesetDefinition,
  asyncapi: asyncapi as RulesetDefinition,
  owasp,
};

/** A format that matches any of the given ones (Spectral's `aas2`, say). */
function anyOf(displayName: string, formats: Format[]): Format {
  const format: Format = (document, source) =>
    formats.some(f => f(document, source));
  format.displayName = displayName;
  return format;
}

function formatsOf(ruleset: unknown): Format[] {
  const formats = (ruleset as { formats?: Iterable<Format> }).formats;
  return formats ? [...formats] : [];
}

/** The format functions by the names rulesets use (`oas3`, `aas2_6`, …). */
const FORMATS: Record<string, Format> = (() => {
  const byName: Record<string, Format> = {};
  for (const format of [...formatsOf(oas), ...formatsOf(asyncapi)]) {
    byName[format.name] = format;
  }
  // Spectral's `oas3` is the function named `isOas3`.
  if (byName.isOas3) byName.oas3 = byName.isOas3;
  const family = (prefix: string) =>
    Object.entries(byName)
      .filter(([name]) => name.startsWith(prefix))
      .map(([, format]) => format);
  byName.aas2 = anyOf('AsyncAPI 2.x', family('aas2_'));
  byName.aas3 = anyOf('AsyncAPI 3.x', family('aas3_'));
  return byName;
})();

const FUNCTIONS = coreFunctions as unknown as Record<string, unknown>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toFormats(names: unknown): Format[] | undefined {
  if (!Array.isArray(names)) return undefined;
  return names.map(name => FORMATS[String(name)]).filter(Boolean);
}

/** A rule of a ruleset file with its function names and formats as Spectral takes them. */
function toRule(rule: unknown): unknown {
  if (!isObject(rule)) {
    return rule; // a severity or true/false for an extended rule
  }
  const mapped: Record<string, unknown> = { ...rule };
  if (rule.then !== undefined) {
    const steps = Array.isArray(rule.then) ? rule.then : [rule.then];
    const then = steps.map(step =>
      isObject(step)
        ? { ...step, function: FUNCTIONS[String(step.function)] }
        : step,
    );
    mapped.then = Array.isArray(rule.then) ? then : then[0];
  }
  if (rule.formats !== undefined) {
    mapped.formats = toFormats(rule.formats);
  }
  return mapped;
}

/**
 * A checked ruleset document as a Spectral ruleset definition: built-in
 * rulesets for the names it extends, core functions for the names of its
 * rules, format functions for format names. `base` (the catalog's ruleset,
 * for an API's own) is extended first, so that the document's rules
 * override it.
 */
export function buildRuleset(
  document: RulesetDocument,
  base?: RulesetDefinition,
): RulesetDefinition {
  const extended: unknown[] = base ? [base] : [];
  for (const { name, mode } of document.extends) {
    const builtin =
      BUILTINS[BUILTIN_RULESETS[name as keyof typeof BUILTIN_RULESETS]];
    extended.push(mode ? [builtin, mode] : builtin);
  }
  const definition: Record<string, unknown> = {
    rules: Object.fromEntries(
      Object.entries(document.rules).map(([name, rule]) => [
        name,
        toRule(rule),
      ]),
    ),
  };
  if (extended.length > 0) definition.extends = extended;
  if (document.formats) definition.formats = toFormats(document.formats);
  if (document.aliases) definition.aliases = document.aliases;
  if (document.documentationUrl) {
    definition.documentationUrl = document.documentationUrl;
  }
  return definition as unknown as RulesetDefinition;
}

/**
 * The ruleset used when the catalog names none: Spectral's official
 * `spectral:oas` and `spectral:asyncapi` (their recommended rules), and
 * OWASP's when asked for.
 */
export function defaultRuleset(options: { owasp: boolean }): RulesetDefinition {
  return {
    extends: [
      [BUILTINS.oas, 'recommended'],
      [BUILTINS.asyncapi, 'recommended'],
      ...(options.owasp ? [BUILTINS.owasp] : []),
    ],
    rules: {},
  } as unknown as RulesetDefinition;
}

/** A ruleset with the OWASP ruleset added (the catalog's, when OWASP is configured). */
export function withOwasp(ruleset: RulesetDefinition): RulesetDefinition {
  return {
    extends: [ruleset, BUILTINS.owasp],
    rules: {},
  } as unknown as RulesetDefinition;
}
