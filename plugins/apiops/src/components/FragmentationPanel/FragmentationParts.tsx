import { ReactNode, useCallback, useMemo } from 'react';
import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  EntityRefLink,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import type {
  FragmentationCluster,
  FragmentationClusterMember,
  PathCasing,
  VersioningScheme,
} from '@apiops-backstage/plugin-apiops-common';
import { useAppLocale } from '../../hooks';
import { apiopsTranslationRef } from '../../translation';
import {
  formatScore,
  operationCountOf,
  overlapRoleOf,
  styleOf,
} from './fragmentationDetails';

const PATH_CASINGS: readonly PathCasing[] = [
  'kebab',
  'camel',
  'snake',
  'pascal',
  'lower',
  'mixed',
];
const VERSIONING_SCHEMES: readonly VersioningScheme[] = [
  'path',
  'server',
  'none',
  'mixed',
];

const useStyles = makeStyles(theme => ({
  typeChip: {
    fontWeight: theme.typography.fontWeightMedium as number,
    color: theme.palette.warning.main,
    borderColor: theme.palette.warning.main,
  },
  score: {
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
  },
  scoreValue: {
    fontWeight: theme.typography.fontWeightBold as number,
  },
  scope: {
    color: theme.palette.text.secondary,
  },
  operations: {
    listStyle: 'none',
    margin: theme.spacing(0.5, 0, 0),
    padding: 0,
    columnWidth: 300,
    columnGap: theme.spacing(3),
    '& > li': {
      breakInside: 'avoid',
      padding: theme.spacing(0.25, 0),
      overflowWrap: 'anywhere',
    },
  },
  operationsTitle: {
    marginTop: theme.spacing(2),
  },
  more: {
    marginTop: theme.spacing(0.5),
  },
}));

/**
 * The path of the APIOps tab of an API, under its entity page.
 */
export function useApiOpsTabLink(): (entityRef: string) => string {
  const entityLink = useEntityRefLink();
  return useCallback(
    (entityRef: string) => `${entityLink(entityRef).replace(/\/$/, '')}/apiops`,
    [entityLink],
  );
}

/** The name of a member to show: its title, else the name of its ref. */
export function memberName(member: FragmentationClusterMember): string {
  if (member.title) {
    return member.title;
  }
  try {
    return parseEntityRef(member.entityRef).name;
  } catch {
    return member.entityRef;
  }
}

/** A link to the APIOps tab of a member of a cluster, named by its title. */
export function MemberLink(props: {
  member: FragmentationClusterMember;
  className?: string;
}) {
  const { member, className } = props;
  const tabLink = useApiOpsTabLink();
  return (
    <Link to={tabLink(member.entityRef)} className={className}>
      {memberName(member)}
    </Link>
  );
}

/** The type of a cluster as a chip, with the type's explanation as tooltip. */
export function FragmentationTypeChip(props: {
  type: FragmentationCluster['type'];
}) {
  const { type } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  return (
    <Chip
      component="span"
      size="small"
      variant="outlined"
      className={classes.typeChip}
      label={t(`fragmentation.types.${type}`) ?? type}
    />
  );
}

/**
 * The score of a cluster as a percentage, labelled by what it means for the
 * cluster's type (e.g. "Similarity 91%"); the tooltip explains it.
 */
export function ClusterScore(props: { cluster: FragmentationCluster }) {
  const { cluster } = props;
  const classes = useStyles();
  const locale = useAppLocale();
  const { t } = useTranslationRef(apiopsTranslationRef);
  return (
    <Tooltip title={t(`fragmentation.scoreHints.${cluster.type}`) ?? ''}>
      <Typography variant="body2" component="span" className={classes.score}>
        {t('fragmentation.score', {
          label: t(`fragmentation.scoreLabels.${cluster.type}`),
          percent: (
            <span className={classes.scoreValue}>
              {formatScore(cluster.score, locale)}
            </span>
          ),
        })}
      </Typography>
    </Tooltip>
  );
}

/**
 * The system or domain a `style-inconsistency` cluster is limited to:
 * "In <system>". Nothing for the other types.
 */
export function ClusterScope(props: { cluster: FragmentationCluster }) {
  const { cluster } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  if (cluster.type !== 'style-inconsistency') {
    return null;
  }
  return (
    <Typography variant="body2" component="span" className={classes.scope}>
      {t('fragmentation.inScope', {
        scope: (
          <EntityRefLink
            entityRef={cluster.scope}
            defaultKind={cluster.details.scopeKind}
          />
        ),
      })}
    </Typography>
  );
}

