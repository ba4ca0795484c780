import { useMemo } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  MethodModel,
  UNASSESSED_STATION,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsTranslationRef } from '../translation';
import { humanizeStationId, sortStationIds } from './stationOrder';

const STAGES = [
  'strategy',
  'architecture',
  'design',
  'delivery',
  'publishing',
  'improving',
] as const;

type KnownStage = (typeof STAGES)[number];

function isKnownStage(stage: string): stage is KnownStage {
  return (STAGES as readonly string[]).includes(stage);
}

/**
 * The labels and the order of the stations, stages and criteria of the
 * method in use, as the plugin shows them.
 */
export interface StationLabels {
  /** The stations of the method, in cycle order (empty until it has loaded). */
  order: readonly string[];
  /**
   * The station's title in the user's language (the method's own);
   * `unassessed` translated; any other id made readable.
   */
  label(id: string): string;
  /** The given ids in cycle order, `unassessed` last. */
  sort(ids: Iterable<string>): string[];
  /** The name of a lifecycle stage, from the plugin's translations. */
  stageLabel(stage: string): string;
  /** The criterion's label in the method, else its id. */
  criterionLabel(id: string): string;
}

/**
 * The labels of the stations, stages and criteria of a method (from
 * {@link useMethodModel}), and the stations' cycle order. Without a method
 * (loading, or failed), station ids are made readable and kept in id order.
 */
export function useStationLabels(method?: MethodModel): StationLabels {
  const { t } = useTranslationRef(apiopsTranslationRef);

  return useMemo(() => {
    const titles = new Map(
      (method?.stations ?? []).map(station => [station.id, station.title]),
    );
    const criteria = new Map(
      (method?.criteria ?? []).map(criterion => [
        criterion.id,
        criterion.label,
      ]),
    );
    const order = (method?.stations ?? []).map(station => station.id);
    return {
      order,
      label: (id: string) =>
        id === UNASSESSED_STATION
          ? t('page.stations.unassessed')
          : titles.get(id) ?? humanizeStationId(id),
      sort: (ids: Iterable<string>) => sortStationIds(ids, order),
      stageLabel: (stage: string) =>
        isKnownStage(stage) ? t(`entityContent.stages.${stage}`) : stage,
      criterionLabel: (id: string) => criteria.get(id) ?? id,
    };
  }, [method, t]);
}
