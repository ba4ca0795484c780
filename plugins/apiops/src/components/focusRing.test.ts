import { themes } from '@backstage/theme';
import { Theme } from '@material-ui/core/styles';
import { FOCUS_COLORS } from './colors';
import { focusRing, focusRingWithin } from './focusRing';

describe('focusRing', () => {
  it.each([
    ['light', themes.light.getTheme('v4') as Theme],
    ['dark', themes.dark.getTheme('v4') as Theme],
  ] as const)(
    'outlines focused elements in the %s theme’s focus colour',
    (kind, theme) => {
      expect(focusRing(theme)).toEqual({
        outline: `3px solid ${FOCUS_COLORS[kind]}`,
        outlineOffset: 2,
      });
      const [selectors, ring] = Object.entries(focusRingWithin(theme))[0];
      expect(ring).toEqual(focusRing(theme));
      // Links, buttons, keyboard-focused MUI buttons and accordion headers.
      for (const selector of [
        'a:focus-visible',
        'button:focus-visible',
        '.Mui-focusVisible',
        '.MuiAccordionSummary-root.Mui-focused',
      ]) {
        expect(selectors).toContain(selector);
      }
    },
  );
});
