import type { Assessment } from '../assessments/types';
import type { GovernanceFinding, GovernanceStatus } from '../governance/types';
import type { FragmentationCluster } from '../fragmentation/schemas';
import type { OwnerGap } from '../ownership/types';

/**
 * The station id of an API that has neither an assessment nor a station
 * annotation.
 *
 * @public
 */
export const UNASSESSED_STATION = 'unassessed';

/**
 * Where an API's station comes from: its latest assessment, else the
 * `apiops/station` annotation of its catalog entity, else nowhere.
 *
 * @public
 */
export type StationSource = 'assessment' | 'annotation' | 'none';

/**
 * Where an API stands on the cycle's metro map.
 *
 * @public
 */
export interface ApiStationStatus {
  /** A core station id, or `unassessed`. */
  id: string;
  source: StationSource;
  /** The cycle the station belongs to. */
  cycle: string;
  /** The station's lifecycle stage, e.g. `design`; absent when unassessed. */
  lifecycleStage?: string;
  /** The station declared by the entity's `apiops/station` annotation, if any. */
  annotation?: string;
  /**
   * Present when the latest assessment and the annotation name different
   * stations; the assessment wins.
   */
  conflict?: {
    assessment: string;
    annotation: string;
    message: string;
  };
}

/**
 * The owner of an API as the catalog has it.
 *
 * @public
 */
export interface ApiOwnerStatus {
  /** The owner's entity ref (the `ownedBy` relation), if the catalog has one. */
  ref?: string;
  /** `spec.owner` as written in `catalog-info.yaml`. */
  declared?: string;
  /** Whether the owner ref matches a catalog entity (from the snapshot). */
  resolved?: boolean;
  /** Kind of the owner entity, e.g. `group`. */
  kind?: string;
  /** Display name of the owner entity. */
  title?: string;
  /** For a group: users in it or in its child groups. */
  memberCount?: number;
  /** Ownership gaps; absent until a snapshot has seen the API. */
  gaps?: OwnerGap[];
}

/**
 * Where an API stands, who owns it: the answer of
 * `GET /entities/:kind/:namespace/:name/status`.
 *
 * @public
 */
export interface ApiStatus {
  entityRef: string;
  station: ApiStationStatus;
  owner: ApiOwnerStatus;
  /** `spec.lifecycle` as the catalog has it. */
  lifecycle?: string;
  /** Governance status and findings; absent until a snapshot has seen the API. */
  governance?: {
    status: GovernanceStatus;
    findings: GovernanceFinding[];
  };
  /**
   * The fragmentation clusters of the latest snapshot the API is a member of
   * (duplicates, overlaps, version sprawl, name collisions, style
   * inconsistencies), with the other members.
   */
  fragmentation?: FragmentationCluster[];
  latestAssessment?: Assessment;
  /** When this status was computed (ISO 8601). */
  computedAt: string;
  /**
   * When the snapshot whose ownership and governance inputs were used
   * finished (ISO 8601); absent when no snapshot has seen the API yet.
   */
  snapshotAt?: string;
}
