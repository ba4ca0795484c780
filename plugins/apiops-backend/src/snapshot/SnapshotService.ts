import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ApiSnapshotResult,
  Assessment,
  FragmentationCluster,
  FragmentationThresholds,
  GovernanceRuleset,
  OwnershipIndex,
  SnapshotCounts,
  TeamRollup,
  evaluateOwnership,
  EntityRefKey,
  entityRefKey,
  tryEntityRefKey,
  relationKeys,
} from '@apiops-backstage/plugin-apiops-common';
import { AssessmentStore } from '../database/AssessmentStore';
import { SnapshotStore, StoredApiResult } from '../database/SnapshotStore';
import { MethodCatalog } from '../method';
import {
  DefinitionFeaturesResult,
  DefinitionParserPool,
  FeatureCache,
  FragmentationApi,
  detectFragmentation,
  extractDefinitionFeatures,
  definitionOf,
  extractFeatures,
} from '../fragmentation';
import { checkDefinition } from './checkDefinition';
import { evaluateApi } from './evaluateApi';

/** Entity fields the snapshot reads of groups, users and components. */
export const ORG_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.type',
  'spec.owner',
  'spec.parent',
  'spec.children',
  'spec.memberOf',
  'spec.profile.displayName',
  'spec.providesApis',
  'spec.consumesApis',
  'spec.domain',
  'relations',
];

