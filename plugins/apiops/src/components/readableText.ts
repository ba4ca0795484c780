import { Theme } from '@material-ui/core/styles';
import type { CSSProperties } from '@material-ui/core/styles/withStyles';
import { secondaryTextColor } from './colors';

/**
 * Material UI's parts that draw their text in the theme's secondary text
 * colour, as long as they are not focused, in error or disabled (disabled
 * controls need no contrast under WCAG; the others have colours of their
 * own).
 */
const SECONDARY_TEXT_SELECTORS = [
  '.MuiTypography-colorTextSecondary',
  '.MuiFormLabel-root:not(.Mui-focused):not(.Mui-error):not(.Mui-disabled)',
  '.MuiFormHelperText-root:not(.Mui-error):not(.Mui-disabled)',
  '.MuiTab-textColorPrimary:not(.Mui-selected):not(.Mui-disabled)',
  '.MuiTableSortLabel-root:not(.MuiTableSortLabel-active):hover',
  '.MuiTableCell-footer',
];

/**
 * Styles for a root of the plugin's content: secondary text inside it in
 * the plugin's solid secondary colour (`SECONDARY_TEXT_COLORS`), which
 * reads at 4.5:1 or more on the page and on paper in both Backstage
 * themes, where the themes' see-through grey does not (4.47:1 on the light
 * page). The plugin's own styles use `secondaryTextColor` directly.
 */
export function readableText(theme: Theme): CSSProperties {
  const color = secondaryTextColor(theme);
  return {
    [SECONDARY_TEXT_SELECTORS.map(selector => `& ${selector}`).join(', ')]: {
      color,
    },
  };
}
