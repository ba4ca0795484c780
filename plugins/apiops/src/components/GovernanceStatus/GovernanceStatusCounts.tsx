import { makeStyles } from '@material-ui/core/styles';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  GOVERNANCE_STATUSES,
  GovernanceStatus,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsTranslationRef } from '../../translation';
import { useGovernanceStatusColors } from './useGovernanceStatusColors';

const useStyles = makeStyles(theme => ({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5, 1.5),
  },
  item: {
    display: 'inline-flex',
    alignItems: 'center',
    whiteSpace: 'nowrap',
    fontVariantNumeric: 'tabular-nums',
  },
  dot: {
    width: theme.spacing(1.25),
    height: theme.spacing(1.25),
    borderRadius: '50%',
    boxSizing: 'border-box',
    marginRight: theme.spacing(0.75),
    flexShrink: 0,
  },
  zero: {
    color: theme.palette.text.secondary,
  },
  visuallyHidden: {
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
}));

/**
 * How many APIs have each governance status, as coloured dots with counts
 * (the status is in a tooltip and, for screen readers, in the text).
 */
export function GovernanceStatusCounts(props: {
  byStatus: Partial<Record<GovernanceStatus, number>>;
}) {
  const { byStatus } = props;
  const classes = useStyles();
  const colors = useGovernanceStatusColors();
  const { t } = useTranslationRef(apiopsTranslationRef);

  return (
    <ul className={classes.list}>
      {GOVERNANCE_STATUSES.map(status => {
        const count = byStatus[status] ?? 0;
        const label = t(`page.status.${status}`);
        return (
          <Tooltip key={status} title={label}>
            <Typography
              component="li"
              variant="body2"
              className={`${classes.item} ${count === 0 ? classes.zero : ''}`}
            >
              <span
                className={classes.dot}
                style={{
                  backgroundColor: count === 0 ? 'transparent' : colors[status],
                  border: `2px solid ${colors[status]}`,
                }}
                aria-hidden
              />
              <span className={classes.visuallyHidden}>{label}: </span>
              {count}
            </Typography>
          </Tooltip>
        );
      })}
    </ul>
  );
}
