import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { UNASSESSED_STATION } from '@apiops-backstage/plugin-apiops-common';
import { useApiMethodModel, useApiStatus, useStationLabels } from '../../hooks';
import { apiopsTranslationRef } from '../../translation';
import {
  GovernanceStatusText,
  SeverityStatus,
  Timestamp,
} from '../EntityApiOpsCommon';
import { ContentRoot } from '../ContentRoot';

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    alignItems: 'baseline',
    gap: theme.spacing(1.5, 2),
    margin: 0,
    '& dt': {
      ...theme.typography.overline,
      lineHeight: 1.5,
      color: theme.palette.text.secondary,
    },
    '& dd': {
      margin: 0,
      minWidth: 0,
    },
  },
  station: {
    fontWeight: theme.typography.fontWeightBold as number,
  },
  stage: {
    color: theme.palette.text.secondary,
  },
  freshness: {
    marginTop: theme.spacing(2),
  },
}));

/** The path of the APIOps tab of an entity, under its entity page. */
function useApiOpsTabLink(entityRef: string): string {
  const entityLink = useEntityRefLink();
  return `${entityLink(entityRef).replace(/\/$/, '')}/apiops`;
}

/**
 * A summary of the APIOps tab for the overview of an API entity page: its
 * station in its own cycle (the `apiops/cycle` annotation, else the default
 * cycle, as the tab), owner status and governance status, with a link to
 * the tab.
 *
 * @public
 */
export function EntityApiOpsCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const { method, error: methodError } = useApiMethodModel(entity);
  const { status, error: statusError } = useApiStatus(entityRef);
  const { label: stationTitle, stageLabel } = useStationLabels(method);
  const tabLink = useApiOpsTabLink(entityRef);

  let content;
  const error = (!status && statusError) || (!method && methodError);
  if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!status || !method) {
    content = <Progress />;
  } else {
    const { owner, governance } = status;
    const withheld = status.reportData === 'withheld';
    // As in the tab: a station of another cycle than the API's is no
    // station of it.
    const station =
      status.station.cycle === method.cycle
        ? status.station
        : { id: UNASSESSED_STATION, lifecycleStage: undefined };
    const stage =
      station.lifecycleStage ??
      method.stations.find(s => s.id === station.id)?.lifecycleStage;
    const gaps = owner.gaps;
    const worstGap = gaps?.some(gap => gap.severity === 'error')
      ? 'error'
      : 'warning';
    content = (
      <dl className={classes.facts}>
        <dt>{t('entityCard.station')}</dt>
        <dd>
          {station.id === UNASSESSED_STATION ? (
            <Typography variant="body2">
              <SeverityStatus severity="info">
                {t('entityCard.unassessed')}
              </SeverityStatus>
            </Typography>
          ) : (
            <Typography variant="body2">
              <span className={classes.station}>
                {stationTitle(station.id)}
              </span>
              {stage && (
                <span className={classes.stage}> · {stageLabel(stage)}</span>
              )}
            </Typography>
          )}
        </dd>
        <dt>{t('entityCard.owner')}</dt>
        <dd>
          <Typography variant="body2">
            {gaps === undefined && (
              <SeverityStatus severity="info">
                {withheld
                  ? t('entityCard.withheld')
                  : t('entityCard.notInSnapshot')}
              </SeverityStatus>
            )}
            {gaps?.length === 0 && (
              <SeverityStatus severity="ok">
                {t('entityCard.ownerOk')}
              </SeverityStatus>
            )}
            {gaps && gaps.length > 0 && (
              <SeverityStatus severity={worstGap}>
                {t('entityCard.ownerGaps', { count: gaps.length })}
              </SeverityStatus>
            )}
          </Typography>
        </dd>
        <dt>{t('entityCard.governance')}</dt>
        <dd>
          <Typography variant="body2">
            {governance ? (
              <>
                <GovernanceStatusText status={governance.status} />
                {governance.findings.length > 0 && (
                  <span className={classes.stage}>
                    {' '}
                    ·{' '}
                    {t('entityCard.findings', {
                      count: governance.findings.length,
                    })}
                  </span>
                )}
              </>
            ) : (
              <SeverityStatus severity="info">
                {withheld
                  ? t('entityCard.withheld')
                  : t('entityCard.notInSnapshot')}
              </SeverityStatus>
            )}
          </Typography>
        </dd>
      </dl>
    );
    const checkedAt = status.refreshedAt ?? status.snapshotAt;
    content = (
      <>
        {content}
        <Typography
          variant="caption"
          color="textSecondary"
          component="p"
          className={classes.freshness}
        >
          {checkedAt
            ? t('freshness.card', {
                time: <Timestamp time={status.computedAt} variant="relative" />,
                checked: <Timestamp time={checkedAt} variant="relative" />,
              })
            : t('freshness.cardLive', {
                time: <Timestamp time={status.computedAt} variant="relative" />,
              })}
        </Typography>
      </>
    );
  }

  return (
    <InfoCard
      title={t('entityCard.title')}
      variant="gridItem"
      deepLink={{ link: tabLink, title: t('entityCard.viewTab') }}
    >
      <ContentRoot>{content}</ContentRoot>
    </InfoCard>
  );
}
