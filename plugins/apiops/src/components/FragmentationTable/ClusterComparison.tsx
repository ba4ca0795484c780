import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  CLUSTER_MEMBERS_MAX,
  type FragmentationCluster,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsTranslationRef } from '../../translation';
import {
  ClusterEvidence,
  MemberFact,
  MemberLink,
  SharedOperations,
  useMemberFacts,
} from '../FragmentationPanel';

const useStyles = makeStyles(theme => ({
  // Wide comparisons scroll; every column has a link in its header, so
  // moving the focus along the links scrolls by keyboard too.
  scroller: {
    overflowX: 'auto',
    maxWidth: '100%',
  },
  table: {
    borderCollapse: 'collapse',
    minWidth: '100%',
    '& th, & td': {
      ...theme.typography.body2,
      textAlign: 'left',
      verticalAlign: 'top',
      padding: theme.spacing(0.75, 1.5),
      borderBottom: `1px solid ${theme.palette.divider}`,
      overflowWrap: 'anywhere',
    },
    '& thead th': {
      minWidth: 180,
    },
    '& thead > tr > *': {
      borderBottom: `2px solid ${theme.palette.divider}`,
    },
    '& tbody th': {
      color: theme.palette.text.secondary,
      fontWeight: theme.typography.fontWeightMedium as number,
      whiteSpace: 'nowrap',
      width: '1%',
    },
    '& tbody tr:last-child > *': {
      borderBottom: 'none',
    },
  },
  caption: {
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
  memberTitle: {
    fontWeight: theme.typography.fontWeightMedium as number,
  },
  ref: {
    display: 'block',
    fontWeight: theme.typography.fontWeightRegular as number,
    color: theme.palette.text.secondary,
  },
  none: {
    color: theme.palette.text.secondary,
  },
}));

/**
 * A member's missing value: "None" when the API has none, "—" when the
 * cluster does not compute it for the API.
 */
function MissingValue(props: { missing: MemberFact['missing'] }) {
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  if (props.missing === 'none') {
    return (
      <span className={classes.none}>{t('fragmentation.member.none')}</span>
    );
  }
  const label = t('fragmentation.member.notComputed');
  return (
    <span className={classes.none}>
      <span aria-hidden title={label}>
        —
      </span>
      <Typography variant="srOnly">{label}</Typography>
    </span>
  );
}

/**
 * The members of a cluster side by side, one column per API: owner, system,
 * version, lifecycle and what the cluster's details say of each (operation
 * counts, role in an overlap, styles); then the operations they share.
 */
export function ClusterComparison(props: { cluster: FragmentationCluster }) {
  const { cluster } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const facts = useMemberFacts(cluster);

  return (
    <>
      <div
        className={classes.scroller}
        role="region"
        aria-label={t('fragmentation.table.comparisonLabel')}
      >
        <table className={classes.table}>
          <caption className={classes.caption}>
            {t('fragmentation.table.comparisonLabel')}
          </caption>
          <thead>
            <tr>
              <td />
              {cluster.members.map(member => (
                <th key={member.entityRef} scope="col">
                  <MemberLink member={member} className={classes.memberTitle} />
                  <Typography
                    variant="caption"
                    component="code"
                    className={classes.ref}
                  >
                    {member.entityRef}
                  </Typography>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {facts.map(fact => (
              <tr key={fact.key}>
                <th scope="row">{fact.label}</th>
                {cluster.members.map(member => {
                  const value = fact.value(member);
                  return (
                    <td key={member.entityRef}>
                      {value ?? <MissingValue missing={fact.missing} />}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SharedOperations cluster={cluster} headingComponent="h3" />
      <ClusterEvidence
        cluster={cluster}
        maxPairs={CLUSTER_MEMBERS_MAX}
        headingComponent="h3"
      />
    </>
  );
}
