import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { CampaignState } from '@apiops-backstage/plugin-apiops-common';
import { apiopsCampaignsTranslationRef } from '../../campaignsTranslation';
import { SeverityTone, severityColor } from '../colors';

const TONES: Record<CampaignState, SeverityTone | undefined> = {
  upcoming: undefined,
  active: 'info',
  'due-soon': 'warning',
  overdue: 'error',
  achieved: 'ok',
};

const useStyles = makeStyles(theme => ({
  chip: {
    margin: 0,
    fontWeight: theme.typography.fontWeightMedium as number,
  },
  info: {
    color: severityColor(theme, 'info'),
    borderColor: severityColor(theme, 'info'),
  },
  warning: {
    color: severityColor(theme, 'warning'),
    borderColor: severityColor(theme, 'warning'),
  },
  error: {
    color: severityColor(theme, 'error'),
    borderColor: severityColor(theme, 'error'),
  },
  ok: {
    color: severityColor(theme, 'ok'),
    borderColor: severityColor(theme, 'ok'),
  },
}));

/** Where a campaign stands, as an outlined chip in the colour of its urgency. */
export function CampaignStateChip(props: { state: CampaignState }) {
  const { state } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsCampaignsTranslationRef);
  const tone = TONES[state];
  return (
    <Chip
      size="small"
      variant="outlined"
      label={t(`states.${state}`)}
      className={`${classes.chip} ${tone ? classes[tone] : ''}`}
    />
  );
}
