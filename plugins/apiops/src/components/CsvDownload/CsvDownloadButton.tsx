import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import { makeStyles } from '@material-ui/core/styles';
import GetAppIcon from '@material-ui/icons/GetApp';
import Alert from '@material-ui/lab/Alert';

const useStyles = makeStyles(theme => ({
  download: {
    marginLeft: 'auto',
    alignSelf: 'center',
    whiteSpace: 'nowrap',
  },
  alert: {
    marginBottom: theme.spacing(2),
  },
}));

/**
 * The download button of a report, at the end of its filter bar: a spinner
 * instead of its icon, and disabled, while the CSV downloads.
 */
export function CsvDownloadButton(props: {
  label: string;
  downloading: boolean;
  onClick: () => void;
}) {
  const { label, downloading, onClick } = props;
  const classes = useStyles();

  return (
    <Button
      className={classes.download}
      variant="outlined"
      color="primary"
      startIcon={downloading ? <CircularProgress size={16} /> : <GetAppIcon />}
      disabled={downloading}
      onClick={onClick}
    >
      {label}
    </Button>
  );
}

/** Why the CSV download of a report failed, if it did, until closed. */
export function CsvDownloadError(props: {
  error?: Error;
  /** The text of the alert, given the message of the error. */
  message: (message: string) => string;
  onClose: () => void;
}) {
  const { error, message, onClose } = props;
  const classes = useStyles();

  if (!error) {
    return null;
  }
  return (
    <Alert severity="error" className={classes.alert} onClose={onClose}>
      {message(error.message)}
    </Alert>
  );
}
