import Grid from '@material-ui/core/Grid';
import { useTheme } from '@material-ui/core/styles';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  FRAGMENTATION_TYPES,
  SnapshotCounts,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsTranslationRef } from '../../translation';
import { KpiTile } from '../SummaryKpis';
import { countFragmentation } from './fragmentationCounts';

/**
 * The fragmentation figures of a snapshot: all clusters, then the clusters
 * of each type with what the type means.
 */
export function FragmentationKpis(props: {
  counts: Pick<SnapshotCounts, 'byFragmentationType'>;
}) {
  const { counts } = props;
  const theme = useTheme();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const total = countFragmentation(counts);

  return (
    <Grid container spacing={2}>
      <Grid item xs={6} sm={4} lg={2}>
        <KpiTile
          label={t('fragmentation.kpis.total')}
          value={total}
          hint={t('fragmentation.kpis.totalHint')}
          accent={total > 0 ? theme.palette.warning.main : undefined}
        />
      </Grid>
      {FRAGMENTATION_TYPES.map(type => (
        <Grid key={type} item xs={6} sm={4} lg={2}>
          <KpiTile
            label={t(`fragmentation.kpis.byType.${type}`)}
            value={counts.byFragmentationType?.[type] ?? 0}
            hint={t(`fragmentation.kpis.hints.${type}`)}
          />
        </Grid>
      ))}
    </Grid>
  );
}
