import { useId } from 'react';
import { InfoCard, Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  MethodApiStyle,
  MethodModel,
  MethodResource,
  MethodStation,
  nextStationId,
  stationResources,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsTranslationRef } from '../../translation';
import { visuallyHidden } from '../EntityApiOpsCommon';

const useStyles = makeStyles(theme => ({
  heading: {
    marginBottom: theme.spacing(0.5),
  },
  description: {
    marginBottom: theme.spacing(2),
  },
  subheading: {
    ...theme.typography.overline,
    lineHeight: 1.5,
    color: theme.palette.text.secondary,
    margin: theme.spacing(2, 0, 1),
  },
  steps: {
    margin: 0,
    paddingLeft: theme.spacing(3),
    '& > li + li': {
      marginTop: theme.spacing(0.75),
    },
  },
  resources: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    '& > li + li': {
      marginTop: theme.spacing(1.5),
    },
  },
  resourceTitle: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.5, 1),
    fontWeight: theme.typography.fontWeightMedium as number,
  },
  visuallyHidden,
}));

/** The categories of resources the plugin has names for. */
const CATEGORIES = ['canvas', 'guideline', 'checklist', 'template'] as const;

type KnownCategory = (typeof CATEGORIES)[number];

function isKnownCategory(category: string): category is KnownCategory {
  return (CATEGORIES as readonly string[]).includes(category);
}

/** One resource: its name (a CanvasCreator link for a canvas), kind and purpose. */
function ResourceItem(props: { resource: MethodResource }) {
  const { resource } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const category = isKnownCategory(resource.category)
    ? t(`entityContent.stationGuide.categories.${resource.category}`)
    : resource.category;
  return (
    <li>
      <Typography
        variant="body2"
        component="div"
        className={classes.resourceTitle}
      >
        {resource.canvasCreatorUrl ? (
          <Link to={resource.canvasCreatorUrl} externalLinkIcon>
            {resource.title}
            <span className={classes.visuallyHidden}>
              {` (${t('entityContent.stationGuide.openCanvas')})`}
            </span>
          </Link>
        ) : (
          <span>{resource.title}</span>
        )}
        <Chip size="small" variant="outlined" label={category} />
        {resource.draft && (
          <Chip
            size="small"
            variant="outlined"
            label={t('entityContent.stationGuide.draft')}
          />
        )}
      </Typography>
      {resource.description && (
        <Typography variant="body2" color="textSecondary">
          {resource.description}
        </Typography>
      )}
    </li>
  );
}

/** The steps and resources of one station, under a heading saying which. */
function StationPart(props: {
  heading: string;
  station: MethodStation;
  method: MethodModel;
  cycleTitle: string;
  apiStyle?: MethodApiStyle;
}) {
  const { heading, station, method, cycleTitle, apiStyle } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const headingId = useId();
  const resources = stationResources(method, station.id, apiStyle);

  return (
    <section aria-labelledby={headingId} data-station={station.id}>
      <Typography
        id={headingId}
        variant="h6"
        component="h3"
        className={classes.heading}
      >
        {heading}
      </Typography>
      {station.description && (
        <Typography
          variant="body2"
          color="textSecondary"
          className={classes.description}
        >
          {station.description}
        </Typography>
      )}

      <Typography component="h4" className={classes.subheading}>
        {t('entityContent.stationGuide.steps')}
      </Typography>
      {station.steps.length > 0 ? (
        <Typography variant="body2" component="ol" className={classes.steps}>
          {station.steps.map((step, index) => (
            <li key={index}>{step}</li>
          ))}
        </Typography>
      ) : (
        <Typography variant="body2">
          {t('entityContent.stationGuide.noSteps', {
            cycle: cycleTitle,
            version: method.dataVersion,
          })}
        </Typography>
      )}

      <Typography component="h4" className={classes.subheading}>
        {t('entityContent.stationGuide.resources')}
      </Typography>
      {resources.length > 0 ? (
        <ul className={classes.resources}>
          {resources.map(resource => (
            <ResourceItem key={resource.id} resource={resource} />
          ))}
        </ul>
      ) : (
        <Typography variant="body2">
          {t('entityContent.stationGuide.noResources')}
        </Typography>
      )}
    </section>
  );
}

/**
 * What the method has for the work where the API stands, in its cycle and
 * the user's language: the steps and resources (canvases with their
 * CanvasCreator links, guidelines, checklists, templates) of its current
 * station and of the next one to reach; for an API on no station of the
 * cycle, of the station the method starts at. Design canvases of another
 * API style than `apiStyle` are left out, as the method does.
 */
export function StationGuide(props: {
  method: MethodModel;
  /** The API's station in the method's cycle, or `unassessed`. */
  stationId: string;
  apiStyle?: MethodApiStyle;
}) {
  const { method, stationId, apiStyle } = props;
  const { t } = useTranslationRef(apiopsTranslationRef);
  const cycleTitle =
    method.cycles.find(cycle => cycle.id === method.cycle)?.title ??
    method.cycle;
  const stationOf = (id: string) => method.stations.find(s => s.id === id);
  const current = stationOf(stationId);
  const next = method.stations.length
    ? stationOf(nextStationId(method.stations, stationId))
    : undefined;

  const parts: Array<{ heading: string; station: MethodStation }> = [];
  if (current) {
    parts.push({
      heading: t('entityContent.stationGuide.current', {
        station: current.title,
      }),
      station: current,
    });
  }
  if (next && next !== current) {
    parts.push({
      heading: current
        ? t('entityContent.stationGuide.next', { station: next.title })
        : t('entityContent.stationGuide.start', { station: next.title }),
      station: next,
    });
  }

  return (
    <InfoCard
      title={t('entityContent.stationGuide.title')}
      subheader={t('entityContent.stationGuide.subheader', {
        cycle: cycleTitle,
        version: method.dataVersion,
      })}
    >
      <Grid container spacing={4}>
        {parts.map(part => (
          <Grid
            item
            xs={12}
            md={parts.length > 1 ? 6 : 12}
            key={part.station.id}
          >
            <StationPart
              heading={part.heading}
              station={part.station}
              method={method}
              cycleTitle={cycleTitle}
              apiStyle={apiStyle}
            />
          </Grid>
        ))}
      </Grid>
    </InfoCard>
  );
}
