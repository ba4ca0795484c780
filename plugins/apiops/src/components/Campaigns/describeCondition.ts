import { useCallback } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type {
  CampaignCondition,
  CampaignConditionType,
  CampaignScope,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsCampaignsTranslationRef } from '../../campaignsTranslation';

/** A condition of a type with sample values, to name the type in a menu. */
export function sampleCondition(
  type: CampaignConditionType,
): CampaignCondition {
  switch (type) {
    case 'station-at-least':
      return { type, station: '…' };
    case 'assessment-fresh':
      return { type, maxAgeDays: 90 };
    default:
      return { type };
  }
}

/**
 * The words of a campaign's goal and scope: `condition` says a goal
 * condition ("At the station API Design or beyond"), `scope` the scope, one
 * line per dimension (none: every API).
 */
export function useCampaignTexts() {
  const { t } = useTranslationRef(apiopsCampaignsTranslationRef);
  const condition = useCallback(
    (value: CampaignCondition, stationLabel: (id: string) => string) => {
      switch (value.type) {
        case 'station-at-least':
          return t('conditions.station-at-least', {
            station: stationLabel(value.station),
          });
        case 'no-ownership-gap':
          return value.gapTypes?.length
            ? t('conditions.no-ownership-gap-of', {
                types: value.gapTypes.join(', '),
              })
            : t('conditions.no-ownership-gap');
        case 'no-finding':
          if (value.ruleId && value.severity) {
            return t('conditions.no-finding-rule-severity', {
              rule: value.ruleId,
              severity: value.severity,
            });
          }
          if (value.ruleId) {
            return t('conditions.no-finding-rule', { rule: value.ruleId });
          }
          if (value.severity) {
            return t('conditions.no-finding-severity', {
              severity: value.severity,
            });
          }
          return t('conditions.no-finding');
        case 'no-duplicate-cluster':
          return t('conditions.no-duplicate-cluster', {
            types: (value.types ?? ['duplicate']).join(' / '),
          });
        case 'assessment-fresh':
          return t('conditions.assessment-fresh', {
            days: String(value.maxAgeDays),
          });
        default:
          return (value as { type: string }).type;
      }
    },
    [t],
  );
  const scope = useCallback(
    (value: CampaignScope): string[] => {
      const lines: string[] = [];
      if (value.teams?.length) {
        lines.push(t('scope.teams', { values: value.teams.join(', ') }));
      }
      if (value.systems?.length) {
        lines.push(t('scope.systems', { values: value.systems.join(', ') }));
      }
      if (value.domains?.length) {
        lines.push(t('scope.domains', { values: value.domains.join(', ') }));
      }
      if (value.lifecycles?.length) {
        lines.push(
          t('scope.lifecycles', { values: value.lifecycles.join(', ') }),
        );
      }
      return lines;
    },
    [t],
  );
  return { condition, scope };
}
