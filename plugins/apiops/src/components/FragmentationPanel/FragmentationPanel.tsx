import { Fragment, ReactNode } from 'react';
import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type {
  FragmentationCluster,
  FragmentationClusterMember,
  FragmentationDismissal,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsTranslationRef } from '../../translation';
import { factGrid } from '../factGrid';
import { useFocusRingStyles } from '../focusRing';
import { SeverityStatus, Timestamp } from '../EntityApiOpsCommon';
import { useClusterMembers } from '../../hooks/useClusterMembers';
import { ClusterDismissal, useDismissals } from '../FragmentationDismissal';
import { memberOf, otherMembers, styleBreaksOf } from './fragmentationDetails';
import { MoreMembers } from './MoreMembers';
import {
  ClusterMessage,
  ClusterNextStep,
  ClusterScope,
  ClusterScore,
  FragmentationTypeChip,
  MemberFact,
  MemberLink,
  SharedOperations,
  StyleBreaks,
  StyleConventions,
  useMemberFacts,
} from './FragmentationParts';
import { ClusterEvidence } from './ClusterEvidence';

/** How many shared operations a cluster lists on the API tab. */
export const PANEL_SHARED_OPERATIONS = 10;

const useStyles = makeStyles(theme => ({
  clusters: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  counts: {
    display: 'block',
    marginBottom: theme.spacing(1),
    color: theme.palette.text.secondary,
  },
  dismissedCluster: {
    // Greyed, still readable: the finding is there, and not a problem.
    '& > *:not($dismissal)': {
      opacity: 0.55,
    },
  },
  dismissal: {},
  cluster: {
    padding: theme.spacing(2, 0),
    borderTop: `1px solid ${theme.palette.divider}`,
    '&:first-child': {
      borderTop: 'none',
      paddingTop: 0,
    },
    '&:last-child': {
      paddingBottom: 0,
    },
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.5, 1.5),
  },
  heading: {
    margin: 0,
    display: 'inline-flex',
  },
  description: {
    display: 'block',
    marginTop: theme.spacing(0.5),
    color: theme.palette.text.secondary,
  },
  message: {
    marginTop: theme.spacing(1),
  },
  thisApi: {
    marginTop: theme.spacing(1),
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(0.5, 2),
  },
  selfFact: {
    whiteSpace: 'nowrap',
  },
  selfFactLabel: {
    color: theme.palette.text.secondary,
  },
  membersTitle: {
    marginTop: theme.spacing(2),
  },
  members: {
    listStyle: 'none',
    margin: theme.spacing(1, 0, 0),
    padding: 0,
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))',
    gap: theme.spacing(1.5),
  },
  member: {
    padding: theme.spacing(1.5),
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    minWidth: 0,
  },
  memberTitle: {
    fontWeight: theme.typography.fontWeightMedium as number,
    overflowWrap: 'anywhere',
  },
  memberRef: {
    display: 'block',
    color: theme.palette.text.secondary,
    overflowWrap: 'anywhere',
  },
  facts: factGrid(theme, { rowGap: 0.5, marginTop: 1 }),
  freshness: {
    display: 'block',
    marginTop: theme.spacing(0.5),
  },
}));

function MemberCard(props: {
  member: FragmentationClusterMember;
  facts: MemberFact[];
}) {
  const { member, facts } = props;
  const classes = useStyles();
  const known = facts
    .map(fact => ({ fact, value: fact.value(member) }))
    .filter(({ value }) => value !== undefined);
  return (
    <div className={classes.member}>
      <Typography variant="body2" className={classes.memberTitle}>
        <MemberLink member={member} />
      </Typography>
      <Typography
        variant="caption"
        component="code"
        className={classes.memberRef}
      >
        {member.entityRef}
      </Typography>
      {known.length > 0 && (
        <dl className={classes.facts}>
          {known.map(({ fact, value }) => (
            <Fragment key={fact.key}>
              <dt>{fact.label}</dt>
              <dd>{value}</dd>
            </Fragment>
          ))}
        </dl>
      )}
    </div>
  );
}

/** The other APIs of a cluster, as cards, under their count. */
function OtherMembers(props: {
  members: FragmentationClusterMember[];
  /** How many other APIs the cluster has, listed or not. */
  count: number;
  facts: MemberFact[];
  /** The members are the outliers of a convention (a style inconsistency). */
  outliers?: boolean;
  children?: ReactNode;
}) {
  const { members, count, facts, outliers, children } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  if (members.length === 0) {
    return null;
  }
  return (
    <>
      <Typography
        variant="subtitle2"
        component="h4"
        className={classes.membersTitle}
      >
        {outliers
          ? t('fragmentation.panel.otherOutliers', { count })
          : t('fragmentation.panel.otherApis', { count })}
      </Typography>
      <ul className={classes.members}>
        {members.map(member => (
          <li key={member.entityRef}>
            <MemberCard member={member} facts={facts} />
          </li>
        ))}
      </ul>
      {children}
    </>
  );
}

/**
 * The other APIs of a cluster that lists only its first members: those,
 * how many there are in all, and a button that loads them all.
 */
function CappedOtherMembers(props: {
  cluster: FragmentationCluster;
  entityRef: string;
  facts: MemberFact[];
}) {
  const { cluster, entityRef, facts } = props;
  const state = useClusterMembers(cluster);
  return (
    <OtherMembers
      members={otherMembers({ ...cluster, members: state.members }, entityRef)}
      // The API is a member of its clusters, listed or not.
      count={state.memberCount - 1}
      facts={facts}
      outliers={cluster.type === 'style-inconsistency'}
    >
      <MoreMembers state={state} capped />
    </OtherMembers>
  );
}

