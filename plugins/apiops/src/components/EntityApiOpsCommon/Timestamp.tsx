import Typography, { TypographyProps } from '@material-ui/core/Typography';
import { useTimeFormat } from '../../time';

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
  const format = useTimeFormat();
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) {
    return <>{time}</>;
  }
  const relative = format.relative(date);
  const absolute = format.absolute(date);
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
