import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import type { MethodStation } from '@apiops-backstage/plugin-apiops-common';
import { apiopsTranslationRef } from '../../translation';
import { useFocusRingStyles } from '../focusRing';
import { SeverityStatus } from '../EntityApiOpsCommon';
import { AssessmentDraft } from './assessmentDraft';
import { CriterionField, CriterionFieldChange } from './CriterionField';

const useStyles = makeStyles(theme => ({
  summary: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(0.5, 1.5),
    width: '100%',
  },
  stationTitle: {
    fontWeight: theme.typography.fontWeightBold as number,
  },
  stage: {
    color: theme.palette.text.secondary,
  },
  progress: {
    marginLeft: 'auto',
  },
  details: {
    display: 'block',
  },
}));

/**
 * One station of the assessment form: its title, stage and how many of its
 * criteria are met, expanding to a field per criterion.
 */
export function StationAccordion(props: {
  station: MethodStation;
  /** This is the API's current station. */
  current: boolean;
  /** The answers do not pass this station, before the current one. */
  holdsBack: boolean;
  expanded: boolean;
  onToggle: () => void;
  draft: AssessmentDraft;
  /** For each criterion, the other stations sharing it. */
  sharedWith: Record<string, string[]>;
  evidenceError: (criterionId: string) => boolean;
  disabled: boolean;
  onChange: (criterionId: string, change: CriterionFieldChange) => void;
  onEvidenceBlur: (criterionId: string) => void;
  stageLabel: (stage: string) => string;
  criterionLabel: (id: string) => string;
}) {
  const { station, draft } = props;
  const classes = useStyles();
  const focus = useFocusRingStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const met = station.criteria.filter(id => draft.answers[id] === 'met').length;
  const total = station.criteria.length;
  const progress = t('entityContent.assessment.stationProgress', {
    met: String(met),
    total: String(total),
  });
  return (
    <Accordion
      className={focus.within}
      expanded={props.expanded}
      onChange={props.onToggle}
      TransitionProps={{ unmountOnExit: true }}
    >
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        id={`apiops-${station.id}-summary`}
        aria-controls={`apiops-${station.id}-criteria`}
      >
        <div className={classes.summary}>
          <Typography
            variant="body1"
            component="span"
            className={classes.stationTitle}
          >
            {station.title}
          </Typography>
          <Typography
            variant="caption"
            component="span"
            className={classes.stage}
          >
            {props.stageLabel(station.lifecycleStage)}
          </Typography>
          {props.current && (
            <Chip
              size="small"
              color="primary"
              label={t('entityContent.assessment.currentStation')}
            />
          )}
          {props.holdsBack && (
            <Chip
              size="small"
              variant="outlined"
              label={t('entityContent.assessment.holdsBack')}
            />
          )}
          <Typography
            variant="body2"
            component="span"
            className={classes.progress}
          >
            {met === total ? (
              <SeverityStatus severity="ok">{progress}</SeverityStatus>
            ) : (
              progress
            )}
          </Typography>
        </div>
      </AccordionSummary>
      {/* Accordion wraps the details in a region named by the summary. */}
      <AccordionDetails className={classes.details}>
        {station.criteria.map(criterionId => (
          <CriterionField
            key={criterionId}
            idPrefix={`apiops-${station.id}-${criterionId}`}
            criterionId={criterionId}
            label={props.criterionLabel(criterionId)}
            stationTitle={station.title}
            answer={draft.answers[criterionId] ?? 'unknown'}
            evidence={draft.evidence[criterionId] ?? ''}
            note={draft.notes[criterionId] ?? ''}
            evidenceError={props.evidenceError(criterionId)}
            sharedWith={props.sharedWith[criterionId]}
            disabled={props.disabled}
            onChange={props.onChange}
            onEvidenceBlur={props.onEvidenceBlur}
          />
        ))}
      </AccordionDetails>
    </Accordion>
  );
}
