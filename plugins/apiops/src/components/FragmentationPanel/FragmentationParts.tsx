import { Fragment, ReactNode, useCallback, useMemo } from 'react';
import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  EntityRefLink,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type {
  FragmentationCluster,
  FragmentationClusterMember,
  PathCasing,
  VersioningScheme,
} from '@apiops-backstage/plugin-apiops-common';
import { useAppLocale } from '../../hooks';
import { apiopsTranslationRef } from '../../translation';
import { factGrid } from '../factGrid';
import { severityColor } from '../colors';
import {
  StyleDimension,
  formatScore,
  operationCountOf,
  overlapRoleOf,
  readableMessage,
  refName,
  sameRef,
  styleBreaksOf,
  styleConventionOf,
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
    color: severityColor(theme, 'warning'),
    borderColor: severityColor(theme, 'warning'),
  },
  score: {
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
  },
  scoreValue: {
    fontWeight: theme.typography.fontWeightBold as number,
  },
  scoreHint: {
    ...theme.typography.caption,
    color: theme.palette.text.secondary,
    whiteSpace: 'normal',
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
  conventions: factGrid(theme, { rowGap: 0.25, marginTop: 1 }),
  breaks: {
    margin: theme.spacing(1, 0, 0),
  },
}));

/** The name of a style in one dimension, e.g. `kebab-case`. */
function useStyleName(): (
  dimension: StyleDimension,
  style: PathCasing | VersioningScheme,
) => string {
  const { t } = useTranslationRef(apiopsTranslationRef);
  return useCallback(
    (dimension, style) => {
      if (dimension === 'pathCasing') {
        return PATH_CASINGS.includes(style as PathCasing)
          ? t(`fragmentation.pathCasings.${style as PathCasing}`)
          : style;
      }
      return VERSIONING_SCHEMES.includes(style as VersioningScheme)
        ? t(`fragmentation.versioningSchemes.${style as VersioningScheme}`)
        : style;
    },
    [t],
  );
}

const DIMENSIONS: readonly StyleDimension[] = ['pathCasing', 'versioning'];

/**
 * The conventions of the scope of a `style-inconsistency` cluster, per
 * dimension: the convention and how many APIs follow it, then the styles off
 * it with their counts; or the split, when no style has a clear majority.
 * Nothing for the other types (and for clusters without conventions).
 */
export function StyleConventions(props: { cluster: FragmentationCluster }) {
  const { cluster } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const styleName = useStyleName();
  const rows = DIMENSIONS.flatMap(dimension => {
    const split = styleConventionOf(cluster, dimension);
    return split && split.apiCount > 0 ? [{ dimension, split }] : [];
  });
  if (rows.length === 0) {
    return null;
  }
  return (
    <dl
      className={classes.conventions}
      aria-label={t('fragmentation.style.conventionsLabel')}
    >
      {rows.map(({ dimension, split }) => {
        const counts = (
          Object.entries(split.styleCounts) as Array<
            [PathCasing | VersioningScheme, number]
          >
        )
          .filter(([style, count]) => style !== split.convention && count > 0)
          .map(([style, count]) =>
            t('fragmentation.style.styleCount', {
              style: styleName(dimension, style),
              total: count.toLocaleString(),
            }),
          )
          .join(', ');
        let text: string;
        if (split.convention) {
          text = t('fragmentation.style.convention', {
            style: styleName(dimension, split.convention),
            followers: split.followerCount.toLocaleString(),
            apis: split.apiCount.toLocaleString(),
          });
          if (counts) {
            text += `; ${t('fragmentation.style.offConvention', {
              styles: counts,
            })}`;
          }
        } else {
          text = t('fragmentation.style.noConvention', { styles: counts });
        }
        return (
          <Fragment key={dimension}>
            <dt>{t(`fragmentation.member.${dimension}`)}</dt>
            <dd>{text}</dd>
          </Fragment>
        );
      })}
    </dl>
  );
}

/**
 * How one API breaks the conventions of the scope of a `style-inconsistency`
 * cluster, one sentence per dimension: "This API uses camelCase paths where
 * 47 of the 52 REST APIs of payments use kebab-case." Nothing when the API
 * breaks none (or the cluster has no conventions).
 */
