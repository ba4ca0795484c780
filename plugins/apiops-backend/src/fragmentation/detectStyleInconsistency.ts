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

type Dimension = 'pathCasing' | 'versioning';
type Conventions = StyleInconsistencyCluster['details']['conventions'];
type Style = PathCasing | VersioningScheme;

const DIMENSIONS: readonly Dimension[] = ['pathCasing', 'versioning'];

/**
 * The styles of each dimension that can be a convention, in the order the
 * details list them (`lower` is no signal either way; `mixed` is never a
 * convention, its APIs are outliers of their own kind).
 */
const CLEAR_STYLES: Record<Dimension, readonly Style[]> = {
  pathCasing: ['kebab', 'camel', 'snake', 'pascal'],
  versioning: ['path', 'server', 'none'],
};

/** A style as the messages name it. */
const STYLE_NAMES: Record<Style, string> = {
  kebab: 'kebab-case',
  camel: 'camelCase',
  snake: 'snake_case',
  pascal: 'PascalCase',
  lower: 'lowercase',
  mixed: 'mixed',
  path: 'the version in the path',
  server: 'the version in the server URL',
  none: 'no version',
};

/** How the APIs of one scope split in one dimension. */
interface DimensionSplit {
  convention?: Style;
  followerCount: number;
  /** APIs with a clear style. */
  apiCount: number;
  /** APIs per clear style and `mixed`, in the order of {@link CLEAR_STYLES}. */
  styleCounts: Partial<Record<Style, number>>;
  /** The outliers per style they use, `mixed` last; each sorted by ref. */
  outliers: Map<Style, string[]>;
}

/**
 * The convention of a scope in one dimension: the most common clear style,
 * when at least `share` of the APIs with a clear style follow it and
 * strictly more than follow any other. The outliers are the APIs of the
 * other clear styles (only when there is a convention: without one, no API
 * of a clear style is wrong) and the `mixed` APIs (always).
 */
function splitOf(
  apis: readonly FragmentationApi[],
  dimension: Dimension,
  share: number,
): DimensionSplit {
  const byStyle = new Map<Style, string[]>();
  for (const api of apis) {
    const style: Style | undefined = api.style[dimension];
    if (
      style &&
      (style === 'mixed' || CLEAR_STYLES[dimension].includes(style))
    ) {
      const refs = byStyle.get(style) ?? [];
      refs.push(api.entityRef);
      byStyle.set(style, refs);
    }
  }
  const styleCounts: Partial<Record<Style, number>> = {};
  let apiCount = 0;
  let leader: Style | undefined;
  let leaderCount = 0;
  let runnerUpCount = 0;
  for (const style of CLEAR_STYLES[dimension]) {
    const count = byStyle.get(style)?.length ?? 0;
    if (count === 0) continue;
    styleCounts[style] = count;
    apiCount += count;
    if (count > leaderCount) {
      runnerUpCount = leaderCount;
      leader = style;
      leaderCount = count;
    } else if (count > runnerUpCount) {
      runnerUpCount = count;
    }
  }
  const mixed = byStyle.get('mixed') ?? [];
  if (mixed.length > 0) {
    styleCounts.mixed = mixed.length;
  }
  // A tiny tolerance so that e.g. 0.6 × 5 = 3.0000000000000004 lets 3 of 5 pass.
  const convention =
    leader !== undefined &&
    leaderCount > runnerUpCount &&
    leaderCount >= share * apiCount - 1e-9
      ? leader
      : undefined;
  const outliers = new Map<Style, string[]>();
  if (convention) {
    for (const style of CLEAR_STYLES[dimension]) {
      const refs = byStyle.get(style);
      if (style !== convention && refs) {
        outliers.set(style, refs);
      }
    }
  }
  if (mixed.length > 0) {
    outliers.set('mixed', mixed);
  }
  return {
    convention,
    followerCount: convention ? leaderCount : 0,
    apiCount,
    styleCounts,
    outliers,
  };
}

/** What the owners of the outliers of one dimension should do, in words. */
function advice(
  dimension: Dimension,
  split: DimensionSplit,
  scopeRef: string,
): string[] {
  const sentences: string[] = [];
  const { convention } = split;
  const clear = [...split.outliers].filter(([style]) => style !== 'mixed');
  if (convention && clear.length > 0) {
    const who = listRefs(
      clear.map(
        ([style, refs]) => `${listRefs(refs, 3)} (${STYLE_NAMES[style]})`,
      ),
    );
    const action =
      dimension === 'pathCasing'
        ? `Rename the paths of ${who} to ${STYLE_NAMES[convention]}`
        : versioningAction(convention, who);
    sentences.push(
      `${action}, the convention of ${split.followerCount} of the ` +
        `${split.apiCount} REST APIs of ${scopeRef}.`,
    );
  }
  const mixed = split.outliers.get('mixed') ?? [];
  if (mixed.length > 0) {
    const what =
      dimension === 'pathCasing'
        ? 'path casings'
        : 'where they put the major version';
    const target = convention ? STYLE_NAMES[convention] : 'one style';
    sentences.push(
      `${listRefs(mixed, 3)} ${mixed.length === 1 ? 'mixes' : 'mix'} ` +
        `${what} in ${
          mixed.length === 1 ? 'its' : 'their'
        } own paths: use ${target} throughout.`,
    );
  }
  return sentences;
}

