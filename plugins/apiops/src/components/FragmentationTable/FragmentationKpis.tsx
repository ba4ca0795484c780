import Grid from '@material-ui/core/Grid';
import { useTheme } from '@material-ui/core/styles';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  FRAGMENTATION_TYPES,
  FragmentationType,
  ReportSummary,
  SnapshotCounts,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsTranslationRef } from '../../translation';
import { KpiTile } from '../SummaryKpis';
import { severityColor } from '../colors';
import { countFragmentation } from './fragmentationCounts';

/**
 * The fragmentation figures of a snapshot: all open clusters, then the
 * clusters of each type with what the type means, then the dismissed ones
 * (counted apart: the others leave them out).
 */
export function FragmentationKpis(props: {
  counts: Pick<SnapshotCounts, 'byFragmentationType'> &
    Partial<Pick<ReportSummary, 'dismissedByFragmentationType'>>;
  /** The list behind a tile: the clusters of a type, or all of them. */
  linkOf?: (type?: FragmentationType) => string;
}) {
  const { linkOf } = props;
  const { counts } = props;
  const theme = useTheme();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const total = countFragmentation(counts);
  const dismissed = countFragmentation({
    byFragmentationType: counts.dismissedByFragmentationType,
  });

  return (
    <Grid container spacing={2}>
      <Grid item xs={6} sm={4} lg={2}>
        <KpiTile
          label={t('fragmentation.kpis.total')}
          value={total}
          hint={t('fragmentation.kpis.totalHint')}
          accent={total > 0 ? severityColor(theme, 'warning') : undefined}
          to={linkOf?.()}
        />
      </Grid>
      {FRAGMENTATION_TYPES.map(type => (
        <Grid key={type} item xs={6} sm={4} lg={2}>
          <KpiTile
            label={t(`fragmentation.kpis.byType.${type}`)}
            value={counts.byFragmentationType?.[type] ?? 0}
            hint={t(`fragmentation.kpis.hints.${type}`)}
            to={linkOf?.(type)}
          />
        </Grid>
      ))}
      {dismissed > 0 && (
        <Grid item xs={6} sm={4} lg={2}>
          <KpiTile
            label={t('fragmentation.dismissal.kpi')}
            value={dismissed}
            hint={t('fragmentation.dismissal.kpiHint')}
          />
        </Grid>
      )}
    </Grid>
  );
}
