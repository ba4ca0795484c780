import LinearProgress from '@material-ui/core/LinearProgress';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { CampaignCounts } from '@apiops-backstage/plugin-apiops-common';
import { apiopsCampaignsTranslationRef } from '../../campaignsTranslation';

const useStyles = makeStyles(theme => ({
  root: {
    minWidth: 140,
  },
  bar: {
    height: 8,
    borderRadius: 4,
    marginBottom: theme.spacing(0.5),
  },
}));

/**
 * How many APIs in scope meet the goal, as a bar with "37 of 42 APIs (88%)"
 * beside it (the bar is decoration; the text says it).
 */
export function CampaignProgressBar(props: {
  counts: CampaignCounts;
  /** No snapshot has evaluated the campaign yet. */
  pending?: boolean;
}) {
  const { counts, pending } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsCampaignsTranslationRef);
  if (pending) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('progress.notYet')}
      </Typography>
    );
  }
  if (counts.inScope === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('progress.none')}
      </Typography>
    );
  }
  const percent = Math.floor((counts.share ?? 0) * 100);
  return (
    <div className={classes.root}>
      <LinearProgress
        variant="determinate"
        value={percent}
        className={classes.bar}
        aria-hidden
      />
      <Typography variant="body2">
        {t('progress.of', {
          met: String(counts.met),
          inScope: String(counts.inScope),
          percent: String(percent),
        })}
      </Typography>
    </div>
  );
}
