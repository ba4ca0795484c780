import { getContrastRatio, lighten } from '@material-ui/core/styles';

/** The contrast WCAG asks of graphics against their background: 3:1. */
const MIN_CONTRAST = 3;

/**
 * A metro line's colour as drawn on a dark background: the method's colour,
 * lightened in steps until it stands out at 3:1 (the operating-model line's
 * dark blue would all but vanish). Light backgrounds keep the method's
 * colours as they are; a colour that cannot be read is left alone.
 */
export function lineColorOn(
  color: string | undefined,
  background: { color: string; dark: boolean },
): string | undefined {
  if (!color || !background.dark) {
    return color;
  }
  try {
    let adjusted = color;
    for (
      let step = 1;
      step <= 10 && getContrastRatio(adjusted, background.color) < MIN_CONTRAST;
      step++
    ) {
      adjusted = lighten(color, step / 10);
    }
    return adjusted;
  } catch {
    return color;
  }
}
