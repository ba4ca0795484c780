import IconButton from '@material-ui/core/IconButton';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type {
  FragmentationCluster,
  FragmentationDismissal,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsTranslationRef } from '../../translation';
import {
  ClusterMessage,
  ClusterNextStep,
  ClusterScope,
  ClusterScore,
  FragmentationTypeChip,
  MemberLink,
  MoreMembers,
  StyleConventions,
  countsSharedOperations,
  memberName,
} from '../FragmentationPanel';
import { useClusterMembers } from '../../hooks/useClusterMembers';
import { ClusterDismissal } from '../FragmentationDismissal';
import { ClusterComparison } from './ClusterComparison';
import {
  FRAGMENTATION_COLUMNS,
  useFragmentationTableStyles,
} from './useFragmentationTableStyles';

/**
 * How many operations the APIs of a cluster share; "None" when none,
 * "—" (not computed) for the types not found by shared operations.
 */
function SharedOperationCount(props: { cluster: FragmentationCluster }) {
  const { cluster } = props;
  const { t } = useTranslationRef(apiopsTranslationRef);
  if (!countsSharedOperations(cluster.type)) {
    const label = t('fragmentation.table.sharedNotComputed');
    return (
      <Typography variant="body2" color="textSecondary" component="span">
        <span aria-hidden title={label}>
          —
        </span>
        <Typography variant="srOnly">{label}</Typography>
      </Typography>
    );
  }
  if (cluster.sharedOperationCount === 0) {
    return (
      <Typography variant="body2" color="textSecondary" component="span">
        {t('fragmentation.table.noShared')}
      </Typography>
    );
  }
  return <>{cluster.sharedOperationCount.toLocaleString()}</>;
}

/**
 * A cluster's row of the fragmentation table, and under it the row that
 * opens to compare its APIs side by side.
 */
export function ClusterRows(props: {
  cluster: FragmentationCluster;
  striped: boolean;
  open: boolean;
  onToggle: (id: string) => void;
  /** The dismissal that applies to the cluster now, if any. */
  dismissal?: FragmentationDismissal;
  onDismissalChange: (dismissal: FragmentationDismissal | undefined) => void;
}) {
  const { cluster, striped, open, onToggle, dismissal, onDismissalChange } =
    props;
  const classes = useFragmentationTableStyles();
  const dim = dismissal ? classes.dimmed : '';
  const { t } = useTranslationRef(apiopsTranslationRef);
  const detailId = `apiops-fragmentation-${cluster.id}`;
  const rowClass = striped ? classes.stripe : classes.plain;
  // At most CLUSTER_MEMBERS_MAX members come with the cluster; the rest on
  // demand.
  const members = useClusterMembers(cluster);
  const capped = (cluster.memberCount ?? 0) > cluster.members.length;

  return (
    <>
      <TableRow className={rowClass}>
        <TableCell className={classes.toggleCell}>
          <IconButton
            size="small"
            aria-expanded={open}
            aria-controls={detailId}
            aria-label={t('fragmentation.table.compare', {
              apis: cluster.members.map(memberName).join(', '),
            })}
            onClick={() => onToggle(cluster.id)}
          >
            <ExpandMoreIcon
              className={`${classes.expandIcon} ${
                open ? classes.expanded : ''
              }`}
            />
          </IconButton>
        </TableCell>
        <TableCell className={classes.clusterCell}>
          <div className={`${classes.clusterHeader} ${dim}`}>
            <FragmentationTypeChip type={cluster.type} />
            <ClusterScore cluster={cluster} />
            <ClusterScope cluster={cluster} />
          </div>
          <ClusterMessage
            cluster={cluster}
            className={`${classes.message} ${dim}`}
          />
          <ClusterNextStep
            cluster={cluster}
            className={`${classes.message} ${dim}`}
          />
          <StyleConventions cluster={cluster} />
          {/* A div, not the default p: a p may not hold the list. */}
          <Typography
            variant="body2"
            component="div"
            className={`${classes.inlineApis} ${dim}`}
          >
            <span className={classes.inlineApisLabel}>
              {t('fragmentation.table.columns.apis')}:
            </span>{' '}
            <ul className={classes.inlineMembers}>
              {members.members.map(member => (
                <li key={member.entityRef}>
                  <MemberLink member={member} />
                </li>
              ))}
            </ul>
          </Typography>
          <ClusterDismissal
            cluster={cluster}
            dismissal={dismissal}
            onChange={onDismissalChange}
          />
        </TableCell>
        <TableCell className={`${classes.apisColumn} ${dim}`}>
          <ul className={classes.members}>
            {members.members.map(member => (
              <li key={member.entityRef}>
                <Typography variant="body2" component="span">
                  <MemberLink member={member} />
                </Typography>
              </li>
            ))}
          </ul>
          <MoreMembers state={members} capped={capped} />
        </TableCell>
        <TableCell align="right" className={`${classes.shared} ${dim}`}>
          <SharedOperationCount cluster={cluster} />
        </TableCell>
      </TableRow>
      <TableRow id={detailId} hidden={!open} className={rowClass}>
        {open && (
          <TableCell
            colSpan={FRAGMENTATION_COLUMNS}
            className={classes.detailCell}
          >
            <div className={classes.detail}>
              <ClusterComparison cluster={cluster} />
            </div>
          </TableCell>
        )}
      </TableRow>
    </>
  );
}
