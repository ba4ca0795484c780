import type {
  FragmentationThresholds,
  StyleInconsistencyCluster,
  PathCasing,
  VersioningScheme,
} from '@apiops-backstage/plugin-apiops-common';
import { clusterId } from './clusterId';
import { runSteps, type Steps } from './EventLoopYielder';
import { compareStrings, listRefs, toClusterMember } from './toClusterMember';
import type { FragmentationApi } from './types';

/** Path casings that are a convention (not `lower` or `mixed`). */
const CLEAR_CASINGS: ReadonlySet<PathCasing> = new Set<PathCasing>([
  'kebab',
  'camel',
  'snake',
  'pascal',
]);
/** Versioning schemes that are a convention (not `mixed`). */
const CLEAR_VERSIONING: ReadonlySet<VersioningScheme> =
  new Set<VersioningScheme>(['path', 'server', 'none']);

type Dimension = 'pathCasing' | 'versioning';

/** Refs per style of one dimension, e.g. `{ kebab: [...], camel: [...] }`. */
function stylesOf(
  apis: readonly FragmentationApi[],
  dimension: Dimension,
): Map<string, string[]> {
  const byStyle = new Map<string, string[]>();
  for (const api of apis) {
    const style = api.style[dimension];
    const clear =
      dimension === 'pathCasing'
        ? CLEAR_CASINGS.has(style as PathCasing)
        : CLEAR_VERSIONING.has(style as VersioningScheme);
    if (style && clear) {
      const refs = byStyle.get(style) ?? [];
      refs.push(api.entityRef);
      byStyle.set(style, refs);
    }
  }
  return byStyle;
}

/** The share of APIs (with a clear style) outside the most common style. */
function minorityShare(byStyle: Map<string, string[]>): number {
  let total = 0;
  let largest = 0;
  for (const refs of byStyle.values()) {
    total += refs.length;
    largest = Math.max(largest, refs.length);
  }
  return total === 0 ? 0 : (total - largest) / total;
}

function describe(byStyle: Map<string, string[]>): string {
  return [...byStyle.entries()]
    .map(([style, refs]) => `${style}: ${listRefs(refs, 3)}`)
    .join('; ');
}

/**
 * `style-inconsistency`: per system (and per domain, when that scope is
 * enabled and APIs name their domain), the REST APIs with a clear path
 * casing or versioning scheme that use more than one of either. One finding
 * per scope, naming the members and their styles. One pass over the APIs.
 *
 * @internal
 */
export function detectStyleInconsistency(
  apis: readonly FragmentationApi[],
  thresholds: Pick<FragmentationThresholds, 'styleScopes'>,
): StyleInconsistencyCluster[] {
  return runSteps(styleInconsistencySteps(apis, thresholds));
}

/**
 * {@link detectStyleInconsistency} as {@link Steps}: pauses every 256 APIs
 * and every scope.
 *
 * @internal
 */
export function* styleInconsistencySteps(
  apis: readonly FragmentationApi[],
  thresholds: Pick<FragmentationThresholds, 'styleScopes'>,
): Steps<StyleInconsistencyCluster[]> {
  const clusters: StyleInconsistencyCluster[] = [];
  for (const scope of thresholds.styleScopes) {
    const byScope = new Map<string, FragmentationApi[]>();
    for (let index = 0; index < apis.length; index++) {
      if ((index & 255) === 0) yield;
      const api = apis[index];
      const scopeRef = scope === 'system' ? api.system : api.domain;
      if (scopeRef && (api.style.pathCasing || api.style.versioning)) {
        const members = byScope.get(scopeRef) ?? [];
        members.push(api);
        byScope.set(scopeRef, members);
      }
    }
    for (const [scopeRef, scopeApis] of byScope) {
      yield;
      if (scopeApis.length < 2) {
        continue;
      }
      scopeApis.sort((a, b) => compareStrings(a.entityRef, b.entityRef));
      const casings = stylesOf(scopeApis, 'pathCasing');
      const versionings = stylesOf(scopeApis, 'versioning');
      const inconsistent = new Map<Dimension, Map<string, string[]>>();
      if (casings.size > 1) {
        inconsistent.set('pathCasing', casings);
      }
      if (versionings.size > 1) {
        inconsistent.set('versioning', versionings);
      }
      if (inconsistent.size === 0) {
        continue;
      }
      const involved = new Set(
        [...inconsistent.values()].flatMap(byStyle =>
          [...byStyle.values()].flat(),
        ),
      );
      const members = scopeApis.filter(api => involved.has(api.entityRef));
      const refs = members.map(api => api.entityRef);
      const parts: string[] = [];
      if (casings.size > 1) {
        parts.push(`path casings (${describe(casings)})`);
      }
      if (versionings.size > 1) {
        parts.push(`versioning schemes (${describe(versionings)})`);
      }
      clusters.push({
        id: clusterId('style-inconsistency', refs, scopeRef),
        type: 'style-inconsistency',
        members: members.map(toClusterMember),
        score:
          Math.round(
            1000 *
              Math.max(
                ...[...inconsistent.values()].map(byStyle =>
                  minorityShare(byStyle),
                ),
              ),
          ) / 1000,
        sharedOperations: [],
        sharedOperationCount: 0,
        scope: scopeRef,
        details: {
          scopeKind: scope,
          pathCasing: Object.fromEntries(casings),
          versioning: Object.fromEntries(versionings),
        },
        message:
          `The REST APIs of ${scopeRef} mix ${parts.join(' and ')}. ` +
          `Agree on one convention for the ${scope}.`,
      });
    }
  }
  return clusters;
}