export function StyleBreaks(props: {
  cluster: FragmentationCluster;
  entityRef: string;
}) {
  const { cluster, entityRef } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const styleName = useStyleName();
  if (cluster.type !== 'style-inconsistency') {
    return null;
  }
  const breaks = styleBreaksOf(cluster, entityRef);
  if (breaks.length === 0) {
    return null;
  }
  const scope = (
    <EntityRefLink
      entityRef={cluster.scope}
      defaultKind={cluster.details.scopeKind}
    />
  );
  return (
    <>
      {breaks.map(
        ({ dimension, style, convention, followerCount, apiCount }) => {
          let self: string;
          let conventionText: string | undefined;
          if (dimension === 'pathCasing') {
            self =
              style === 'mixed'
                ? t('fragmentation.style.casingMixed')
                : t('fragmentation.style.casingSelf', {
                    style: styleName(dimension, style),
                  });
            conventionText = convention
              ? t('fragmentation.style.casingConvention', {
                  style: styleName(dimension, convention),
                })
              : undefined;
          } else {
            self = t(
              `fragmentation.style.versioningSelf.${style as VersioningScheme}`,
            );
            conventionText =
              convention && convention !== 'mixed'
                ? t(
                    `fragmentation.style.versioningConvention.${
                      convention as Exclude<VersioningScheme, 'mixed'>
                    }`,
                  )
                : undefined;
          }
          return (
            <Typography
              key={dimension}
              variant="body2"
              className={classes.breaks}
            >
              {conventionText
                ? t('fragmentation.style.breaks', {
                    self,
                    followers: followerCount.toLocaleString(),
                    apis: apiCount.toLocaleString(),
                    scope,
                    convention: conventionText,
                  })
                : t('fragmentation.style.mixedAlone', { self })}
            </Typography>
          );
        },
      )}
    </>
  );
}

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
  return member.title || refName(member.entityRef);
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
 * The score of a cluster, labelled by what it means for the cluster's type
 * (e.g. "Similarity 91%") and followed by what it measures. Version sprawl
 * and name collisions have no degree (their score is always 1): they show
 * the figures that made them instead.
 */
export function ClusterScore(props: { cluster: FragmentationCluster }) {
  const { cluster } = props;
  const classes = useStyles();
  const locale = useAppLocale();
  const { t } = useTranslationRef(apiopsTranslationRef);
  let figure: ReactNode;
  if (cluster.type === 'version-sprawl') {
    figure = t('fragmentation.scoreFigures.version-sprawl', {
      live: cluster.details.liveVersions.length.toLocaleString(locale),
      max: cluster.details.maxLiveVersions.toLocaleString(locale),
    });
  } else if (cluster.type === 'name-collision') {
    figure = t('fragmentation.scoreFigures.name-collision', {
      name: cluster.details.nameKey,
      count: cluster.memberCount ?? cluster.members.length,
    });
  } else {
    figure = t('fragmentation.score', {
      label: t(`fragmentation.scoreLabels.${cluster.type}`),
      percent: (
        <span className={classes.scoreValue}>
          {formatScore(cluster.score, locale)}
        </span>
      ),
    });
  }
  return (
    <Typography variant="body2" component="span" className={classes.score}>
      {figure}
      <span className={classes.scoreHint}>
        {' '}
        {t('fragmentation.scoreHint', {
          hint: t(`fragmentation.scoreHints.${cluster.type}`),
        })}
      </span>
    </Typography>
  );
}

/**
 * The message of a cluster, its APIs named by their titles rather than
 * their entity refs.
 */
export function ClusterMessage(props: {
  cluster: FragmentationCluster;
  className?: string;
}) {
  const { cluster, className } = props;
  return (
    <Typography variant="body2" className={className}>
      {readableMessage(cluster, memberName)}
    </Typography>
  );
}

/** Names joined for a sentence, at most `max` of them: "A, B and 2 more". */
function useNameList(): (names: string[], max?: number) => string {
  const { t } = useTranslationRef(apiopsTranslationRef);
  return useCallback(
    (names, max = 3) => {
      const shown = names.slice(0, max);
      const rest = names.length - shown.length;
      if (rest > 0) {
        return t('fragmentation.nextStep.listMore', {
          names: shown.join(', '),
          count: rest,
        });
      }
      if (shown.length <= 1) {
        return shown.join('');
      }
      return t('fragmentation.nextStep.listLast', {
        names: shown.slice(0, -1).join(', '),
        last: shown[shown.length - 1],
      });
    },
    [t],
  );
}

/**
 * What to do about a cluster, in one sentence naming its APIs by title:
 * e.g. for a duplicate "Compare A and B and retire one, or dismiss the
 * cluster if they are different APIs."
 */
