import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type { ApiOwnerStatus } from '@apiops-backstage/plugin-apiops-common';
import { apiopsTranslationRef } from '../../translation';
import { useFocusRingStyles } from '../focusRing';
import { SeverityStatus, Timestamp } from '../EntityApiOpsCommon';

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    gap: theme.spacing(1, 2),
    margin: 0,
    '& dt': {
      ...theme.typography.overline,
      lineHeight: 1.5,
      color: theme.palette.text.secondary,
      paddingTop: 2,
    },
    '& dd': {
      margin: 0,
      overflowWrap: 'anywhere',
    },
  },
  gapsTitle: {
    marginTop: theme.spacing(3),
    marginBottom: theme.spacing(1),
  },
  gaps: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    '& > li + li': {
      marginTop: theme.spacing(1.5),
    },
  },
  gapType: {
    marginLeft: theme.spacing(1),
  },
  gapMessage: {
    marginTop: theme.spacing(0.5),
  },
}));

/**
 * Who owns the API, as the catalog and the latest snapshot (or a refresh of
 * the API since) see it, and the gaps in its ownership; the subheader says
 * when they were checked.
 */
export function OwnerPanel(props: {
  owner: ApiOwnerStatus;
  /** The gaps were withheld: the user may not read report data. */
  withheld?: boolean;
  /** When the snapshot that checked the owner finished. */
  snapshotAt?: string;
  /** When a refresh of the API checked it again, after the snapshot. */
  refreshedAt?: string;
}) {
  const { owner, withheld, snapshotAt, refreshedAt } = props;
  const checkedAt = refreshedAt ?? snapshotAt;
  const classes = useStyles();
  const focus = useFocusRingStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);

  let ownerValue;
  if (!owner.ref) {
    ownerValue = (
      <Typography variant="body2">
        {t('entityContent.owner.noOwner')}
      </Typography>
    );
  } else if (owner.resolved === false) {
    ownerValue = (
      <Typography variant="body2">
        <code>{owner.ref}</code> — {t('entityContent.owner.notInCatalog')}
      </Typography>
    );
  } else {
    ownerValue = <EntityRefLink entityRef={owner.ref} defaultKind="group" />;
  }

  return (
    <InfoCard
      title={t('entityContent.owner.title')}
      subheader={
        // One element: the subheader lays its children out as flex items.
        checkedAt ? (
          <span>
            {t(
              refreshedAt
                ? 'freshness.ownerRefreshed'
                : 'freshness.ownerSnapshot',
              { time: <Timestamp time={checkedAt} variant="relative" /> },
            )}
          </span>
        ) : undefined
      }
      variant="gridItem"
      className={focus.within}
    >
      <dl className={classes.facts}>
        <dt>{t('entityContent.owner.title')}</dt>
        <dd>{ownerValue}</dd>
        {owner.title && (
          <>
            <dt>{t('entityContent.owner.name')}</dt>
            <dd>
              <Typography variant="body2">{owner.title}</Typography>
            </dd>
          </>
        )}
        {owner.kind && (
          <>
            <dt>{t('entityContent.owner.kind')}</dt>
            <dd>
              <Typography variant="body2">{owner.kind}</Typography>
            </dd>
          </>
        )}
        {owner.memberCount !== undefined && (
          <>
            <dt>{t('entityContent.owner.members')}</dt>
            <dd>
              <Typography
                variant="body2"
                title={t('entityContent.owner.membersHint')}
              >
                {owner.memberCount}
              </Typography>
            </dd>
          </>
        )}
        {owner.declared !== undefined && owner.declared !== owner.ref && (
          <>
            <dt>{t('entityContent.owner.declared')}</dt>
            <dd>
              <Typography variant="body2">
                <code>{owner.declared}</code>
              </Typography>
            </dd>
          </>
        )}
      </dl>

      <Typography variant="h6" component="h3" className={classes.gapsTitle}>
        {t('entityContent.owner.gapsTitle')}
      </Typography>
      {owner.gaps === undefined && (
        <Typography variant="body2" color="textSecondary">
          {withheld
            ? t('entityContent.owner.withheld')
            : t('entityContent.owner.notInSnapshot')}
        </Typography>
      )}
      {owner.gaps?.length === 0 && (
        <Typography variant="body2">
          <SeverityStatus severity="ok">
            {t('entityContent.owner.noGaps')}
          </SeverityStatus>
        </Typography>
      )}
      {owner.gaps && owner.gaps.length > 0 && (
        <ul className={classes.gaps}>
          {owner.gaps.map(gap => (
            <li key={`${gap.type}:${gap.message}`}>
              <Typography variant="body2" component="div">
                <SeverityStatus severity={gap.severity}>
                  {t(`entityContent.governance.severity.${gap.severity}`)}
                </SeverityStatus>
                <Chip
                  size="small"
                  variant="outlined"
                  className={classes.gapType}
                  label={
                    t(`entityContent.owner.gapTypes.${gap.type}`) ?? gap.type
                  }
                />
              </Typography>
              <Typography variant="body2" className={classes.gapMessage}>
                {gap.message}
              </Typography>
            </li>
          ))}
        </ul>
      )}
    </InfoCard>
  );
}
