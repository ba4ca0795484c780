import { makeStyles, Theme } from '@material-ui/core/styles';
import type { CSSProperties } from '@material-ui/core/styles/withStyles';
import { focusColor } from './colors';

/**
 * The outline of a focused element: 3px in the theme's focus colour, which
 * stands out at 3:1 on both Backstage themes, a little off the element.
 */
export function focusRing(theme: Theme): CSSProperties {
  return {
    outline: `3px solid ${focusColor(theme)}`,
    outlineOffset: 2,
  };
}

/**
 * Styles for a container that shows the focus ring on every link, button
 * and focusable element inside it when focused from the keyboard (MUI's
 * buttons mark that with `Mui-focusVisible`, accordion headers with
 * `Mui-focused`).
 */
export function focusRingWithin(theme: Theme): CSSProperties {
  const ring = focusRing(theme);
  return {
    '& a:focus-visible, & button:focus-visible, & [tabindex]:focus-visible, & .Mui-focusVisible, & .MuiAccordionSummary-root.Mui-focused':
      ring,
  };
}

/**
 * A class for containers of links and buttons: the focus ring on each of
 * them (see `focusRingWithin`).
 */
export const useFocusRingStyles = makeStyles(theme => ({
  within: focusRingWithin(theme),
}));
