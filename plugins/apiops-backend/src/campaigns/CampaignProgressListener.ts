import { LoggerService } from '@backstage/backend-plugin-api';
import {
  Campaign,
  CampaignApiFacts,
  EntityRefKey,
  FragmentationType,
} from '@apiops-backstage/plugin-apiops-common';
import { AssessmentStore } from '../database/AssessmentStore';
import {
  CampaignSnapshotResult,
  CampaignStore,
} from '../database/CampaignStore';
import { MethodCatalog } from '../method';
import {
  CompletedSnapshot,
  SnapshotListener,
} from '../snapshot/SnapshotListener';
import { evaluateCampaignSteps } from './evaluateCampaigns';

/** Entity refs per read of the latest assessments. */
const ASSESSMENT_BATCH = 500;

/**
 * What follows the campaign progress of a snapshot: the notifier, which
 * tells owners what changed.
 *
 * @internal
 */
export interface CampaignProgressObserver {
  campaignsEvaluated(
    snapshot: CompletedSnapshot,
    evaluated: {
      campaigns: readonly Campaign[];
      results: readonly CampaignSnapshotResult[];
      /** The clusters of each API, with whether a dismissal applies. */
      clustersOf(entityRef: string): CampaignApiFacts['clusters'];
    },
  ): Promise<void>;
}

/**
 * Computes every campaign's progress with each snapshot (never at read
 * time) and stores it: the counts per campaign and per team, the failing
 * APIs with the reasons, and a point of the burn-up when they changed. Then
 * hands the results to the observers (notifications).
 *
 * @internal
 */
export class CampaignProgressListener implements SnapshotListener {
  readonly name = 'the campaign progress';

  private constructor(
    private readonly options: {
      store: CampaignStore;
      assessments: AssessmentStore;
      method: MethodCatalog;
      logger: LoggerService;
      observers?: readonly CampaignProgressObserver[];
    },
  ) {}

  static create(
    options: CampaignProgressListener['options'],
  ): CampaignProgressListener {
    return new CampaignProgressListener(options);
  }

  async snapshotCompleted(snapshot: CompletedSnapshot): Promise<void> {
    const { store, method, logger, observers = [] } = this.options;
    const campaigns = await store.listAll();
    let results: CampaignSnapshotResult[] = [];
    const clustersOf = await this.clusterIndex(snapshot);
    if (campaigns.length > 0) {
      const started = Date.now();
      const latestAssessmentAt = await this.latestAssessments(
        snapshot,
        campaigns,
      );
      results = await snapshot.yielder.run(
        evaluateCampaignSteps({
          campaigns,
          results: snapshot.apis.map(api => api.result),
          ownership: snapshot.ownership,
          domainOf: snapshot.domainOf,
          clustersOf,
          latestAssessmentAt,
          stationsOf: cycle =>
            method.hasCycle(cycle) ? method.coreStations(cycle) : undefined,
          now: snapshot.completedAt,
        }),
      );
      await store.storeSnapshotResults(
        snapshot.snapshotId,
        snapshot.completedAt,
        results,
      );
      logger.info(
        `Snapshot ${snapshot.snapshotId}: progress of ${
          campaigns.length
        } campaign(s) in ${Date.now() - started} ms`,
      );
    }
    for (const observer of observers) {
      await observer.campaignsEvaluated(snapshot, {
        campaigns,
        results,
        clustersOf,
      });
    }
  }

  /** The clusters of each API, with whether a dismissal applies. */
  private async clusterIndex(
    snapshot: CompletedSnapshot,
  ): Promise<(entityRef: string) => CampaignApiFacts['clusters']> {
    const dismissals = await this.options.store.listDismissals();
    const byApi = new Map<
      string,
      Array<CampaignApiFacts['clusters'][number]>
    >();
    for (const cluster of snapshot.clusters) {
      const entry = {
        id: cluster.id,
        type: cluster.type as FragmentationType,
        dismissed:
          cluster.fingerprint !== undefined &&
          dismissals.get(cluster.id) === cluster.fingerprint,
        memberCount: cluster.memberCount ?? cluster.members.length,
      };
      for (const member of cluster.members) {
        const key = member.entityRef.toLocaleLowerCase('en-US');
        const list = byApi.get(key);
        if (list) list.push(entry);
        else byApi.set(key, [entry]);
      }
    }
    return entityRef => byApi.get(entityRef) ?? [];
  }

  /**
   * When each API was last assessed; read only when a campaign asks for a
   * fresh assessment.
   */
  private async latestAssessments(
    snapshot: CompletedSnapshot,
    campaigns: readonly Campaign[],
  ): Promise<(entityRef: string) => string | undefined> {
    const needed = campaigns.some(campaign =>
      campaign.conditions.some(c => c.type === 'assessment-fresh'),
    );
    if (!needed) return () => undefined;
    const refs = snapshot.apis.map(
      api => api.result.entityRef.toLocaleLowerCase('en-US') as EntityRefKey,
    );
    const latest = new Map<string, string>();
    for (let i = 0; i < refs.length; i += ASSESSMENT_BATCH) {
      const found = await this.options.assessments.latestForMany(
        refs.slice(i, i + ASSESSMENT_BATCH),
      );
      for (const [ref, assessment] of found) {
        latest.set(ref, assessment.createdAt);
      }
    }
    return entityRef => latest.get(entityRef);
  }
}
