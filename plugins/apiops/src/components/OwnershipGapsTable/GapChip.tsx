import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import Tooltip from '@material-ui/core/Tooltip';
import ErrorOutlineIcon from '@material-ui/icons/ErrorOutline';
import InfoOutlinedIcon from '@material-ui/icons/InfoOutlined';
import ReportProblemOutlinedIcon from '@material-ui/icons/ReportProblemOutlined';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type {
  FindingSeverity,
  OwnerGapType,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsTranslationRef } from '../../translation';
import { severityColor } from '../colors';

const useStyles = makeStyles(theme => ({
  chip: {
    margin: 0,
    fontWeight: theme.typography.fontWeightMedium as number,
  },
  error: {
    color: severityColor(theme, 'error'),
    borderColor: severityColor(theme, 'error'),
    '& $icon': { color: severityColor(theme, 'error') },
  },
  warning: {
    color: severityColor(theme, 'warning'),
    borderColor: severityColor(theme, 'warning'),
    '& $icon': { color: severityColor(theme, 'warning') },
  },
  info: {
    color: severityColor(theme, 'info'),
    borderColor: severityColor(theme, 'info'),
    '& $icon': { color: severityColor(theme, 'info') },
  },
  icon: {},
  visuallyHidden: {
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
}));

const ICONS = {
  error: ErrorOutlineIcon,
  warning: ReportProblemOutlinedIcon,
  info: InfoOutlinedIcon,
};

/**
 * An ownership gap as a chip: its type, coloured and iconed by severity;
 * the severity and the message are in the tooltip and the accessible name.
 */
export function GapChip(props: {
  type: OwnerGapType;
  severity: FindingSeverity;
  message?: string;
}) {
  const { type, severity, message } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const Icon = ICONS[severity] ?? InfoOutlinedIcon;
  const label = t(`page.gapTypes.${type}`) ?? type;
  const severityLabel = t(`page.severity.${severity}`);
  const chip = (
    <Chip
      size="small"
      variant="outlined"
      className={`${classes.chip} ${classes[severity] ?? ''}`}
      icon={<Icon className={classes.icon} />}
      tabIndex={message ? 0 : undefined}
      label={
        <>
          {label}
          <span className={classes.visuallyHidden}> ({severityLabel})</span>
        </>
      }
    />
  );
  return (
    <Tooltip title={message ? `${severityLabel}: ${message}` : severityLabel}>
      {chip}
    </Tooltip>
  );
}