/** The kinds the snapshot reads besides APIs. */
export const ORG_KINDS = [
  'Group',
  'User',
  'Component',
  'System',
  'Domain',
  'Resource',
] as const;

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
 * The catalog-wide snapshot: streams the catalog, evaluates the ownership,
 * station and governance of every API, and replaces the current results in
 * one transaction. A run that fails leaves the previous results in place;
 * the reports then say they are stale and why.
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
      retentionDays: number;
      fragmentationThresholds?: Partial<FragmentationThresholds>;
      /**
       * Worker threads parsing definitions during a run; 0 (the default)
       * parses them on the calling thread.
       */
      parserThreads?: number;
    },
  ) {}

  /** Features of unchanged definitions are not computed again. */
  private readonly featureCache = FeatureCache.create();

  static create(options: SnapshotService['options']): SnapshotService {
    return new SnapshotService(options);
  }

  /** Takes a snapshot now. Resolves to the run id; rejects when it failed. */
  async run(): Promise<string> {
    const { store, logger } = this.options;
    const runId = await store.startRun();
    const started = Date.now();
    const threads = this.options.parserThreads ?? 0;
    const parser =
      threads > 0
        ? DefinitionParserPool.create({ threads, logger })
        : undefined;
    try {
      const credentials = await this.options.auth.getOwnServiceCredentials();
      const index = await this.buildIndex(credentials);
      const { apis, features } = await this.evaluateApis(
        index,
        credentials,
        parser,
      );
      const clusters = detectFragmentation(
        features,
        this.options.fragmentationThresholds,
      );
      const results = {
        apis,
        teams: rollUpTeams(apis, index),
        clusters,
        counts: countResults(
          apis.map(a => a.result),
          clusters,
        ),
      };
      await store.completeRun(runId, results);
      this.featureCache.prune();
      logger.info(
        `Snapshot ${runId}: ${apis.length} APIs evaluated in ${
          Date.now() - started
        } ms`,
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await store.failRun(runId, message);
      logger.error(
        `Snapshot ${runId} failed; the previous results stay: ${message}`,
      );
      throw error;
    } finally {
      await parser?.close();
      const retentionMs = this.options.retentionDays * 24 * 60 * 60 * 1000;
      await store.purgeHistory(new Date(Date.now() - retentionMs));
    }
    return runId;
  }

  private async buildIndex(
    credentials: BackstageCredentials,
  ): Promise<SnapshotIndex> {
    const builder = OwnershipIndex.builder();
    const consumers = new Map<string, string[]>();
    const systemDomains = new Map<string, string>();
    for await (const page of this.options.catalog.streamEntities(
      {
        filter: { kind: [...ORG_KINDS] },
        fields: ORG_FIELDS,
      },
      { credentials },
    )) {
      for (const entity of page) {
        builder.add(entity);
        if (entity.kind.toLocaleLowerCase('en-US') === 'system') {
          const domain = tryRef(
            entity.spec?.domain,
            'domain',
            entity.metadata.namespace,
          );
          if (domain) {
            systemDomains.set(
              stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
              domain,
            );
          }
        }
        if (entity.kind.toLocaleLowerCase('en-US') === 'component') {
          const componentRef = stringifyEntityRef(entity);
          for (const apiRef of consumedApis(entity)) {
            const list = consumers.get(apiRef) ?? [];
            list.push(componentRef);
            consumers.set(apiRef, list);
          }
        }
      }
    }
    return { ownership: builder.build(), consumers, systemDomains };
  }

  private async evaluateApis(
    index: SnapshotIndex,
    credentials: BackstageCredentials,
    parser: DefinitionParserPool | undefined,
  ): Promise<{ apis: StoredApiResult[]; features: FragmentationApi[] }> {
    const results: StoredApiResult[] = [];
    const features: FragmentationApi[] = [];
    // A page is evaluated once the next one has arrived, so that its
    // definitions are parsed (on the parser's threads) while this thread
    // reads the catalog.
    const inFlight: Array<Promise<PageInputs>> = [];
    const evaluatePage = async (inputs: Promise<PageInputs>) => {
      const { page, refs, latest, definitions } = await inputs;
      const now = new Date();
      page.forEach((entity, i) => {
        const ref = entityRefKey(refs[i]);
        const ownership = evaluateOwnership(entity, index.ownership, {
          placeholders: this.options.ownerPlaceholders,
        });
        const providers = providersOf(entity, ref, index.ownership);
        const extracted = extractFeatures(entity, {
          definitionFeatures: definitions[i],
        });
        const system = extracted.features.system;
        features.push({
          ...extracted.features,
          domain: system ? index.systemDomains.get(system) : undefined,
        });
        results.push(
          evaluateApi({
            entity,
            latest: latest.get(ref),
            ownership,
            inputs: {
              providers,
              consumers: index.consumers.get(ref) ?? [],
              // Only a definition the feature extraction could not read is
              // parsed again, for the parser's own words about it.
              definitionProblem: extracted.problem
                ? checkDefinition(entity) ?? extracted.problem
                : undefined,
            },
            now,
            method: this.options.method,
            ruleset: this.options.ruleset,
          }),
        );
      });
    };
    try {
      for await (const page of this.options.catalog.streamEntities(
        { filter: { kind: 'API' }, fields: API_FIELDS },
        { credentials },
      )) {
        inFlight.push(this.readPage(page, parser));
        if (inFlight.length > 1) {
          await evaluatePage(inFlight.shift()!);
        }
      }
      while (inFlight.length > 0) {
        await evaluatePage(inFlight.shift()!);
      }
    } finally {
      // A failed run: settle what is left, so that no rejection goes unseen.
      await Promise.allSettled(inFlight);
    }
    return { apis: results, features };
  }

  /** A page's latest assessments and definition features. */
  private async readPage(
    page: Entity[],
    parser: DefinitionParserPool | undefined,
  ): Promise<PageInputs> {
    const refs = page.map(entity => stringifyEntityRef(entity));
    const [latest, definitions] = await Promise.all([
      this.options.assessments.latestForMany(refs),
      this.featureCache.getMany(page.map(definitionOf), async missing =>
        parser
          ? parser.extract(missing)
          : missing.map(item =>
              extractDefinitionFeatures(item.type, item.definition),
            ),
      ),
    ]);
    return { page, refs, latest, definitions };
  }
}

/**
 * The APIs a component consumes (lower-case refs), from its `consumesApi`
 * relations or, where the catalog has not made them, `spec.consumesApis`.
 */