/**
 * The operations the members of a cluster share: the first `max` of those
 * the report lists, and how many more there are in all.
 */
export function SharedOperations(props: {
  cluster: FragmentationCluster;
  max?: number;
  /** The heading element, to fit the outline of the page. */
  headingComponent?: 'h3' | 'h4' | 'h5';
}) {
  const { cluster, max, headingComponent = 'h4' } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const total = Math.max(
    cluster.sharedOperationCount,
    cluster.sharedOperations.length,
  );
  if (total === 0) {
    return null;
  }
  const shown = cluster.sharedOperations.slice(0, max);
  const more = total - shown.length;
  return (
    <>
      <Typography
        variant="subtitle2"
        component={headingComponent}
        className={classes.operationsTitle}
      >
        {t('fragmentation.sharedOperations', {
          total: total.toLocaleString(),
        })}
      </Typography>
      <ul
        className={classes.operations}
        aria-label={t('fragmentation.sharedOperationsLabel')}
      >
        {shown.map(operation => (
          <li key={operation}>
            <Typography variant="body2" component="span">
              <code>{operation}</code>
            </Typography>
          </li>
        ))}
      </ul>
      {more > 0 && (
        <Typography
          variant="body2"
          color="textSecondary"
          className={classes.more}
        >
          {t('fragmentation.moreOperations', { count: more })}
        </Typography>
      )}
    </>
  );
}

/** One fact about the members of a cluster, e.g. their owners. */
export interface MemberFact {
  key: string;
  label: string;
  /** The member's value, or undefined when the cluster does not know it. */
  value: (member: FragmentationClusterMember) => ReactNode | undefined;
}

/**
 * What tells the members of a cluster apart: owner, system, version and
 * lifecycle, and from the cluster's details their operation counts, their
 * role in an overlap and their styles. Only the facts known for at least
 * one member.
 */
export function useMemberFacts(cluster: FragmentationCluster): MemberFact[] {
  const { t } = useTranslationRef(apiopsTranslationRef);
  return useMemo(() => {
    const facts: MemberFact[] = [
      {
        key: 'owner',
        label: t('fragmentation.member.owner'),
        value: member =>
          member.owner ? (
            <EntityRefLink entityRef={member.owner} defaultKind="group" />
          ) : undefined,
      },
      {
        key: 'system',
        label: t('fragmentation.member.system'),
        value: member =>
          member.system ? (
            <EntityRefLink entityRef={member.system} defaultKind="system" />
          ) : undefined,
      },
      {
        key: 'version',
        label: t('fragmentation.member.version'),
        value: member =>
          member.version
            ? t('fragmentation.member.versionValue', {
                version: member.version,
              })
            : undefined,
      },
      {
        key: 'lifecycle',
        label: t('fragmentation.member.lifecycle'),
        value: member => member.lifecycle,
      },
      {
        key: 'operations',
        label: t('fragmentation.member.operations'),
        value: member => {
          const count = operationCountOf(cluster, member.entityRef);
          return count === undefined ? undefined : count.toLocaleString();
        },
      },
      {
        key: 'role',
        label: t('fragmentation.member.role'),
        value: member => {
          const role = overlapRoleOf(cluster, member.entityRef);
          return role ? t(`fragmentation.roles.${role}`) : undefined;
        },
      },
      {
        key: 'pathCasing',
        label: t('fragmentation.member.pathCasing'),
        value: member => {
          const casing = styleOf(cluster, 'pathCasing', member.entityRef);
          if (!casing) {
            return undefined;
          }
          return PATH_CASINGS.includes(casing)
            ? t(`fragmentation.pathCasings.${casing}`)
            : casing;
        },
      },
      {
        key: 'versioning',
        label: t('fragmentation.member.versioning'),
        value: member => {
          const scheme = styleOf(cluster, 'versioning', member.entityRef);
          if (!scheme) {
            return undefined;
          }
          return VERSIONING_SCHEMES.includes(scheme)
            ? t(`fragmentation.versioningSchemes.${scheme}`)
            : scheme;
        },
      },
    ];
    return facts.filter(fact =>
      cluster.members.some(member => fact.value(member) !== undefined),
    );
  }, [cluster, t]);
}
