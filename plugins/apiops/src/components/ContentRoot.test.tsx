import { renderInTestApp } from '@backstage/frontend-test-utils';
import { themes } from '@backstage/theme';
import { Theme } from '@material-ui/core/styles';
import { screen } from '@testing-library/react';
import { SECONDARY_TEXT_COLORS } from './colors';
import { ContentRoot } from './ContentRoot';
import { readableText } from './readableText';

describe('readableText', () => {
  it.each([
    ['light', themes.light],
    ['dark', themes.dark],
  ] as const)(
    "draws MUI's secondary text solid in the %s theme",
    (kind, theme) => {
      const styles = readableText(theme.getTheme('v4') as Theme);
      const [[selectors, rule]] = Object.entries(styles);
      expect(rule).toEqual({ color: SECONDARY_TEXT_COLORS[kind] });
      for (const part of [
        '& .MuiTypography-colorTextSecondary',
        '& .MuiFormHelperText-root:not(.Mui-error):not(.Mui-disabled)',
        '& .MuiTab-textColorPrimary:not(.Mui-selected):not(.Mui-disabled)',
      ]) {
        expect(selectors.split(', ')).toContain(part);
      }
    },
  );
});

describe('ContentRoot', () => {
  it('marks the root of a content for the accessibility check', async () => {
    await renderInTestApp(
      <ContentRoot>
        <p>As of today</p>
      </ContentRoot>,
    );
    expect(
      screen.getByText('As of today').closest('[data-apiops-content]'),
    ).not.toBeNull();
  });
});
