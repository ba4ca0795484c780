import { themes } from '@backstage/theme';
import {
  decomposeColor,
  getContrastRatio,
  recomposeColor,
  Theme,
} from '@material-ui/core/styles';
import {
  backgroundsOf,
  CHANGE_CLASS_TONES,
  FOCUS_COLORS,
  focusColor,
  GOVERNANCE_STATUS_TONES,
  lowestContrast,
  METRO_LINE_COLORS,
  metroLineColors,
  MIN_GRAPHIC_CONTRAST,
  MIN_TEXT_CONTRAST,
  SECONDARY_TEXT_COLORS,
  secondaryTextColor,
  SEVERITY_COLORS,
  severityColor,
  SPARE_LINE_COLORS,
  ThemeKind,
  withContrast,
} from './colors';

const THEMES: Array<[ThemeKind, Theme]> = [
  ['light', themes.light.getTheme('v4') as Theme],
  ['dark', themes.dark.getTheme('v4') as Theme],
];

/** A see-through colour laid over a solid one, as the browser shows it. */
function over(color: string, background: string): string {
  const fg = decomposeColor(color);
  const bg = decomposeColor(background);
  const alpha =
    fg.type === 'rgba' || fg.type === 'hsla' ? fg.values[3] ?? 1 : 1;
  return recomposeColor({
    type: 'rgb',
    values: [0, 1, 2].map(i =>
      Math.round(fg.values[i] * alpha + bg.values[i] * (1 - alpha)),
    ) as [number, number, number],
  });
}

/** Distance of two colours in RGB space (0–441). */
function distance(a: string, b: string): number {
  const rgb = (hex: string) =>
    [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16));
  const [x, y] = [rgb(a), rgb(b)];
  return Math.hypot(x[0] - y[0], x[1] - y[1], x[2] - y[2]);
}

describe.each(THEMES)('colours on the %s Backstage theme', (kind, theme) => {
  const backgrounds = backgroundsOf(theme);

  it('uses the theme of that kind', () => {
    expect(theme.palette.type).toBe(kind);
    expect(backgrounds).toHaveLength(2);
  });

  it.each(Object.entries(SEVERITY_COLORS[kind]))(
    'the %s chip text (%s) reads at 4.5:1 on paper and page',
    (_tone, color) => {
      expect(lowestContrast(color, backgrounds)).toBeGreaterThanOrEqual(
        MIN_TEXT_CONTRAST,
      );
    },
  );

  it('draws secondary text at 4.5:1 on paper, page and a hovered tile', () => {
    expect(secondaryTextColor(theme)).toBe(SECONDARY_TEXT_COLORS[kind]);
    // The light page as the example app shows it (#F5F5F5, the theme says
    // #F8F8F8); a hovered summary tile is the theme's hover colour in place
    // of its paper, over the page (#EBEBEB in the light theme).
    const page =
      kind === 'light' ? '#F5F5F5' : theme.palette.background.default;
    const hovered = over(theme.palette.action.hover, page);
    expect(
      lowestContrast(secondaryTextColor(theme), [
        ...backgrounds,
        page,
        hovered,
      ]),
    ).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
  });

  it('draws the focus outline at 3:1 on paper and page', () => {
    expect(focusColor(theme)).toBe(FOCUS_COLORS[kind]);
    expect(
      lowestContrast(focusColor(theme), backgrounds),
    ).toBeGreaterThanOrEqual(MIN_GRAPHIC_CONTRAST);
  });

  it('gives each change class a severity colour of the theme', () => {
    for (const tone of Object.values(CHANGE_CLASS_TONES)) {
      expect(
        lowestContrast(severityColor(theme, tone), backgrounds),
      ).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    }
  });

  it('gives each governance status a severity colour of the theme', () => {
    for (const tone of Object.values(GOVERNANCE_STATUS_TONES)) {
      expect(severityColor(theme, tone)).toBe(SEVERITY_COLORS[kind][tone]);
    }
  });

  it.each(
    Object.entries(METRO_LINE_COLORS[kind]).concat(
      SPARE_LINE_COLORS[kind].map(color => ['spare', color]),
    ),
  )('the %s (%s) stands out at 3:1 on paper and page', (_line, color) => {
    expect(lowestContrast(color, backgrounds)).toBeGreaterThanOrEqual(
      MIN_GRAPHIC_CONTRAST,
    );
  });

  it('draws no two metro lines alike', () => {
    const colors = Object.values(METRO_LINE_COLORS[kind]).concat(
      SPARE_LINE_COLORS[kind],
    );
    const alike: string[] = [];
    for (let i = 0; i < colors.length; i++) {
      for (let j = i + 1; j < colors.length; j++) {
        if (distance(colors[i], colors[j]) < 60) {
          alike.push(`${colors[i]} ~ ${colors[j]}`);
        }
      }
    }
    expect(alike).toEqual([]);
  });

  it('gives the method lines their colour, even where the data repeats one', () => {
    const colors = metroLineColors(
      [
        { id: 'api-design-line', color: '#db9b0c' },
        { id: 'delivery-line', color: '#db9b0c' },
      ],
      theme,
    );
    expect(colors.get('api-design-line')).toBe(
      METRO_LINE_COLORS[kind]['api-design-line'],
    );
    expect(colors.get('delivery-line')).toBe(
      METRO_LINE_COLORS[kind]['delivery-line'],
    );
  });

  it('makes unknown lines stand out and keeps them apart', () => {
    const colors = metroLineColors(
      [
        { id: 'a', color: '#17C6E9' },
        { id: 'b', color: '#17C6E9' },
        { id: 'c' },
      ],
      theme,
    );
    expect(new Set(colors.values()).size).toBe(3);
    for (const color of colors.values()) {
      expect(lowestContrast(color, backgrounds)).toBeGreaterThanOrEqual(
        MIN_GRAPHIC_CONTRAST,
      );
    }
  });
});

describe("the light theme's own secondary text", () => {
  it('reads below 4.5:1 on the page, hence the solid colour', () => {
    const theme = themes.light.getTheme('v4') as Theme;
    // The page as the example app shows it (the theme says #F8F8F8; the
    // app's page background is #F5F5F5, where axe measured 4.47:1).
    const page = '#F5F5F5';
    const shown = over(theme.palette.text.secondary, page);
    // rgba(0, 0, 0, 0.54) on #F5F5F5 is #717171.
    expect(shown).toBe('rgb(113, 113, 113)');
    expect(getContrastRatio(shown, page)).toBeLessThan(MIN_TEXT_CONTRAST);
    expect(getContrastRatio(SECONDARY_TEXT_COLORS.light, page)).toBeCloseTo(
      5.27,
      1,
    );
  });
});

describe('withContrast', () => {
  it('darkens on light backgrounds and lightens on dark ones', () => {
    const light = withContrast('#17C6E9', ['#FFFFFF'], 'light', 3);
    expect(getContrastRatio('#17C6E9', '#FFFFFF')).toBeLessThan(3);
    expect(getContrastRatio(light, '#FFFFFF')).toBeGreaterThanOrEqual(3);
    const dark = withContrast('#1a3987', ['#424242'], 'dark', 3);
    expect(getContrastRatio(dark, '#424242')).toBeGreaterThanOrEqual(3);
  });

  it('leaves a colour that cannot be read alone', () => {
    expect(withContrast('not-a-colour', ['#FFFFFF'], 'light', 3)).toBe(
      'not-a-colour',
    );
  });
});
