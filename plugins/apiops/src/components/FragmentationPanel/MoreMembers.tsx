import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { ClusterMembersState } from '../../hooks/useClusterMembers';
import { apiopsTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  more: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(0.5),
  },
}));

/**
 * Under the members a cluster lists (at most `CLUSTER_MEMBERS_MAX`): how
 * many it has in all, and a button that loads the rest. Nothing when the
 * cluster lists all its members from the start.
 */
export function MoreMembers(props: {
  state: ClusterMembersState;
  /** Whether the cluster listed fewer members than it has. */
  capped: boolean;
}) {
  const { state, capped } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  if (!capped) {
    return null;
  }
  return (
    <div className={classes.more}>
      <Typography variant="body2" color="textSecondary" component="span">
        {t('fragmentation.members.count', { count: state.memberCount })}
      </Typography>
      {state.hasMore && (
        <Button
          size="small"
          color="primary"
          variant="outlined"
          disabled={state.loading}
          onClick={state.loadAll}
        >
          {t('fragmentation.members.showAll', {
            total: state.memberCount.toLocaleString(),
          })}
        </Button>
      )}
      {state.loading && (
        <CircularProgress
          size={16}
          aria-label={t('fragmentation.members.loading')}
        />
      )}
      {state.error && (
        <Typography variant="body2" color="error" role="alert">
          {t('fragmentation.members.error', { message: state.error.message })}
        </Typography>
      )}
    </div>
  );
}
