import { useId } from 'react';
import Paper from '@material-ui/core/Paper';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { secondaryTextColor } from '../colors';

const useStyles = makeStyles(theme => ({
  tile: {
    height: '100%',
    padding: theme.spacing(2),
    borderTop: `4px solid ${theme.palette.divider}`,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
  },
  // Solid secondary text: it keeps 4.5:1 on the hover background too.
  label: {
    color: secondaryTextColor(theme),
    fontWeight: theme.typography.fontWeightMedium as number,
    lineHeight: 1.3,
  },
  value: {
    fontSize: '2rem',
    lineHeight: 1.1,
    fontWeight: theme.typography.fontWeightBold as number,
    fontVariantNumeric: 'tabular-nums',
  },
  hint: {
    color: secondaryTextColor(theme),
  },
  link: {
    display: 'block',
    height: '100%',
    color: 'inherit',
    borderRadius: theme.shape.borderRadius,
    '&:hover $tile, &:focus-visible $tile': {
      backgroundColor: theme.palette.action.hover,
    },
    // Backstage's link colour on hover must not reach the tile's text.
    '&:hover $label, &:focus-visible $label, &:hover $hint, &:focus-visible $hint':
      {
        color: secondaryTextColor(theme),
      },
  },
}));

/**
 * One key figure: a label, a big number and an optional hint, with an
 * optional accent colour on top. A labelled group for assistive technology;
 * with `to`, a link to the list behind the figure (a report filtered to
 * it), named by its label.
 */
export function KpiTile(props: {
  label: string;
  value: number;
  hint?: string;
  accent?: string;
  /** Where the tile leads: the list behind the figure. */
  to?: string;
}) {
  const { label, value, hint, accent, to } = props;
  const classes = useStyles();
  const labelId = useId();
  const tile = (
    <Paper
      role="group"
      aria-labelledby={labelId}
      className={classes.tile}
      style={accent ? { borderTopColor: accent } : undefined}
    >
      <Typography id={labelId} variant="body2" className={classes.label}>
        {label}
      </Typography>
      <Typography component="p" className={classes.value}>
        {value.toLocaleString()}
      </Typography>
      {hint && (
        <Typography variant="caption" className={classes.hint}>
          {hint}
        </Typography>
      )}
    </Paper>
  );
  return to ? (
    <Link to={to} underline="none" className={classes.link}>
      {tile}
    </Link>
  ) : (
    tile
  );
}
