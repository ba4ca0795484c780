import CheckCircleOutline from '@material-ui/icons/CheckCircleOutline';
import ErrorOutline from '@material-ui/icons/ErrorOutline';
import InfoOutlined from '@material-ui/icons/InfoOutlined';
import ReportProblemOutlined from '@material-ui/icons/ReportProblemOutlined';
import { makeStyles } from '@material-ui/core/styles';
import { SeverityTone, severityColor } from '../colors';

const ICONS = {
  ok: CheckCircleOutline,
  info: InfoOutlined,
  warning: ReportProblemOutlined,
  error: ErrorOutline,
} as const;

const useStyles = makeStyles(theme => ({
  icon: {
    flexShrink: 0,
    position: 'relative',
    top: '0.125em',
    width: '1em',
    height: '1em',
    marginRight: theme.spacing(0.75),
  },
  // The icons fill with the current colour.
  ok: { color: severityColor(theme, 'ok') },
  info: { color: severityColor(theme, 'info') },
  warning: { color: severityColor(theme, 'warning') },
  error: { color: severityColor(theme, 'error') },
}));

/**
 * The icon of a severity, in its colour of the theme (`SEVERITY_COLORS`,
 * 4.5:1 or more on paper and page, where Backstage's status icons read at
 * 2.0–2.9:1), each severity with a shape of its own so that colour is not
 * the only sign. With `label`, an image of that name; without, decoration
 * beside a text that says the same.
 */
export function SeverityIcon(props: { tone: SeverityTone; label?: string }) {
  const { tone, label } = props;
  const classes = useStyles();
  const known = tone in ICONS ? tone : 'info';
  const Icon = ICONS[known];
  // MUI's icons are hidden from assistive technology unless they have a
  // title, which makes them an image of that name.
  return (
    <Icon
      className={`${classes.icon} ${classes[known]}`}
      titleAccess={label}
      data-severity={tone}
    />
  );
}
