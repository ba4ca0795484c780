import Typography from '@material-ui/core/Typography';

/**
 * A report table's message in place of rows (no rows, loading), in the
 * secondary text colour; `inset` pads it when it is not in a padded cell.
 */
export function ReportTableMessage(props: {
  children: string;
  inset?: boolean;
}) {
  const { children, inset = true } = props;
  return (
    <Typography
      variant="body2"
      color="textSecondary"
      style={inset ? { padding: 16 } : undefined}
    >
      {children}
    </Typography>
  );
}
