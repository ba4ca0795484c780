const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

const DAY_MS = 24 * 60 * 60 * 1000;

/** A point in time as the plugin receives it: a Date, epoch ms or ISO 8601. */
export type TimeInput = Date | number | string;

function toDate(time: TimeInput): Date {
  return time instanceof Date ? time : new Date(time);
}

function supportedLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/**
 * How long ago (or in how long) a time is, in words of the locale, e.g.
 * "5 minutes ago".
 */
export function formatRelativeTime(
  time: TimeInput,
  locale: string,
  now: Date = new Date(),
): string {
  const seconds = Math.round((toDate(time).getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(supportedLocale(locale), {
    numeric: 'auto',
  });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') {
      return format.format(Math.round(seconds / size), unit);
    }
  }
  return format.format(0, 'second');
}

/** A date and time in the locale's medium format, e.g. "26 Nov 2026, 14:03". */
export function formatAbsoluteTime(time: TimeInput, locale: string): string {
  return new Intl.DateTimeFormat(supportedLocale(locale), {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(toDate(time));
}

/**
 * A time for a chart's ticks: the time of day when the chart spans less than
 * two days, else the day and month.
 */
export function formatTick(
  time: TimeInput,
  spanMs: number,
  locale: string,
): string {
  const options: Intl.DateTimeFormatOptions =
    spanMs < 2 * DAY_MS
      ? { hour: '2-digit', minute: '2-digit' }
      : { month: 'short', day: 'numeric' };
  return new Intl.DateTimeFormat(supportedLocale(locale), options).format(
    toDate(time),
  );
}
