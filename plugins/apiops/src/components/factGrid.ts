import { Theme } from '@material-ui/core/styles';
import type { CSSProperties } from '@material-ui/core/styles/withStyles';

/**
 * The style of a definition list of facts: terms in a column of their own,
 * secondary; values beside them, wrapping anywhere.
 */
export function factGrid(
  theme: Theme,
  options: { rowGap: number; marginTop: number },
): CSSProperties {
  return {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    gap: theme.spacing(options.rowGap, 1.5),
    margin: theme.spacing(options.marginTop, 0, 0),
    '& dt': {
      ...theme.typography.body2,
      color: theme.palette.text.secondary,
    },
    '& dd': {
      ...theme.typography.body2,
      margin: 0,
      overflowWrap: 'anywhere',
    },
  };
}
