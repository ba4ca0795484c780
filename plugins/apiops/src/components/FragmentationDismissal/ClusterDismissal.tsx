import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  FragmentationCluster,
  FragmentationDismissal,
  apiopsFragmentationDismissPermission,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsApiRef } from '../../api';
import { useTimeFormat } from '../../time';
import { apiopsTranslationRef } from '../../translation';
import { DismissClusterDialog } from './DismissClusterDialog';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.5, 1),
    marginTop: theme.spacing(1),
  },
  dismissed: {
    color: theme.palette.text.secondary,
    fontStyle: 'italic',
    overflowWrap: 'anywhere',
  },
}));

/**
 * The dismissal of a cluster: "Dismissed: <verdict> — <reason> (by, when)"
 * with an Undo button, or a Dismiss button that opens the dialog. The
 * buttons show only to users the policy allows
 * `apiops.fragmentation.dismiss`. `onChange` gets the new dismissal (none
 * after an undo).
 */
export function ClusterDismissal(props: {
  cluster: FragmentationCluster;
  /** The dismissal that applies now (the cluster's, or one made here). */
  dismissal?: FragmentationDismissal;
  onChange: (dismissal: FragmentationDismissal | undefined) => void;
}) {
  const { cluster, dismissal, onChange } = props;
  const classes = useStyles();
  const apiopsApi = useApi(apiopsApiRef);
  const time = useTimeFormat();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const { allowed } = usePermission({
    permission: apiopsFragmentationDismissPermission,
  });
  const [dialogOpen, setDialogOpen] = useState(false);
  const [undoing, setUndoing] = useState(false);
  const [error, setError] = useState<string>();
  const type = t(`fragmentation.types.${cluster.type}`);

  const undo = async () => {
    setUndoing(true);
    setError(undefined);
    try {
      await apiopsApi.undoFragmentationDismissal(cluster.id);
      onChange(undefined);
    } catch (e) {
      setError(
        t('fragmentation.dismissal.undoError', {
          message: (e as Error).message,
        }),
      );
    } finally {
      setUndoing(false);
    }
  };

  if (dismissal) {
    return (
      <div className={classes.root}>
        <Typography variant="body2" className={classes.dismissed}>
          {t('fragmentation.dismissal.dismissed', {
            verdict: t(`fragmentation.dismissal.verdicts.${dismissal.verdict}`),
            reason: dismissal.reason,
            by: dismissal.dismissedBy,
            when: time.absolute(dismissal.dismissedAt),
          })}
        </Typography>
        {allowed && (
          <Button
            size="small"
            onClick={undo}
            disabled={undoing}
            aria-label={t('fragmentation.dismissal.undoLabel', { type })}
          >
            {t('fragmentation.dismissal.undo')}
          </Button>
        )}
        {error && <Alert severity="error">{error}</Alert>}
      </div>
    );
  }
  if (!allowed) {
    return null;
  }
  return (
    <div className={classes.root}>
      <Button
        size="small"
        variant="outlined"
        onClick={() => setDialogOpen(true)}
        aria-label={t('fragmentation.dismissal.dismissLabel', { type })}
      >
        {t('fragmentation.dismissal.dismiss')}
      </Button>
      {dialogOpen && (
        <DismissClusterDialog
          cluster={cluster}
          open={dialogOpen}
          onClose={() => setDialogOpen(false)}
          onDismissed={onChange}
        />
      )}
    </div>
  );
}
