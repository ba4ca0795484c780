import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type {
  FragmentationCluster,
  PairEvidence,
} from '@apiops-backstage/plugin-apiops-common';
import { useAppLocale } from '../../hooks';
import { apiopsTranslationRef } from '../../translation';
import { formatScore } from './fragmentationDetails';

const useStyles = makeStyles(theme => ({
  title: {
    marginTop: theme.spacing(1),
  },
  list: {
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: theme.spacing(2.5),
  },
}));

/** The short name of an entity ref: `api:default/orders` → `orders`. */
function shortRef(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}

/**
 * The pairs of a `duplicate` or `overlap` cluster and the common operations,
 * or the interface figures of a `family`; undefined for the other types and
 * for clusters of snapshots taken before the evidence was reported.
 */
function evidenceOf(
  cluster: FragmentationCluster,
):
  | { pairs: PairEvidence[]; generic: string[] }
  | { family: Extract<FragmentationCluster, { type: 'family' }>['details'] }
  | undefined {
  if (cluster.type === 'duplicate' || cluster.type === 'overlap') {
    // Optional: a snapshot taken before the evidence has none.
    const pairs = cluster.details.pairs as PairEvidence[] | undefined;
    if (!pairs || pairs.length === 0) {
      return undefined;
    }
    return {
      pairs,
      generic:
        (cluster.details.genericOperations as string[] | undefined) ?? [],
    };
  }
  if (cluster.type === 'family') {
    return { family: cluster.details };
  }
  return undefined;
}

/**
 * Why a cluster was found: for duplicates and overlaps the linked pairs with
 * their shared operations, shape matches, scores and weighted evidence, and
 * the shared operations that count for little for being common in the
 * catalog; for a family its interface, shape matches and evidence.
 */
export function ClusterEvidence(props: {
  cluster: FragmentationCluster;
  /** Most pairs listed. */
  maxPairs?: number;
  /** The heading element, to fit the outline of the page. */
  headingComponent?: 'h3' | 'h4' | 'h5';
}) {
  const { cluster, maxPairs = 5, headingComponent = 'h4' } = props;
  const classes = useStyles();
  const locale = useAppLocale();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const evidence = evidenceOf(cluster);
  if (!evidence) {
    return null;
  }
  const number = (value: number) =>
    value.toLocaleString(locale, { maximumFractionDigits: 2 });
  return (
    <>
      <Typography
        variant="subtitle2"
        component={headingComponent}
        className={classes.title}
      >
        {t('fragmentation.evidence.title')}
      </Typography>
      {'family' in evidence ? (
        <Typography variant="body2">
          {t('fragmentation.evidence.family', {
            interface: number(evidence.family.interfaceOperationCount),
            schema: number(evidence.family.schemaMatches),
            evidence: number(evidence.family.evidence),
            owners: evidence.family.owners.map(shortRef).join(', ') || '—',
          })}
        </Typography>
      ) : (
        <>
          <ul
            className={classes.list}
            aria-label={t('fragmentation.evidence.label')}
          >
            {evidence.pairs.slice(0, maxPairs).map(pair => (
              <li key={`${pair.from} ${pair.to}`}>
                <Typography variant="body2" component="span">
                  <strong>
                    {t('fragmentation.evidence.pair', {
                      from: shortRef(pair.from),
                      to: shortRef(pair.to),
                    })}
                  </strong>
                  {': '}
                  {t('fragmentation.evidence.pairFigures', {
                    shared: number(pair.sharedOperations),
                    schema: number(pair.schemaMatches),
                    jaccard: formatScore(pair.jaccard, locale),
                    containment: formatScore(pair.containment, locale),
                    evidence: number(pair.evidence),
                  })}
                </Typography>
              </li>
            ))}
          </ul>
          {evidence.pairs.length > maxPairs && (
            <Typography variant="body2" color="textSecondary">
              {t('fragmentation.evidence.morePairs', {
                count: evidence.pairs.length - maxPairs,
              })}
            </Typography>
          )}
          {evidence.generic.length > 0 && (
            <Typography variant="body2" color="textSecondary">
              {t('fragmentation.evidence.generic', {
                operations: evidence.generic.slice(0, 5).join(', '),
              })}
            </Typography>
          )}
        </>
      )}
    </>
  );
}