function versioningAction(convention: Style, who: string): string {
  switch (convention) {
    case 'path':
      return `Put the major version of ${who} in the path (/v1/…)`;
    case 'server':
      return `Put the major version of ${who} in the server URL`;
    default:
      return `Take the major version out of the paths and server URL of ${who}`;
  }
}

/** The split of a dimension without a convention, in words. */
function describeSplit(
  dimension: Dimension,
  split: DimensionSplit,
  scopeRef: string,
): string {
  const counts = CLEAR_STYLES[dimension]
    .filter(style => split.styleCounts[style])
    .map(style => `${STYLE_NAMES[style]} ${split.styleCounts[style]}`)
    .join(', ');
  const what = dimension === 'pathCasing' ? 'path casing' : 'versioning';
  return (
    `The REST APIs of ${scopeRef} have no ${what} convention (${counts}): ` +
    `agree on one.`
  );
}

/**
 * `style-inconsistency`: per system (and per domain, when that scope is
 * enabled and APIs name their domain), the REST APIs that break the scope's
 * convention. In each dimension (path casing, versioning) the convention is
 * the style of a clear majority of the APIs with a clear style (at least
 * `styleConventionShare` of them, and strictly more than any other style).
 * One cluster per scope; its members are the outliers only: the APIs of
 * another clear style than the convention, in either dimension, and the APIs
 * that mix styles in their own paths (`mixed`, with or without a
 * convention). A dimension without a convention lists no API of a clear
 * style: its split is in the details (and in the message when the scope has
 * outliers for another reason). The score is the share of the scope's REST
 * APIs (with a known style) that are members. One pass over the APIs.
 *
 * @internal
 */
export function detectStyleInconsistency(
  apis: readonly FragmentationApi[],
  thresholds: Pick<
    FragmentationThresholds,
    'styleScopes' | 'styleConventionShare'
  >,
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
  thresholds: Pick<
    FragmentationThresholds,
    'styleScopes' | 'styleConventionShare'
  >,
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
      scopeApis.sort((a, b) => compareStrings(a.entityRef, b.entityRef));
      const splits = {
        pathCasing: splitOf(
          scopeApis,
          'pathCasing',
          thresholds.styleConventionShare,
        ),
        versioning: splitOf(
          scopeApis,
          'versioning',
          thresholds.styleConventionShare,
        ),
      };
      const outliers = new Set(
        DIMENSIONS.flatMap(dimension =>
          [...splits[dimension].outliers.values()].flat(),
        ),
      );
      if (outliers.size === 0) {
        continue;
      }
      const members = scopeApis.filter(api => outliers.has(api.entityRef));
      const sentences = DIMENSIONS.flatMap(dimension =>
        advice(dimension, splits[dimension], scopeRef),
      );
      for (const dimension of DIMENSIONS) {
        const split = splits[dimension];
        if (!split.convention && split.apiCount > 0) {
          const styles = Object.keys(split.styleCounts).filter(
            style => style !== 'mixed',
          );
          if (styles.length > 1) {
            sentences.push(describeSplit(dimension, split, scopeRef));
          }
        }
      }
      const conventionOf = (split: DimensionSplit) => ({
        ...(split.convention ? { convention: split.convention } : {}),
        followerCount: split.followerCount,
        apiCount: split.apiCount,
        styleCounts: split.styleCounts,
      });
      clusters.push({
        id: clusterId(
          'style-inconsistency',
          members.map(api => api.entityRef),
          scopeRef,
        ),
        type: 'style-inconsistency',
        members: members.map(toClusterMember),
        score: Math.round((1000 * members.length) / scopeApis.length) / 1000,
        sharedOperations: [],
        sharedOperationCount: 0,
        scope: scopeRef,
        details: {
          scopeKind: scope,
          pathCasing: Object.fromEntries(splits.pathCasing.outliers),
          versioning: Object.fromEntries(splits.versioning.outliers),
          conventions: {
            pathCasing: conventionOf(
              splits.pathCasing,
            ) as Conventions['pathCasing'],
            versioning: conventionOf(
              splits.versioning,
            ) as Conventions['versioning'],
          },
        },
        message: sentences.join(' '),
      });
    }
  }
  return clusters;
}
