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

const useStyles = makeStyles(theme => ({
  chip: {
    margin: 0,
    fontWeight: theme.typography.fontWeightMedium as number,
  },
  error: {
    color: theme.palette.error.main,
    borderColor: theme.palette.error.main,
    '& $icon': { color: theme.palette.error.main },
  },
  warning: {
    color: theme.palette.warning.main,
    borderColor: theme.palette.warning.main,
    '& $icon': { color: theme.palette.warning.main },
  },
  info: {
    color: theme.palette.info.main,
    borderColor: theme.palette.info.main,
    '& $icon': { color: theme.palette.info.main },
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