export function ClusterNextStep(props: {
  cluster: FragmentationCluster;
  className?: string;
}) {
  const { cluster, className } = props;
  const { t } = useTranslationRef(apiopsTranslationRef);
  const list = useNameList();
  const names = cluster.members.map(memberName);
  const nameOfRef = (ref: string) => {
    const member = cluster.members.find(m => sameRef(m.entityRef, ref));
    return member ? memberName(member) : ref;
  };
  let step: ReactNode;
  switch (cluster.type) {
    case 'overlap':
      step = t('fragmentation.nextStep.overlap', {
        contained: list(
          ([] as string[])
            .concat(cluster.details.contained as string[] | string)
            .map(nameOfRef),
        ),
        container: nameOfRef(cluster.details.container),
      });
      break;
    case 'version-sprawl':
      step = t('fragmentation.nextStep.version-sprawl', {
        versions: list(
          cluster.details.liveVersions
            .slice(0, -1)
            .map(version =>
              t('fragmentation.member.versionValue', { version }),
            ),
        ),
      });
      break;
    case 'style-inconsistency':
      step = t('fragmentation.nextStep.style-inconsistency', {
        apis: list(names),
        scope: refName(cluster.scope),
      });
      break;
    default:
      step = t(`fragmentation.nextStep.${cluster.type}`, {
        apis: list(names),
      });
  }
  return (
    <Typography variant="body2" className={className}>
      <strong>{t('fragmentation.nextStep.label')}</strong> {step}
    </Typography>
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
  /** The member's value, or undefined when it has none or it is not known. */
  value: (member: FragmentationClusterMember) => ReactNode | undefined;
  /**
   * What a missing value means: `none`, the API has none (e.g. no owner);
   * `unknown`, the cluster does not compute it for the API.
   */
  missing: 'none' | 'unknown';
}

/**
 * What tells the members of a cluster apart: owner, system, version and
 * lifecycle, and from the cluster's details their operation counts, their
 * role in an overlap and their styles. Only the facts known for at least
 * one member.
 */
export function useMemberFacts(cluster: FragmentationCluster): MemberFact[] {
  const { t } = useTranslationRef(apiopsTranslationRef);
  const styleName = useStyleName();
  return useMemo(() => {
    // A style inconsistency lists only the outliers of each dimension: a
    // member not listed in a dimension whose convention others break is not
    // off it.
    const notOff = (dimension: StyleDimension) =>
      cluster.type === 'style-inconsistency' &&
      styleConventionOf(cluster, dimension)?.convention &&
      Object.keys(cluster.details[dimension]).length > 0
        ? t('fragmentation.style.notOff')
        : undefined;
    const facts: MemberFact[] = [
      {
        key: 'owner',
        missing: 'none',
        label: t('fragmentation.member.owner'),
        value: member =>
          member.owner ? (
            <EntityRefLink entityRef={member.owner} defaultKind="group" />
          ) : undefined,
      },
      {
        key: 'system',
        missing: 'none',
        label: t('fragmentation.member.system'),
        value: member =>
          member.system ? (
            <EntityRefLink entityRef={member.system} defaultKind="system" />
          ) : undefined,
      },
      {
        key: 'version',
        missing: 'none',
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
        missing: 'none',
        label: t('fragmentation.member.lifecycle'),
        value: member => member.lifecycle,
      },
      {
        key: 'operations',
        missing: 'unknown',
        label: t('fragmentation.member.operations'),
        value: member => {
          const count = operationCountOf(cluster, member.entityRef);
          return count === undefined ? undefined : count.toLocaleString();
        },
      },
      {
        key: 'role',
        missing: 'unknown',
        label: t('fragmentation.member.role'),
        value: member => {
          const role = overlapRoleOf(cluster, member.entityRef);
          return role ? t(`fragmentation.roles.${role}`) : undefined;
        },
      },
      {
        key: 'pathCasing',
        missing: 'unknown',
        label: t('fragmentation.member.pathCasing'),
        value: member => {
          const casing = styleOf(cluster, 'pathCasing', member.entityRef);
          return casing
            ? styleName('pathCasing', casing)
            : notOff('pathCasing');
        },
      },
      {
        key: 'versioning',
        missing: 'unknown',
        label: t('fragmentation.member.versioning'),
        value: member => {
          const scheme = styleOf(cluster, 'versioning', member.entityRef);
          return scheme
            ? styleName('versioning', scheme)
            : notOff('versioning');
        },
      },
    ];
    return facts.filter(fact =>
      cluster.members.some(member => fact.value(member) !== undefined),
    );
  }, [cluster, t, styleName]);
}
