import { FormEvent, useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  DISMISSAL_REASON_MAX_LENGTH,
  FragmentationCluster,
  FragmentationDismissal,
  FragmentationDismissalVerdict,
  dismissalVerdictsFor,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsApiRef } from '../../api';
import { apiopsTranslationRef } from '../../translation';

/**
 * The dialog that dismisses a cluster: a verdict (those the cluster's type
 * allows) and a reason, sent to the backend; the dismissal it stored is
 * handed to `onDismissed`. A refusal (403, a changed cluster) is shown in
 * the dialog, which stays open.
 */
export function DismissClusterDialog(props: {
  cluster: FragmentationCluster;
  open: boolean;
  onClose: () => void;
  onDismissed: (dismissal: FragmentationDismissal) => void;
}) {
  const { cluster, open, onClose, onDismissed } = props;
  const apiopsApi = useApi(apiopsApiRef);
  const { t } = useTranslationRef(apiopsTranslationRef);
  const verdicts = dismissalVerdictsFor(cluster.type);
  const [verdict, setVerdict] = useState<FragmentationDismissalVerdict>(
    verdicts[0],
  );
  const [reason, setReason] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();
  const trimmed = reason.trim();
  const valid =
    trimmed.length > 0 && trimmed.length <= DISMISSAL_REASON_MAX_LENGTH;
  const titleId = `apiops-dismiss-${cluster.id}-title`;
  const type = t(`fragmentation.types.${cluster.type}`);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid || submitting) return;
    setSubmitting(true);
    setError(undefined);
    try {
      const stored = await apiopsApi.dismissFragmentationCluster(cluster.id, {
        verdict,
        reason: trimmed,
      });
      onDismissed({
        verdict: stored.verdict,
        reason: stored.reason,
        dismissedBy: stored.dismissedBy,
        dismissedAt: stored.dismissedAt,
      });
      setReason('');
      onClose();
    } catch (e) {
      setError(
        t('fragmentation.dismissal.dialog.error', {
          message: (e as Error).message,
        }),
      );
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={submitting ? undefined : onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>
          {t('fragmentation.dismissal.dialog.title', { type })}
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            {t('fragmentation.dismissal.dialog.intro')}
          </DialogContentText>
          <FormControl component="fieldset" margin="normal">
            <FormLabel component="legend">
              {t('fragmentation.dismissal.dialog.verdict')}
            </FormLabel>
            <RadioGroup
              name="verdict"
              value={verdict}
              onChange={e =>
                setVerdict(e.target.value as FragmentationDismissalVerdict)
              }
            >
              {verdicts.map(option => (
                <FormControlLabel
                  key={option}
                  value={option}
                  control={<Radio />}
                  label={t(
                    `fragmentation.dismissal.dialog.verdictOptions.${option}`,
                  )}
                />
              ))}
            </RadioGroup>
          </FormControl>
          <TextField
            id={`apiops-dismiss-${cluster.id}-reason`}
            label={t('fragmentation.dismissal.dialog.reason')}
            helperText={t('fragmentation.dismissal.dialog.reasonHelp', {
              max: String(DISMISSAL_REASON_MAX_LENGTH),
            })}
            value={reason}
            onChange={e => setReason(e.target.value)}
            required
            multiline
            minRows={3}
            fullWidth
            variant="outlined"
            margin="normal"
            inputProps={{ maxLength: DISMISSAL_REASON_MAX_LENGTH }}
          />
          {error && <Alert severity="error">{error}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={submitting}>
            {t('fragmentation.dismissal.dialog.cancel')}
          </Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={!valid || submitting}
          >
            {t('fragmentation.dismissal.dialog.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
