import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  ApiStatus,
  MethodModel,
  UNASSESSED_STATION,
} from '@apiops-backstage/plugin-apiops-common';
import { useStationLabels } from '../../hooks';
import { apiopsTranslationRef } from '../../translation';
import { MetroMap } from '../MetroMap';

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1, 4),
    margin: theme.spacing(0, 0, 2),
    '& > div': {
      minWidth: 0,
    },
    '& dt': {
      ...theme.typography.overline,
      lineHeight: 1.5,
      color: theme.palette.text.secondary,
    },
    '& dd': {
      margin: 0,
    },
  },
  station: {
    fontWeight: theme.typography.fontWeightBold as number,
  },
  alert: {
    marginBottom: theme.spacing(2),
  },
}));

/**
 * Where the API stands: its station, stage and where the station comes from,
 * any disagreement between assessment and annotation, and the metro map.
 */
export function StationCard(props: { method: MethodModel; status: ApiStatus }) {
  const { method, status } = props;
  const { station } = status;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const { label: stationTitle, stageLabel } = useStationLabels(method);
  const unassessed = station.id === UNASSESSED_STATION;
  const stage =
    station.lifecycleStage ??
    method.stations.find(s => s.id === station.id)?.lifecycleStage;
  const cycleTitle =
    method.cycles.find(cycle => cycle.id === method.cycle)?.title ??
    method.cycle;

  return (
    <InfoCard title={t('entityContent.metroMap.title')} subheader={cycleTitle}>
      <dl className={classes.facts}>
        <div>
          <dt>{t('entityContent.metroMap.station')}</dt>
          <dd>
            {unassessed ? (
              <Chip
                size="small"
                variant="outlined"
                label={t('entityContent.metroMap.unassessedTitle')}
              />
            ) : (
              <Typography variant="body1" className={classes.station}>
                {stationTitle(station.id)}
              </Typography>
            )}
          </dd>
        </div>
        {stage && (
          <div>
            <dt>{t('entityContent.metroMap.stage')}</dt>
            <dd>
              <Typography variant="body1">{stageLabel(stage)}</Typography>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('entityContent.metroMap.source')}</dt>
          <dd>
            <Typography variant="body1">
              {t(`entityContent.metroMap.sources.${station.source}`)}
            </Typography>
          </dd>
        </div>
        <div>
          <dt>{t('entityContent.metroMap.catalogLifecycle')}</dt>
          <dd>
            <Typography variant="body1">
              {status.lifecycle ?? t('entityContent.metroMap.notSet')}
            </Typography>
          </dd>
        </div>
      </dl>

      {unassessed && (
        <Alert severity="info" className={classes.alert}>
          <AlertTitle>{t('entityContent.metroMap.unassessedTitle')}</AlertTitle>
          {t('entityContent.metroMap.unassessedDescription')}
        </Alert>
      )}
      {station.conflict && (
        <Alert severity="warning" className={classes.alert}>
          <AlertTitle>{t('entityContent.metroMap.conflictTitle')}</AlertTitle>
          {t('entityContent.metroMap.conflict', {
            assessment: stationTitle(station.conflict.assessment),
            annotation: stationTitle(station.conflict.annotation),
          })}
        </Alert>
      )}

      <MetroMap method={method} stationId={station.id} />
    </InfoCard>
  );
}
