import type { z } from 'zod';
import type { Assessment } from '../assessments/types';
import type { FragmentationCluster } from '../fragmentation/schemas';
import type { apiStationStatusSchema } from './apiStationStatusSchema';
import type { apiOwnerStatusSchema, apiStatusSchema } from './schemas';

/**
 * The station id of an API that has neither an assessment nor a station
 * annotation.
 *
 * @public
 */
export const UNASSESSED_STATION = 'unassessed';

/**
 * Where an API stands on the cycle's metro map: a core station id (or
 * `unassessed`), where it comes from (its latest assessment, else the
 * `apiops/station` annotation, else nowhere), and a disagreement between the
 * two.
 *
 * @public
 */
export type ApiStationStatus = z.infer<typeof apiStationStatusSchema>;

/**
 * Where an API's station comes from.
 *
 * @public
 */
export type StationSource = ApiStationStatus['source'];

/**
 * Who owns an API, as the status reports it.
 *
 * @public
 */
export type ApiOwnerStatus = z.infer<typeof apiOwnerStatusSchema>;

/**
 * The answer of `GET /entities/{kind}/{namespace}/{name}/status`, with the
 * fragmentation clusters and the latest assessment in their own types.
 *
 * @public
 */
export type ApiStatus = Omit<
  z.infer<typeof apiStatusSchema>,
  'fragmentation' | 'latestAssessment'
> & {
  /** The clusters the API is a member of (absent until a snapshot has seen it). */
  fragmentation?: FragmentationCluster[];
  latestAssessment?: Assessment;
};

/**
 * The answer of `POST /entities/{kind}/{namespace}/{name}/refresh`.
 *
 * @public
 */
export interface ApiRefreshResult {
  /**
   * `applied`: computed again and written; `superseded`: a snapshot or a
   * refresh of the API that started later is current, nothing was written.
   */
  outcome: 'applied' | 'superseded';
  /** The API's status afterwards, as the caller may read it. */
  status: ApiStatus;
}