function ClusterItem(props: {
  cluster: FragmentationCluster;
  entityRef: string;
  dismissal?: FragmentationDismissal;
  onDismissalChange: (dismissal: FragmentationDismissal | undefined) => void;
}) {
  const { cluster, entityRef, dismissal, onDismissalChange } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const facts = useMemberFacts(cluster);
  // At most CLUSTER_MEMBERS_MAX members come with the cluster; the rest on
  // demand.
  const capped = (cluster.memberCount ?? 0) > cluster.members.length;
  const others = otherMembers(cluster, entityRef);
  const self = memberOf(cluster, entityRef);
  // A style inconsistency says in a sentence how this API breaks the
  // convention of its scope (when the cluster reports the convention).
  const breaksConvention = styleBreaksOf(cluster, entityRef).length > 0;
  // What the cluster's details say of this API itself, to compare with the
  // others: its operation count, role and styles.
  const selfFacts =
    self && !breaksConvention
      ? facts
          .filter(
            fact =>
              !['owner', 'system', 'version', 'lifecycle'].includes(fact.key),
          )
          .map(fact => ({ fact, value: fact.value(self) }))
          .filter(({ value }) => value !== undefined)
      : [];

  return (
    <li
      className={`${classes.cluster} ${
        dismissal ? classes.dismissedCluster : ''
      }`}
    >
      <div className={classes.header}>
        <Typography variant="h6" component="h3" className={classes.heading}>
          <FragmentationTypeChip type={cluster.type} />
        </Typography>
        <ClusterScore cluster={cluster} />
        <ClusterScope cluster={cluster} />
      </div>
      <Typography variant="caption" className={classes.description}>
        {t(`fragmentation.typeDescriptions.${cluster.type}`)}
      </Typography>
      <ClusterMessage cluster={cluster} className={classes.message} />
      <ClusterNextStep cluster={cluster} className={classes.message} />
      {selfFacts.length > 0 && (
        <Typography variant="body2" className={classes.thisApi}>
          <strong>{t('fragmentation.panel.thisApi')}</strong>
          {selfFacts.map(({ fact, value }) => (
            // The spaces keep the facts apart in the text; the flex gap
            // does so on screen.
            <Fragment key={fact.key}>
              {' '}
              <span className={classes.selfFact}>
                <span className={classes.selfFactLabel}>{fact.label}</span>{' '}
                {value}
              </span>
            </Fragment>
          ))}
        </Typography>
      )}
      <StyleBreaks cluster={cluster} entityRef={entityRef} />
      <StyleConventions cluster={cluster} />
      {capped ? (
        <CappedOtherMembers
          cluster={cluster}
          entityRef={entityRef}
          facts={facts}
        />
      ) : (
        <OtherMembers
          members={others}
          count={others.length}
          facts={facts}
          outliers={cluster.type === 'style-inconsistency'}
        />
      )}
      <SharedOperations cluster={cluster} max={PANEL_SHARED_OPERATIONS} />
      <ClusterEvidence cluster={cluster} maxPairs={3} />
      <div className={classes.dismissal}>
        <ClusterDismissal
          cluster={cluster}
          dismissal={dismissal}
          onChange={onDismissalChange}
        />
      </div>
    </li>
  );
}

/**
 * The fragmentation clusters an API is part of, as of the latest snapshot:
 * what kind of fragmentation, how strong, the other APIs of each cluster
 * with links to their APIOps tabs, and the operations they share.
 */
export function FragmentationPanel(props: {
  /** The API the tab is about, left out of the members shown. */
  entityRef: string;
  /** `status.fragmentation`: undefined until a snapshot has seen the API. */
  fragmentation?: FragmentationCluster[];
  /** Fragmentation was withheld: the user may not read report data. */
  withheld?: boolean;
  /** When the snapshot the clusters come from finished. */
  snapshotAt?: string;
}) {
  const { entityRef, fragmentation, withheld, snapshotAt } = props;
  const classes = useStyles();
  const focus = useFocusRingStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const dismissals = useDismissals();

  let content;
  if (fragmentation === undefined) {
    content = (
      <Typography variant="body2" color="textSecondary">
        {withheld
          ? t('fragmentation.panel.withheld')
          : t('fragmentation.panel.notInSnapshot')}
      </Typography>
    );
  } else if (fragmentation.length === 0) {
    content = (
      <Typography variant="body2">
        <SeverityStatus severity="ok">
          {t('fragmentation.panel.none')}
        </SeverityStatus>
      </Typography>
    );
  } else {
    const dismissed = dismissals.countDismissed(fragmentation);
    content = (
      <>
        {dismissed > 0 && (
          <Typography variant="body2" className={classes.counts}>
            {t('fragmentation.dismissal.counts', {
              open: String(fragmentation.length - dismissed),
              dismissed: String(dismissed),
            })}
          </Typography>
        )}
        <ul
          className={classes.clusters}
          aria-label={t('fragmentation.panel.clustersLabel')}
        >
          {fragmentation.map(cluster => (
            <ClusterItem
              key={cluster.id}
              cluster={cluster}
              entityRef={entityRef}
              dismissal={dismissals.dismissalOf(cluster)}
              onDismissalChange={dismissal =>
                dismissals.setDismissal(cluster.id, dismissal)
              }
            />
          ))}
        </ul>
      </>
    );
  }

  return (
    <InfoCard
      title={t('fragmentation.panel.title')}
      subheader={
        <span>
          {t('fragmentation.panel.subheader')}
          {snapshotAt && fragmentation && (
            <span className={classes.freshness}>
              {t('freshness.fragmentation', {
                time: <Timestamp time={snapshotAt} variant="relative" />,
              })}
            </span>
          )}
        </span>
      }
      variant="gridItem"
      className={focus.within}
    >
      {content}
    </InfoCard>
  );
}
