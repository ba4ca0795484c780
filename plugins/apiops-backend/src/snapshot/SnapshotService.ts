import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Assessment,
  FragmentationThresholds,
  GovernanceFinding,
  GovernanceRuleset,
  evaluateOwnership,
  keyOf,
} from '@apiops-backstage/plugin-apiops-common';
import { AssessmentStore } from '../database/AssessmentStore';
import { DefinitionFeatureStore } from '../database/DefinitionFeatureStore';
import { SnapshotStore, StoredApiResult } from '../database/SnapshotStore';
import { MethodCatalog } from '../method';
import { withoutDefinition } from '../definitions';
import {
  DefinitionFeatureSource,
  DefinitionFeaturesResult,
  EventLoopYielder,
  FragmentationApi,
  detectFragmentationSteps,
  extractFeatures,
} from '../fragmentation';
import { withClusterFingerprints } from '../fragmentation/clusterFingerprint';
import type { EvidencePage, EvidenceRun } from '../evidence/EvidenceRun';
import type { EvidenceService } from '../evidence/EvidenceService';
import type { ChangePage, ChangeRun } from '../changes/ChangeRun';
import type { ChangeService } from '../changes/ChangeService';
import { CatalogIndex, buildCatalogIndex } from './buildCatalogIndex';
import { countResultSteps } from './countResults';
import { evaluateApi } from './evaluateApi';
import { readAhead } from './readAhead';
import { rollUpTeamSteps } from './rollUpTeams';
import { SnapshotListener } from './SnapshotListener';

export { ORG_FIELDS, ORG_KINDS } from './buildCatalogIndex';

/** Entity fields the snapshot reads of APIs. */
export const API_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.description',
  'metadata.annotations',
  'spec',
  'relations',
];

/**
 * APIs per catalog page. A page must die young: it is parsed into V8's
 * young generation (a 16 MB semi-space by default), and a page that lives
 * through two scavenges is promoted, to be marked by every major GC after.
 * With pages of 500 (7.7 MB of JSON in the benchmark, 15 KB per API, mostly
 * its definition) every page was promoted, and at 200k APIs the major GCs
 * (37 in a warm snapshot, each marking a heap of about 1 GB on helper
 * threads) took more than half of a warm snapshot's CPU. With pages of
 * 100, a 200k snapshot took 102 s instead of 147 s cold and 34 s instead
 * of 55 s warm, and peaked at 1.2 GB instead of 1.26 (docs/benchmarks.md,
 * "Pages that die young"). The cost is five times the catalog requests.
 */
export const API_PAGE_SIZE = 100;

/**
 * The catalog-wide snapshot: streams the catalog, evaluates the ownership,
 * station and governance of every API, and replaces the current results in
 * one transaction. A run that fails leaves the previous results in place;
 * the reports then say they are stale and why. The history is purged by its
 * own task ({@link purgeSnapshotHistory}).
 *
 * @internal
 */
