import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { apiopsTranslationRef } from '../../translation';
import { BackwardMove } from './backwardMove';

const useStyles = makeStyles(theme => ({
  list: {
    margin: theme.spacing(1, 0),
    paddingLeft: theme.spacing(3),
  },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1, 2),
  },
}));

/** The id of the confirmation checkbox, focused when it is missing. */
export const BACKWARD_CONFIRM_ID = 'apiops-assessment-confirm-backward';

/**
 * The warning shown while the answers would move the API to an earlier
 * station: where it is, where it would land, the earlier stations and
 * criteria holding it back, a button answering those stations `met`, and the
 * confirmation recording the move needs.
 */
export function BackwardMoveAlert(props: {
  move: BackwardMove;
  stationTitle: (id: string) => string;
  criterionLabel: (id: string) => string;
  confirmed: boolean;
  onConfirmedChange: (confirmed: boolean) => void;
  onMarkEarlierMet: () => void;
  disabled: boolean;
}) {
  const { move, stationTitle, criterionLabel } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  return (
    <Alert severity="warning" role="alert">
      <AlertTitle>
        {t('entityContent.assessment.backward.title', {
          from: stationTitle(move.from),
          to: stationTitle(move.to),
        })}
      </AlertTitle>
      {t('entityContent.assessment.backward.description', {
        from: stationTitle(move.from),
        to: stationTitle(move.to),
      })}
      <ul
        className={classes.list}
        aria-label={t('entityContent.assessment.backward.holdingLabel')}
      >
        {move.holding.map(station => (
          <li key={station.stationId}>
            {t('entityContent.assessment.backward.holding', {
              station: stationTitle(station.stationId),
              criteria: station.criteria.map(criterionLabel).join(', '),
            })}
          </li>
        ))}
      </ul>
      <div className={classes.actions}>
        <Button
          variant="outlined"
          size="small"
          onClick={props.onMarkEarlierMet}
          disabled={props.disabled}
        >
          {t('entityContent.assessment.backward.markEarlierMet')}
        </Button>
        <FormControlLabel
          control={
            <Checkbox
              id={BACKWARD_CONFIRM_ID}
              checked={props.confirmed}
              onChange={event => props.onConfirmedChange(event.target.checked)}
              disabled={props.disabled}
            />
          }
          label={t('entityContent.assessment.backward.confirm', {
            to: stationTitle(move.to),
          })}
        />
      </div>
    </Alert>
  );
}
