import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import CheckCircleOutlineIcon from '@material-ui/icons/CheckCircleOutline';
import ErrorOutlineIcon from '@material-ui/icons/ErrorOutline';
import InfoOutlinedIcon from '@material-ui/icons/InfoOutlined';
import ReportProblemOutlinedIcon from '@material-ui/icons/ReportProblemOutlined';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { ChangeClass } from '@apiops-backstage/plugin-apiops-common';
import { apiopsChangesTranslationRef } from '../../changesTranslation';
import { CHANGE_CLASS_TONES, severityColor, SeverityTone } from '../colors';

function toneStyle(theme: Theme, tone: SeverityTone) {
  const color = severityColor(theme, tone);
  return { color, borderColor: color, '& svg': { color } };
}

const useStyles = makeStyles(theme => ({
  chip: {
    margin: 0,
    fontWeight: theme.typography.fontWeightMedium as number,
    backgroundColor: 'transparent',
  },
  error: toneStyle(theme, 'error'),
  warning: toneStyle(theme, 'warning'),
  info: toneStyle(theme, 'info'),
  ok: toneStyle(theme, 'ok'),
}));

const ICONS: Record<SeverityTone, typeof ErrorOutlineIcon> = {
  error: ErrorOutlineIcon,
  warning: ReportProblemOutlinedIcon,
  info: InfoOutlinedIcon,
  ok: CheckCircleOutlineIcon,
};

/**
 * A change class as an outlined chip in the class's severity colour (each
 * reads at 4.5:1 on both themes, see `colors.ts`) with an icon, so that the
 * class does not rest on colour alone; with `count`, how many changes of
 * the class.
 */
export function ChangeClassChip(props: {
  changeClass: ChangeClass;
  count?: number;
}) {
  const { changeClass, count } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsChangesTranslationRef);
  const severity = CHANGE_CLASS_TONES[changeClass] ?? 'info';
  const Icon = ICONS[severity];
  const name = t(`classes.${changeClass}`) ?? changeClass;
  return (
    <Chip
      // Phrasing content: the chip may sit in a heading.
      component="span"
      size="small"
      variant="outlined"
      className={`${classes.chip} ${classes[severity]}`}
      icon={<Icon fontSize="small" />}
      label={
        count === undefined
          ? name
          : t('classCount', { class: name, n: String(count) })
      }
      data-change-class={changeClass}
    />
  );
}
