import { ReactNode } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import { focusRingWithin } from './focusRing';
import { readableText } from './readableText';

const useStyles = makeStyles(theme => ({
  root: {
    ...readableText(theme),
    ...focusRingWithin(theme),
  },
}));

/** The attribute that marks the roots of the plugin's contents. */
export const CONTENT_ROOT_ATTRIBUTE = 'data-apiops-content';

/**
 * The props of a root of the plugin's contents (the tabs, the page, the
 * card), to spread on its outermost element: secondary text in a colour
 * that reads at WCAG AA on both themes (`readableText`) and the focus ring
 * on everything focusable inside, and the `data-apiops-content` mark, which
 * the browser tests' accessibility check scans.
 */
export function useContentRoot(): {
  className: string;
  [CONTENT_ROOT_ATTRIBUTE]: '';
} {
  const classes = useStyles();
  return { className: classes.root, [CONTENT_ROOT_ATTRIBUTE]: '' };
}

/** A root of the plugin's content as an element of its own (a `div`). */
export function ContentRoot(props: { children: ReactNode }) {
  const root = useContentRoot();
  return <div {...root}>{props.children}</div>;
}
