import { useCallback } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  MethodModel,
  UNASSESSED_STATION,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsTranslationRef } from '../../translation';

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
 * Labels of stations and lifecycle stages: station titles come from the
 * method (in its locale), stage names from the plugin's translations.
 */
export function useStationLabels(method?: MethodModel) {
  const { t } = useTranslationRef(apiopsTranslationRef);

  const stationTitle = useCallback(
    (id: string): string => {
      if (id === UNASSESSED_STATION) {
        return t('entityContent.metroMap.unassessedTitle');
      }
      const station = method?.stations.find(s => s.id === id);
      return (
        station?.title ?? t('entityContent.metroMap.unknownStation', { id })
      );
    },
    [method, t],
  );

  const stageLabel = useCallback(
    (stage: string): string =>
      isKnownStage(stage) ? t(`entityContent.stages.${stage}`) : stage,
    [t],
  );

  const criterionLabel = useCallback(
    (id: string): string =>
      method?.criteria.find(criterion => criterion.id === id)?.label ?? id,
    [method],
  );

  return { stationTitle, stageLabel, criterionLabel };
}
