import { useMemo } from 'react';
import { useAppLocale } from '../hooks/useAppLocale';
import {
  formatAbsoluteTime,
  formatRelativeTime,
  formatTick,
  TimeInput,
} from './formatTime';

/** The plugin's date formatters, bound to the app's locale. */
export interface TimeFormat {
  /** The app's locale, as a BCP 47 tag. */
  locale: string;
  /** How long ago a time is, e.g. "5 minutes ago". */
  relative(time: TimeInput): string;
  /** A date and time, e.g. "Nov 26, 2026, 2:03 PM". */
  absolute(time: TimeInput): string;
  /** A chart tick: the time of day over a short span, else the date. */
  tick(time: TimeInput, spanMs: number): string;
}

/**
 * The one way the plugin shows dates: formatted in the app's language
 * ({@link useAppLocale}).
 */
export function useTimeFormat(): TimeFormat {
  const locale = useAppLocale();
  return useMemo(
    () => ({
      locale,
      relative: time => formatRelativeTime(time, locale),
      absolute: time => formatAbsoluteTime(time, locale),
      tick: (time, spanMs) => formatTick(time, spanMs, locale),
    }),
    [locale],
  );
}
