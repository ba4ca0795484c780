import { useCallback, useState } from 'react';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import { makeStyles } from '@material-ui/core/styles';
import RefreshIcon from '@material-ui/icons/Refresh';
import Alert from '@material-ui/lab/Alert';
import { parseEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  apiopsSnapshotRefreshPermission,
  type ApiRefreshResult,
  type ApiStatus,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsApiRef } from '../../api';
import { apiopsTranslationRef } from '../../translation';
import { errorMessage } from '../AssessmentForm/assessmentOutcome';
import { Timestamp } from '../EntityApiOpsCommon';
import { factGrid } from '../factGrid';
import { useFocusRingStyles } from '../focusRing';

const useStyles = makeStyles(theme => ({
  facts: factGrid(theme, { rowGap: 1, marginTop: 0 }),
  alert: {
    marginTop: theme.spacing(2),
  },
  actions: {
    marginTop: theme.spacing(2),
  },
}));

/** What the last refresh from this card gave. */
type RefreshState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; result: ApiRefreshResult }
  | { status: 'error'; message: string };

/** When the next snapshot starts, as the facts show it. */
function NextSnapshotValue(props: { at?: string }) {
  const { t } = useTranslationRef(apiopsTranslationRef);
  if (!props.at) {
    return <>{t('refresh.nextSnapshotUnknown')}</>;
  }
  if (Date.parse(props.at) <= Date.now()) {
    return <>{t('refresh.nextSnapshotDue')}</>;
  }
  return <Timestamp time={props.at} />;
}

/**
 * What the reports (the APIOps page, the group tabs, the catalog labels)
 * show of an API and since when, beside what this tab computes now: after
 * an assessment is recorded (`recordedAt`), when the reports will show it
 * (the next scheduled snapshot). Users allowed `apiops.snapshot.refresh` on
 * the API may refresh its part of the reports at once; the card then says
 * when it was computed.
 */
export function ApiReportsCard(props: {
  entityRef: string;
  status: ApiStatus;
  /** When an assessment was recorded from this tab, if one was. */
  recordedAt?: string;
  /** Called after a refresh, with its answer, to show the new status. */
  onRefreshed: (result: ApiRefreshResult) => void;
}) {
  const { entityRef, status, recordedAt, onRefreshed } = props;
  const classes = useStyles();
  const focus = useFocusRingStyles();
  const apiopsApi = useApi(apiopsApiRef);
  const { t } = useTranslationRef(apiopsTranslationRef);
  const permission = usePermission({
    permission: apiopsSnapshotRefreshPermission,
    resourceRef: entityRef,
  });
  const [state, setState] = useState<RefreshState>({ status: 'idle' });

  const refresh = useCallback(async () => {
    setState({ status: 'running' });
    try {
      const result = await apiopsApi.refreshApi(parseEntityRef(entityRef));
      setState({ status: 'done', result });
      onRefreshed(result);
    } catch (error) {
      // The server's own words: "No snapshot has succeeded yet…".
      setState({ status: 'error', message: errorMessage(error) });
    }
  }, [apiopsApi, entityRef, onRefreshed]);

  const canRefresh = permission.allowed;
  const reportsAt = status.refreshedAt ?? status.snapshotAt;
  // Only an assessment recorded after the reports were computed is missing
  // from them.
  const recordedSince =
    recordedAt &&
    (!reportsAt || Date.parse(recordedAt) > Date.parse(reportsAt));

  let recordedText;
  if (!status.nextSnapshotAt) {
    recordedText = t('refresh.recordedUnknown');
  } else if (Date.parse(status.nextSnapshotAt) <= Date.now()) {
    recordedText = t('refresh.recordedDue');
  } else {
    recordedText = t('refresh.recorded', {
      time: <Timestamp time={status.nextSnapshotAt} variant="relative" />,
    });
  }

  return (
    <InfoCard
      title={t('refresh.title')}
      subheader={t('refresh.subheader')}
      variant="gridItem"
      className={focus.within}
    >
      <dl className={classes.facts}>
        <dt>{t('refresh.thisTab')}</dt>
        <dd>
          {t('refresh.thisTabValue', {
            time: <Timestamp time={status.computedAt} variant="relative" />,
          })}
        </dd>
        <dt>{t('refresh.reports')}</dt>
        <dd>
          {status.refreshedAt &&
            t('refresh.fromRefresh', {
              time: <Timestamp time={status.refreshedAt} />,
            })}
          {!status.refreshedAt &&
            status.snapshotAt &&
            t('refresh.fromSnapshot', {
              time: <Timestamp time={status.snapshotAt} />,
            })}
          {!reportsAt && t('refresh.notInSnapshot')}
        </dd>
        {status.snapshotAt && status.reportData !== 'withheld' && (
          <>
            <dt>{t('refresh.fragmentation')}</dt>
            <dd>
              {t('refresh.fragmentationValue', {
                time: <Timestamp time={status.snapshotAt} variant="relative" />,
              })}
            </dd>
          </>
        )}
        <dt>{t('refresh.nextSnapshot')}</dt>
        <dd>
          <NextSnapshotValue at={status.nextSnapshotAt} />
        </dd>
      </dl>
      {recordedSince && state.status !== 'done' && (
        <Alert severity="info" className={classes.alert} role="status">
          {recordedText}
          {canRefresh && <> {t('refresh.recordedCanRefresh')}</>}
        </Alert>
      )}
      {state.status === 'done' && (
        <Alert
          severity={state.result.outcome === 'applied' ? 'success' : 'info'}
          className={classes.alert}
          role="status"
          onClose={() => setState({ status: 'idle' })}
        >
          {state.result.outcome === 'applied'
            ? t('refresh.refreshed', {
                time: (
                  <Timestamp
                    time={
                      state.result.status.refreshedAt ??
                      state.result.status.computedAt
                    }
                  />
                ),
              })
            : t('refresh.superseded')}
        </Alert>
      )}
      {state.status === 'error' && (
        <Alert
          severity="error"
          className={classes.alert}
          onClose={() => setState({ status: 'idle' })}
        >
          {t('refresh.error', { message: state.message })}
        </Alert>
      )}
      {canRefresh && (
        <div className={classes.actions}>
          <Button
            variant="outlined"
            color="primary"
            disabled={state.status === 'running'}
            onClick={refresh}
            startIcon={
              state.status === 'running' ? (
                <CircularProgress size={16} />
              ) : (
                <RefreshIcon />
              )
            }
          >
            {state.status === 'running'
              ? t('refresh.refreshing')
              : t('refresh.button')}
          </Button>
        </div>
      )}
    </InfoCard>
  );
}
