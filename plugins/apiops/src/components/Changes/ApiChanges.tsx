import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { InfoCard, Progress } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { apiopsChangesTranslationRef } from '../../changesTranslation';
import { useApiChangeHistory } from '../../hooks';
import { Timestamp } from '../EntityApiOpsCommon';
import { useFocusRingStyles } from '../focusRing';
import { SnapshotFreshness } from '../Freshness';
import { ChangeEventItem } from './ChangeEventItem';
import { DeprecationList } from './DeprecationList';

/** Change events per page of an API's timeline. */
export const API_CHANGES_PAGE_SIZE = 10;

const useStyles = makeStyles(theme => ({
  freshness: {
    marginBottom: theme.spacing(2),
  },
  timeline: {
    listStyle: 'none',
    margin: theme.spacing(1, 0, 0, 0.75),
    padding: 0,
  },
  older: {
    marginTop: theme.spacing(2),
  },
}));

/**
 * The Changes section of an API's APIOps tab: what of the API is
 * deprecated (with sunset dates), and the timeline of the changes of its
 * definition the snapshots found, newest first, a page at a time; each
 * event's changes breaking first, and the consumers a breaking change
 * affects. Says why it is empty: no snapshot has seen the API, or nothing
 * changed since the baseline.
 */
export function ApiChanges(props: { entityRef: string }) {
  const { entityRef } = props;
  const classes = useStyles();
  const focus = useFocusRingStyles();
  const { t } = useTranslationRef(apiopsChangesTranslationRef);
  const { history, events, loading, error, hasMore, loadOlder } =
    useApiChangeHistory(entityRef, { pageSize: API_CHANGES_PAGE_SIZE });

  let body;
  if (!history && error) {
    const status =
      error instanceof ResponseError ? error.statusCode : undefined;
    let message;
    if (status === 403) {
      message = t('apiTab.withheld');
    } else if (status === 404) {
      // The change detection is off, or the API is not in the catalog: the
      // backend's message says which.
      message = t('apiTab.unavailable', {
        message: (error as ResponseError).body?.error?.message ?? error.message,
      });
    } else {
      message = t('apiTab.error', { message: error.message });
    }
    body = (
      <Alert severity={status === 403 || status === 404 ? 'info' : 'error'}>
        {message}
      </Alert>
    );
  } else if (!history) {
    body = <Progress />;
  } else {
    let empty;
    if (events.length === 0) {
      if (history.baselineAt) {
        empty = t('apiTab.noChange', {
          time: <Timestamp time={history.baselineAt} />,
        });
      } else {
        // No snapshot has seen the API's definition yet (none ran since it
        // came into the catalog): it has no baseline to compare with.
        empty = t('apiTab.notSeen');
      }
    }
    body = (
      <>
        <SnapshotFreshness
          snapshot={history.snapshot}
          refreshedAt={false}
          className={classes.freshness}
        />
        <DeprecationList deprecations={history.deprecations ?? []} />
        {empty ? (
          <Typography variant="body2" data-testid="apiops-changes-empty">
            {empty}
          </Typography>
        ) : (
          <>
            {history.baselineAt && (
              <Typography variant="body2" color="textSecondary">
                {t('apiTab.baseline', {
                  time: <Timestamp time={history.baselineAt} />,
                })}
              </Typography>
            )}
            <ol
              className={classes.timeline}
              aria-label={t('apiTab.timelineLabel')}
            >
              {events.map(event => (
                <ChangeEventItem key={event.id} event={event} />
              ))}
            </ol>
          </>
        )}
        {error && (
          <Alert severity="error" className={classes.older}>
            {t('apiTab.error', { message: error.message })}
          </Alert>
        )}
        {hasMore && (
          <Button
            variant="outlined"
            className={classes.older}
            disabled={loading}
            onClick={loadOlder}
            startIcon={loading ? <CircularProgress size={16} /> : undefined}
          >
            {loading ? t('apiTab.loadingOlder') : t('apiTab.older')}
          </Button>
        )}
      </>
    );
  }

  return (
    <InfoCard
      className={focus.within}
      title={t('apiTab.title')}
      subheader={t('apiTab.subheader')}
      variant="gridItem"
    >
      <div data-testid="apiops-changes">{body}</div>
    </InfoCard>
  );
}
