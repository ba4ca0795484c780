import Grid from '@material-ui/core/Grid';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  GOVERNANCE_STATUSES,
  GovernanceStatus,
  SnapshotCounts,
  SnapshotTotals,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsTranslationRef } from '../../translation';
import { useGovernanceStatusColors } from '../GovernanceStatus';
import { KpiTile } from './KpiTile';

/**
 * The key figures of a snapshot: APIs, APIs by governance status, unowned
 * APIs and ownership gaps (the last two as the backend computed them), each
 * a link to its list when `links` says where.
 */
export function SummaryKpis(props: {
  counts: SnapshotCounts & SnapshotTotals;
  /**
   * The lists behind the figures: every API, the APIs of a governance
   * status, the unowned APIs and the ownership gaps.
   */
  links?: {
    apis: string;
    status: (status: GovernanceStatus) => string;
    unowned: string;
    gaps: string;
  };
}) {
  const { counts, links } = props;
  const { t } = useTranslationRef(apiopsTranslationRef);
  const colors = useGovernanceStatusColors();
  const percent = (value: number) =>
    t('page.summary.ofApis', {
      percent: (counts.apis ? value / counts.apis : 0).toLocaleString(
        undefined,
        { style: 'percent', maximumFractionDigits: 0 },
      ),
    });
  const { unowned } = counts;

  return (
    <Grid container spacing={2}>
      <Grid item xs={6} sm={4} lg={2}>
        <KpiTile
          label={t('page.summary.apis')}
          value={counts.apis}
          to={links?.apis}
        />
      </Grid>
      {GOVERNANCE_STATUSES.map(status => {
        const value = counts.byStatus[status] ?? 0;
        return (
          <Grid key={status} item xs={6} sm={4} lg={2}>
            <KpiTile
              label={t(`page.status.${status}`)}
              value={value}
              hint={percent(value)}
              accent={colors[status]}
              to={links?.status(status)}
            />
          </Grid>
        );
      })}
      <Grid item xs={6} sm={4} lg={2}>
        <KpiTile
          label={t('page.summary.unowned')}
          value={unowned}
          hint={t('page.summary.unownedHint')}
          accent={unowned > 0 ? colors['non-compliant'] : undefined}
          to={links?.unowned}
        />
      </Grid>
      <Grid item xs={6} sm={4} lg={2}>
        <KpiTile
          label={t('page.summary.gaps')}
          value={counts.gaps}
          hint={t('page.summary.gapsHint')}
          to={links?.gaps}
        />
      </Grid>
    </Grid>
  );
}