function consumedApis(component: Entity): Set<string> {
  const refs = new Set<string>();
  for (const relation of component.relations ?? []) {
    if (relation.type === 'consumesApi') {
      refs.add(relation.targetRef.toLocaleLowerCase('en-US'));
    }
  }
  const declared = component.spec?.consumesApis;
  if (Array.isArray(declared)) {
    for (const ref of declared) {
      const normalized = tryRef(ref, 'api', component.metadata.namespace);
      if (normalized) refs.add(normalized);
    }
  }
  return refs;
}

function tryRef(
  ref: unknown,
  defaultKind: string,
  namespace: string | undefined,
): string | undefined {
  if (typeof ref !== 'string' || !ref) {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind,
        defaultNamespace: namespace ?? 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/**
 * The components providing an API: those declaring it (which exist), and
 * those the API's own `apiProvidedBy` relations name (which may not).
 */
function providersOf(
  entity: Entity,
  apiRef: EntityRefKey,
  ownership: OwnershipIndex,
): Array<{ ref: string; exists: boolean }> {
  const declared = new Set(ownership.getProviders(apiRef));
  const providers = [...declared].map(ref => ({ ref, exists: true }));
  for (const ref of relationKeys(entity, 'apiProvidedBy')) {
    if (!declared.has(ref)) {
      declared.add(ref);
      providers.push({ ref, exists: ownership.getOwner(ref) !== undefined });
    }
  }
  return providers;
}

interface PageInputs {
  page: Entity[];
  refs: string[];
  latest: Map<string, Assessment>;
  definitions: DefinitionFeaturesResult[];
}

interface SnapshotIndex {
  ownership: OwnershipIndex;
  /** API ref (lower case) → refs of the components consuming it. */
  consumers: Map<string, string[]>;
  /** System ref → domain ref (lower case). */
  systemDomains: Map<string, string>;
}

/**
 * Counts by station, governance status, gap type, finding rule and
 * fragmentation type.
 */
export function countResults(
  results: ApiSnapshotResult[],
  clusters: FragmentationCluster[],
): SnapshotCounts {
  const counts: SnapshotCounts = {
    apis: results.length,
    byStation: {},
    byStatus: {},
    byGapType: {},
    byFindingType: {},
    byFragmentationType: {},
  };
  const inc = <K extends string>(
    record: Partial<Record<K, number>>,
    key: K,
  ) => {
    record[key] = (record[key] ?? 0) + 1;
  };
  for (const result of results) {
    inc(counts.byStation, result.station.id);
    inc(counts.byStatus, result.governance.status);
    for (const gap of result.owner.gaps) inc(counts.byGapType, gap.type);
    for (const finding of result.governance.findings) {
      inc(counts.byFindingType, finding.ruleId);
    }
  }
  for (const cluster of clusters) {
    inc(counts.byFragmentationType!, cluster.type);
  }
  return counts;
}

/**
 * Per owner group: the APIs it owns itself or through its descendant groups.
 */
function rollUpTeams(
  apis: StoredApiResult[],
  index: SnapshotIndex,
): Array<TeamRollup & { ownerRefs: string[] }> {
  const teams = new Map<string, TeamRollup & { ownerRefs: string[] }>();
  for (const { result } of apis) {
    const owner = tryEntityRefKey(result.owner.ref);
    if (!owner || result.owner.kind !== 'group') continue;
    for (const groupRef of index.ownership.getGroupAndAncestors(owner)) {
      let team = teams.get(groupRef);
      if (!team) {
        team = {
          groupRef,
          title: index.ownership.getEntry(groupRef)?.title ?? groupRef,
          apis: 0,
          byStation: {},
          byStatus: {},
          gaps: 0,
          findings: 0,
          ownerRefs: [],
        };
        teams.set(groupRef, team);
      }
      if (!team.ownerRefs.includes(owner)) team.ownerRefs.push(owner);
      team.apis += 1;
      team.byStation[result.station.id] =
        (team.byStation[result.station.id] ?? 0) + 1;
      team.byStatus[result.governance.status] =
        (team.byStatus[result.governance.status] ?? 0) + 1;
      team.gaps += result.owner.gaps.length;
      team.findings += result.governance.findings.length;
    }
  }
  return [...teams.values()];
}