export class SnapshotService {
  private constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      store: SnapshotStore;
      assessments: AssessmentStore;
      method: MethodCatalog;
      ruleset: GovernanceRuleset;
      ownerPlaceholders?: readonly string[];
      fragmentationThresholds?: Partial<FragmentationThresholds>;
      /**
       * Worker threads parsing definitions during a run; 0 (the default)
       * parses them on the calling thread.
       */
      parserThreads?: number;
      /** Time a batch of definitions may take on a parser thread. */
      parserBatchTimeoutMs?: number;
      /**
       * Where definition features persist, so that a restarted backend or
       * another replica does not parse them again; none: in memory only.
       */
      featureStore?: DefinitionFeatureStore;
      /**
       * Told of each stored snapshot (campaign progress, notifications), in
       * order; one that fails is logged and the snapshot stays stored.
       */
      listeners?: readonly SnapshotListener[];
      /**
       * The definition evidence (lint, audit): its findings join each API's
       * governance findings, and the definitions without any are queued.
       */
      evidence?: EvidenceService;
      /**
       * The change detection: each changed definition compared with the
       * previous one, change events stored, change findings joined.
       */
      changes?: ChangeService;
    },
    /** Features of unchanged definitions are not computed again. */
    private readonly definitions: DefinitionFeatureSource,
  ) {}

  static create(options: SnapshotService['options']): SnapshotService {
    return new SnapshotService(
      options,
      DefinitionFeatureSource.create({
        threads: options.parserThreads,
        batchTimeoutMs: options.parserBatchTimeoutMs,
        logger: options.logger,
        store: options.featureStore,
      }),
    );
  }

  /**
   * Takes a snapshot now. Resolves to the run id; rejects when it failed.
   * An aborted `signal` (the scheduler's, at the task's timeout) stops the
   * run between pages: it is recorded as failed ("aborted") and the previous
   * results stay.
   */
  async run(signal?: AbortSignal): Promise<string> {
    const { store, logger, catalog, auth } = this.options;
    const runId = await store.startRun();
    const started = Date.now();
    // The run holds the event loop for one slice at a time: the backend
    // keeps answering requests during a snapshot.
    const yielder = EventLoopYielder.create();
    const evidence = this.options.evidence?.startRun();
    const changes = this.options.changes?.startRun(runId);
    try {
      throwIfAborted(signal);
      const credentials = await auth.getOwnServiceCredentials();
      const index = await buildCatalogIndex(catalog, credentials, yielder);
      throwIfAborted(signal);
      const apis: StoredApiResult[] = [];
      const features: FragmentationApi[] = [];
      const pages = catalog.streamEntities(
        {
          filter: { kind: 'API' },
          fields: API_FIELDS,
          pageSize: API_PAGE_SIZE,
        },
        { credentials },
      );
      for await (const page of readAhead(pages, p =>
        this.readPage(p, evidence, changes),
      )) {
        throwIfAborted(signal);
        const now = new Date();
        const first = apis.length;
        for (let i = 0; i < page.entities.length; i += 1) {
          if (yielder.due) await yielder.yield();
          const entity = page.entities[i];
          const changeFindings =
            changes?.findingsOf(
              page.changes,
              i,
              index.consumersOf(entity).length,
              now,
            ) ?? [];
          const evidenceFindings = page.evidence?.findings[i];
          const evaluated = this.evaluate(entity, index, {
            // The latest assessments are keyed by entity ref key.
            latest: page.latest.get(keyOf(entity)),
            definitionFeatures: page.definitions[i],
            definitionHash: page.definitionHashes[i],
            evidenceFindings:
              changeFindings.length > 0
                ? [...(evidenceFindings ?? []), ...changeFindings]
                : evidenceFindings,
            now,
          });
          apis.push(evaluated.api);
          features.push(evaluated.features);
        }
        if (page.evidence) {
          evidence?.record(
            page.evidence,
            apis.slice(first).map(api => api.result),
          );
        }
        changes?.record(
          page.changes,
          apis.slice(first).map(api => api.result),
          i => index.consumerDetailsOf(page.entities[i]),
          now,
        );
      }
      throwIfAborted(signal);
      const detected = await yielder.run(
        detectFragmentationSteps(
          features,
          this.options.fragmentationThresholds,
        ),
      );
      await yielder.maybeYield();
      // Each cluster's fingerprint (its members' definitions): a dismissal
      // holds while it is the same.
      const clusters = withClusterFingerprints(
        detected.clusters,
        new Map(
          features.map(api => [
            api.entityRef.toLocaleLowerCase('en-US'),
            api.definitionHash,
          ]),
        ),
      );
      await yielder.maybeYield();
      const results = apis.map(a => a.result);
      throwIfAborted(signal);
      const teams = await yielder.run(
        rollUpTeamSteps(results, index.ownership),
      );
      await yielder.maybeYield();
      const counts = await yielder.run(countResultSteps(results, clusters));
      await yielder.maybeYield();
      await store.completeRun(runId, { apis, teams, clusters, counts });
      await this.definitions.completeRun();
      await evidence?.complete();
      await changes?.complete();
      logger.info(
        `Snapshot ${runId}: ${apis.length} APIs evaluated in ${
          Date.now() - started
        } ms`,
      );
      await this.tellListeners({
        snapshotId: runId,
        completedAt: new Date(),
        apis,
        clusters,
        ownership: index.ownership,
        domainOf: domainsOf(features),
        yielder,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await evidence?.abandon();
      await changes?.abandon();
      await store.failRun(runId, message);
      logger.error(
        `Snapshot ${runId} failed; the previous results stay: ${message}`,
      );
      throw error;
    } finally {
      await this.definitions.close();
    }
    return runId;
  }

  /** Each listener in turn; a failure is logged, not thrown. */
  private async tellListeners(
    snapshot: Parameters<SnapshotListener['snapshotCompleted']>[0],
  ) {
    for (const listener of this.options.listeners ?? []) {
      try {
        await listener.snapshotCompleted(snapshot);
      } catch (error) {
        this.options.logger.error(
          `Snapshot ${snapshot.snapshotId} is stored, but ${
            listener.name
          } failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }

  /** A page's latest assessments, definition features and evidence. */
  private async readPage(
    entities: Entity[],
    evidence: EvidenceRun | undefined,
    changes: ChangeRun | undefined,
  ): Promise<PageInputs> {
    const refs = entities.map(keyOf);
    const [latest, { results: definitions, hashes: definitionHashes }] =
      await Promise.all([
        this.options.assessments.latestForMany(refs),
        this.definitions.getManyWithHashes(entities),
      ]);
    const [evidencePage, changePage] = await Promise.all([
      evidence?.lookup(entities, definitionHashes),
      changes?.lookup(entities, definitionHashes),
    ]);
    return {
      // Hashed, parsed and compared, the definitions are dropped: the page
      // waits to be evaluated without their text, and dies young.
      entities: entities.map(withoutDefinition),
      latest,
      definitions,
      definitionHashes,
      evidence: evidencePage,
      changes: changePage,
    };
  }

  /**
   * One API: its fragmentation features and its evaluation, with the rule
   * inputs (providers, consumers, definition problem) from the index.
   */
  private evaluate(
    entity: Entity,
    index: CatalogIndex,
    page: {
      latest: Assessment | undefined;
      definitionFeatures: DefinitionFeaturesResult;
      /** The hash the feature cache keys the definition by. */
      definitionHash: string | undefined;
      /** What the definition evidence (lint) found, as governance findings. */
      evidenceFindings: GovernanceFinding[] | undefined;
      now: Date;
    },
  ): { api: StoredApiResult; features: FragmentationApi } {
    // The page's entities come without their definitions (`readPage`):
    // the features must be given, or extractFeatures would find none.
    const extracted = extractFeatures(entity, {
      definitionFeatures: page.definitionFeatures,
    });
    const api = evaluateApi({
      entity,
      latest: page.latest,
      ownership: evaluateOwnership(entity, index.ownership, {
        placeholders: this.options.ownerPlaceholders,
      }),
      inputs: {
        providers: index.providersOf(entity),
        consumers: index.consumersOf(entity),
        // In the precise parser's words, computed with the features (on a
        // parser thread) and cached with them by definition hash.
        definitionProblem: extracted.problem
          ? page.definitionFeatures.definitionProblem ?? extracted.problem
          : undefined,
      },
      now: page.now,
      method: this.options.method,
      ruleset: this.options.ruleset,
      evidenceFindings: page.evidenceFindings,
    });
    return {
      api,
      features: {
        ...extracted.features,
        domain: index.domainOf(entity),
        definitionHash: page.definitionHash,
      },
    };
  }
}

/** The domain of each API, by lower-case entity ref, from its features. */
function domainsOf(
  features: readonly FragmentationApi[],
): (entityRef: string) => string | undefined {
  let domains: Map<string, string> | undefined;
  return entityRef => {
    if (!domains) {
      domains = new Map();
      for (const api of features) {
        if (api.domain) {
          domains.set(api.entityRef.toLocaleLowerCase('en-US'), api.domain);
        }
      }
    }
    return domains.get(entityRef);
  };
}

/** Why an aborted run stops: recorded as the run's failure reason. */
const ABORTED = 'aborted';

function throwIfAborted(signal: AbortSignal | undefined) {
  if (signal?.aborted) {
    throw new Error(ABORTED);
  }
}

interface PageInputs {
  entities: Entity[];
  latest: Map<string, Assessment>;
  definitions: DefinitionFeaturesResult[];
  /** The hash of each definition (the feature cache's key). */
  definitionHashes: Array<string | undefined>;
  /** The definition evidence of the page's APIs (none without providers). */
  evidence?: EvidencePage;
  /** The change detection's view of the page's APIs. */
  changes?: ChangePage;
}
