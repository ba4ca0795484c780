import type {
  ApiDeprecation,
  FindingSeverity,
  GovernanceFinding,
} from '@apiops-backstage/plugin-apiops-common';
import type { DefinitionDeprecation, DefinitionDiff } from './types';

/**
 * What counts as a major version change of `info.version`: `semver` (the
 * first number grows; for `0.x`, the second), `any-change` (any other
 * value), or `off` (no check).
 *
 * @internal
 */
export type VersionSemantics = 'semver' | 'any-change' | 'off';

/** The governance rules of the change detection, by id. @internal */
export const CHANGE_RULES = Object.freeze({
  breakingWithoutMajor: 'breaking-change-without-major-version',
  removedWithoutDeprecation: 'operation-removed-without-deprecation',
  sunsetPassed: 'sunset-passed-with-consumers',
} as const);

/** The `source` of the change detection's governance findings. @internal */
export const CHANGE_FINDING_SOURCE = 'changes';

/** A rule's severity, or `off`. @internal */
export type ChangeRuleSeverities = Partial<
  Record<
    (typeof CHANGE_RULES)[keyof typeof CHANGE_RULES],
    FindingSeverity | 'off'
  >
>;

const DEFAULT_SEVERITIES: Record<
  (typeof CHANGE_RULES)[keyof typeof CHANGE_RULES],
  FindingSeverity
> = {
  'breaking-change-without-major-version': 'error',
  'operation-removed-without-deprecation': 'warning',
  'sunset-passed-with-consumers': 'warning',
};

/** The numbers of a version: `v2.1.0` → [2, 1, 0]; none when it has none. */
function numbersOf(version: string): number[] | undefined {
  const match = /^\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/i.exec(version);
  if (!match) return undefined;
  const numbers = match.slice(1).map(n => (n === undefined ? 0 : Number(n)));
  // A date (`2024-06`, `2024.06.01`): calendar versioning, no major number.
  return numbers[0] >= 1000 ? undefined : numbers;
}

/**
 * Whether the version went up a major version from `from` to `to` under the
 * semantics. A version that is not a number, or a date (`2024-06`:
 * calendar versioning), counts as a major change whenever it differs.
 *
 * @internal
 */
export function isMajorVersionChange(
  from: string | undefined,
  to: string | undefined,
  semantics: VersionSemantics,
): boolean {
  if (semantics === 'off') return true;
  if ((from ?? '') === (to ?? '')) return false;
  if (semantics === 'any-change') return true;
  const a = from === undefined ? undefined : numbersOf(from);
  const b = to === undefined ? undefined : numbersOf(to);
  if (!a || !b) return true;
  if (b[0] !== a[0]) return b[0] > a[0];
  // 0.x: anything may change; a new minor is the major change.
  return a[0] === 0 && b[1] > a[1];
}

function severityOf(
  ruleId: (typeof CHANGE_RULES)[keyof typeof CHANGE_RULES],
  severities: ChangeRuleSeverities,
): FindingSeverity | undefined {
  const set = severities[ruleId];
  if (set === 'off') return undefined;
  return set ?? DEFAULT_SEVERITIES[ruleId];
}

function listed(items: readonly string[], max = 5): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

/**
 * The governance findings of a change of an API's definition: a breaking
 * change without a major version change, operations removed that were not
 * deprecated first. Kept with the API's definition while it is current.
 *
 * @internal
 */
export function changeFindings(
  diff: DefinitionDiff,
  options: { semantics: VersionSemantics; severities?: ChangeRuleSeverities },
): GovernanceFinding[] {
  const severities = options.severities ?? {};
  const out: GovernanceFinding[] = [];
  const from = diff.before.version;
  const to = diff.after.version;
  const breaking = diff.counts.breaking;
  const major = severityOf(CHANGE_RULES.breakingWithoutMajor, severities);
  if (
    major &&
    options.semantics !== 'off' &&
    breaking > 0 &&
    !isMajorVersionChange(from, to, options.semantics)
  ) {
    out.push({
      ruleId: CHANGE_RULES.breakingWithoutMajor,
      severity: major,
      source: CHANGE_FINDING_SOURCE,
      definitionPath: '$.info.version',
      message: `The definition has ${breaking} breaking change(s) but its version ${
        from === to
          ? `stayed ${to ?? 'unset'}`
          : `went from ${from ?? 'unset'} to ${to ?? 'unset'}`
      }, not to a new major version`,
      fix: 'Publish the breaking change as a new major version (and keep the old one until its consumers have moved), or make the change compatible',
    });
  }
  const removed = severityOf(
    CHANGE_RULES.removedWithoutDeprecation,
    severities,
  );
  if (removed && diff.removedWithoutDeprecation.length > 0) {
    out.push({
      ruleId: CHANGE_RULES.removedWithoutDeprecation,
      severity: removed,
      source: CHANGE_FINDING_SOURCE,
      message: `Operation(s) removed without being deprecated first: ${listed(
        diff.removedWithoutDeprecation,
      )}`,
      fix: 'Mark an operation deprecated (with a sunset date) for a while before removing it, so that its consumers can move',
    });
  }
  return out;
}

/**
 * The deprecations of a definition at a time: whether each sunset date has
 * passed (a date passes at the end of its day, UTC).
 *
 * @internal
 */
export function deprecationsAt(
  deprecations: readonly DefinitionDeprecation[],
  now: Date,
): ApiDeprecation[] {
  return deprecations.map(d => ({
    ...d,
    pastSunset:
      d.sunset !== undefined &&
      Date.parse(`${d.sunset}T23:59:59.999Z`) < now.getTime(),
  }));
}

/**
 * The finding of an API whose sunset date (of the API or of an operation)
 * has passed while components still consume it.
 *
 * @internal
 */
export function sunsetFindings(
  deprecations: readonly DefinitionDeprecation[],
  consumers: number,
  now: Date,
  severities: ChangeRuleSeverities = {},
): GovernanceFinding[] {
  const severity = severityOf(CHANGE_RULES.sunsetPassed, severities);
  if (!severity || consumers === 0) return [];
  const past = deprecationsAt(deprecations, now).filter(d => d.pastSunset);
  if (past.length === 0) return [];
  const whole = past.find(d => !d.operation);
  const operations = past.flatMap(d =>
    d.operation ? [`${d.operation} (${d.sunset})`] : [],
  );
  return [
    {
      ruleId: CHANGE_RULES.sunsetPassed,
      severity,
      source: CHANGE_FINDING_SOURCE,
      message: whole
        ? `The API's sunset date ${whole.sunset} has passed and ${consumers} component(s) still consume it`
        : `The sunset date of ${listed(
            operations,
          )} has passed and ${consumers} component(s) still consume the API`,
      fix: 'Move the consumers to the successor and remove their consumesApis, or move the sunset date',
    },
  ];
}
