import Typography, { TypographyProps } from '@material-ui/core/Typography';
import { useAppLocale } from '../../hooks';

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

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
  time: Date,
  locale: string,
  now: Date = new Date(),
): string {
  const seconds = Math.round((time.getTime() - now.getTime()) / 1000);
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
export function formatAbsoluteTime(time: Date, locale: string): string {
  return new Intl.DateTimeFormat(supportedLocale(locale), {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(time);
}

/**
 * A point in time shown as how long ago it was, with the date and time next
 * to it (`variant="both"`) or in its tooltip (`variant="relative"`).
 */
export function Timestamp(props: {
  /** ISO 8601. */
  time: string;
  variant?: 'relative' | 'both';
  typographyProps?: TypographyProps<'time'>;
}) {
  const { time, variant = 'both', typographyProps } = props;
  const locale = useAppLocale();
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) {
    return <>{time}</>;
  }
  const relative = formatRelativeTime(date, locale);
  const absolute = formatAbsoluteTime(date, locale);
  return (
    <Typography
      component="time"
      variant="inherit"
      dateTime={date.toISOString()}
      title={absolute}
      {...typographyProps}
    >
      {variant === 'both' ? `${relative} (${absolute})` : relative}
    </Typography>
  );
}
