import {
  darken,
  getContrastRatio,
  lighten,
  Theme,
} from '@material-ui/core/styles';
import type {
  ChangeClass,
  FindingSeverity,
  GovernanceStatus,
} from '@apiops-backstage/plugin-apiops-common';

/**
 * The colours the plugin draws with itself, in one place so that one test
 * can check every one of them against both Backstage themes' backgrounds
 * (`colors.test.ts`). Backstage's own palette colours for warning and error
 * read at 2.0–3.7:1 on the page, below what WCAG AA asks.
 */

/** The contrast WCAG AA asks of text: 4.5:1. */
export const MIN_TEXT_CONTRAST = 4.5;

/** The contrast WCAG AA asks of graphics (lines, outlines, dots): 3:1. */
export const MIN_GRAPHIC_CONTRAST = 3;

/** A theme's kind, as `theme.palette.type` says it. */
export type ThemeKind = 'light' | 'dark';

/** How bad something is, as the plugin colours it (`ok` for all well). */
export type SeverityTone = FindingSeverity | 'ok';

/**
 * Text (and chip outline) colours of each severity, per theme. Each reads at
 * 4.5:1 or more on the theme's paper and page backgrounds.
 */
export const SEVERITY_COLORS: Record<
  ThemeKind,
  Record<SeverityTone, string>
> = {
  light: {
    error: '#C62828',
    warning: '#A35200',
    info: '#0A6EBE',
    ok: '#1B7A35',
  },
  dark: {
    error: '#FF9A92',
    warning: '#FFB84D',
    info: '#9CC9FF',
    ok: '#71CF88',
  },
};

/** The severity colour each governance status is shown in. */
export const GOVERNANCE_STATUS_TONES: Record<GovernanceStatus, SeverityTone> = {
  compliant: 'ok',
  attention: 'warning',
  'non-compliant': 'error',
};

/**
 * The severity colour each change class is shown in: a breaking change as an
 * error, a newly deprecated part as a warning, a non-breaking one as all
 * well, annotations and what the diff could not classify as information.
 */
export const CHANGE_CLASS_TONES: Record<ChangeClass, SeverityTone> = {
  breaking: 'error',
  deprecated: 'warning',
  'non-breaking': 'ok',
  annotation: 'info',
  unclassified: 'info',
};

/**
 * The metro lines of the APIOps Cycles method, by line id, per theme: each
 * reads at 3:1 or more on both backgrounds, and no two are alike (the
 * method's data gives the design and the delivery lines the same orange).
 */
export const METRO_LINE_COLORS: Record<ThemeKind, Record<string, string>> = {
  light: {
    'business-opportunities-line': '#2E7D32',
    'platform-architecture-line': '#933469',
    'api-design-line': '#B35C00',
    'delivery-line': '#5E35B1',
    'publishing-and-adoption-line': '#00796B',
    'operating-model-line': '#1A3987',
  },
  dark: {
    'business-opportunities-line': '#66BB6A',
    'platform-architecture-line': '#F48FB1',
    'api-design-line': '#FFB74D',
    'delivery-line': '#EA80FC',
    'publishing-and-adoption-line': '#4DD0E1',
    'operating-model-line': '#90A4FF',
  },
};

/**
 * Colours for metro lines the plugin does not know (method data of one's
 * own) whose colour is missing or already taken by another line.
 */
export const SPARE_LINE_COLORS: Record<ThemeKind, string[]> = {
  light: ['#827717', '#546E7A'],
  dark: ['#DCE775', '#B0BEC5'],
};

/**
 * The colour of the focus outline, per theme: Backstage's primary colour of
 * the theme, which stands out at 3:1 or more on both backgrounds.
 */
export const FOCUS_COLORS: Record<ThemeKind, string> = {
  light: '#1F5493',
  dark: '#9CC9FF',
};

/**
 * Secondary text (captions, hints, subtitles), per theme: solid greys in
 * place of the themes' see-through ones. Backstage's light theme draws
 * secondary text in black at 54 % opacity, which reads at 4.47:1 on its
 * `#F5F5F5` page background (4.6:1 on paper), below WCAG AA; `#666666`
 * reads at 5.3:1 there. `#CCCCCC` reads at 6.3:1 or more on the dark theme.
 */
export const SECONDARY_TEXT_COLORS: Record<ThemeKind, string> = {
  light: '#666666',
  dark: '#CCCCCC',
};

/** The kind of a theme. */
export function themeKind(theme: Theme): ThemeKind {
  return theme.palette.type === 'dark' ? 'dark' : 'light';
}

/** The backgrounds the plugin's colours must stand out on. */
export function backgroundsOf(theme: Theme): string[] {
  return [theme.palette.background.paper, theme.palette.background.default];
}

/** The lowest contrast of a colour against any of the backgrounds. */
export function lowestContrast(color: string, backgrounds: string[]): number {
  return Math.min(...backgrounds.map(bg => getContrastRatio(color, bg)));
}

/**
 * A colour made to stand out on the backgrounds at `min`: lightened in steps
 * on a dark theme, darkened on a light one. A colour that cannot be read is
 * left alone.
 */
export function withContrast(
  color: string,
  backgrounds: string[],
  kind: ThemeKind,
  min: number,
): string {
  try {
    let adjusted = color;
    for (
      let step = 1;
      step <= 10 && lowestContrast(adjusted, backgrounds) < min;
      step++
    ) {
      adjusted =
        kind === 'dark' ? lighten(color, step / 10) : darken(color, step / 10);
    }
    return adjusted;
  } catch {
    return color;
  }
}

/** The colour of the focus outline in a theme. */
export function focusColor(theme: Theme): string {
  return FOCUS_COLORS[themeKind(theme)];
}

/** The colour of secondary text in a theme. */
export function secondaryTextColor(theme: Theme): string {
  return SECONDARY_TEXT_COLORS[themeKind(theme)];
}

/** The colour of a severity in a theme. */
export function severityColor(theme: Theme, tone: SeverityTone): string {
  return SEVERITY_COLORS[themeKind(theme)][tone];
}

/**
 * The colour of each metro line in a theme, by line id: the plugin's colour
 * for the method's lines; for others the data's colour made to stand out,
 * or a spare colour when it has none or another line has it already.
 */
export function metroLineColors(
  lines: ReadonlyArray<{ id: string; color?: string }>,
  theme: Theme,
): Map<string, string> {
  const kind = themeKind(theme);
  const backgrounds = backgroundsOf(theme);
  const result = new Map<string, string>();
  const taken = new Set<string>();
  const spares = SPARE_LINE_COLORS[kind].filter(
    color => !Object.values(METRO_LINE_COLORS[kind]).includes(color),
  );
  const pending: string[] = [];
  for (const line of lines) {
    const color =
      METRO_LINE_COLORS[kind][line.id] ??
      (line.color
        ? withContrast(line.color, backgrounds, kind, MIN_GRAPHIC_CONTRAST)
        : undefined);
    if (color && !taken.has(color.toLowerCase())) {
      result.set(line.id, color);
      taken.add(color.toLowerCase());
    } else {
      pending.push(line.id);
    }
  }
  for (const id of pending) {
    const spare = spares.find(color => !taken.has(color.toLowerCase()));
    const color = spare ?? (kind === 'dark' ? '#FFFFFF' : '#000000'); // out of spares
    result.set(id, color);
    taken.add(color.toLowerCase());
  }
  return result;
}
