import { FormEvent, useCallback, useEffect, useMemo, useState } from 'react';
import { parseEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  apiopsAssessmentCreatePermission,
  Assessment,
  assessmentRequestLimits,
  deriveStation,
  isEvidenceUrl,
  MethodModel,
  MethodStation,
  parseAssessmentRequest,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsApiRef } from '../../api';
import { apiopsTranslationRef } from '../../translation';
import { SeverityStatus } from '../EntityApiOpsCommon';
import { useStationLabels } from '../../hooks';
import {
  AssessmentDraft,
  buildAssessmentRequest,
  draftFromAssessment,
  invalidEvidence,
} from './assessmentDraft';
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
  footer: {
    marginTop: theme.spacing(3),
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
  },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
  },
}));

type Outcome =
  | { type: 'recorded'; station: string }
  | { type: 'invalid' }
  | { type: 'rejected'; message: string }
  | { type: 'failed'; message: string };

function errorStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** The server's own words for an error, when it sent any. */
function errorMessage(error: unknown): string {
  const e = error as {
    body?: { error?: { message?: unknown } };
    cause?: { message?: unknown };
    message?: unknown;
  };
  for (const message of [e?.body?.error?.message, e?.cause?.message]) {
    if (typeof message === 'string' && message) return message;
  }
  return typeof e?.message === 'string' ? e.message : String(error);
}

/** Stations, in cycle order, having the criterion. */
function stationsOf(
  stations: MethodStation[],
  criterionId: string,
): MethodStation[] {
  return stations.filter(station => station.criteria.includes(criterionId));
}

/**
 * The assessment form: every criterion of the cycle, grouped by station
 * (a criterion shared by stations is shown under each, with one answer),
 * pre-filled from the latest assessment. Users the permission policy does not
 * allow to record assessments get an explanation instead.
 */
export function AssessmentForm(props: {
  entityRef: string;
  method: MethodModel;
  latestAssessment?: Assessment;
  /** The API's current station (highlighted and expanded). */
  stationId: string;
  onRecorded: (assessment: Assessment) => void;
}) {
  const { entityRef, method, latestAssessment, stationId, onRecorded } = props;
  const { t } = useTranslationRef(apiopsTranslationRef);
  const permission = usePermission({
    permission: apiopsAssessmentCreatePermission,
    resourceRef: entityRef,
  });
  const [forbidden, setForbidden] = useState(false);
  const cycleTitle =
    method.cycles.find(cycle => cycle.id === method.cycle)?.title ??
    method.cycle;

  let content;
  if (permission.loading) {
    content = (
      <Progress aria-label={t('entityContent.assessment.checkingPermission')} />
    );
  } else if (forbidden || (!permission.allowed && !permission.error)) {
    content = (
      <Alert severity="info">
        <AlertTitle>{t('entityContent.assessment.deniedTitle')}</AlertTitle>
        {t('entityContent.assessment.denied')}
      </Alert>
    );
  } else {
    content = (
      <AssessmentFormFields
        entityRef={entityRef}
        method={method}
        latestAssessment={latestAssessment}
        stationId={stationId}
        onRecorded={onRecorded}
        onForbidden={() => setForbidden(true)}
      />
    );
  }

  return (
    <InfoCard
      title={t('entityContent.assessment.title')}
      subheader={t('entityContent.assessment.subheader', {
        cycle: cycleTitle,
      })}
    >
      {content}
    </InfoCard>
  );
}

function AssessmentFormFields(props: {
  entityRef: string;
  method: MethodModel;
  latestAssessment?: Assessment;
  stationId: string;
  onRecorded: (assessment: Assessment) => void;
  onForbidden: () => void;
}) {
  const {
    entityRef,
    method,
    latestAssessment,
    stationId,
    onRecorded,
    onForbidden,
  } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const {
    label: stationTitle,
    stageLabel,
    criterionLabel,
  } = useStationLabels(method);
  const apiopsApi = useApi(apiopsApiRef);
  const { stations } = method;

  const [draft, setDraft] = useState<AssessmentDraft>(() =>
    draftFromAssessment(method, latestAssessment),
  );
  const [blurred, setBlurred] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(
    () =>
      new Set([
        stations.some(station => station.id === stationId)
          ? stationId
          : stations[0]?.id,
      ]),
  );
  const [focusId, setFocusId] = useState<string | undefined>();

  useEffect(() => {
    if (focusId) {
      document.getElementById(focusId)?.focus();
      setFocusId(undefined);
    }
  }, [focusId]);

  const onChange = useCallback(
    (criterionId: string, change: CriterionFieldChange) => {
      setDraft(previous => {
        switch (change.field) {
          case 'answer':
            return {
              ...previous,
              answers: { ...previous.answers, [criterionId]: change.value },
            };
          case 'evidence':
            return {
              ...previous,
              evidence: { ...previous.evidence, [criterionId]: change.value },
            };
          default:
            return {
              ...previous,
              notes: { ...previous.notes, [criterionId]: change.value },
            };
        }
      });
    },
    [],
  );

  const onEvidenceBlur = useCallback((criterionId: string) => {
    setBlurred(previous =>
      previous.has(criterionId)
        ? previous
        : new Set([...previous, criterionId]),
    );
  }, []);

  const toggle = (id: string) =>
    setExpanded(previous => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  // For each station and criterion, the other stations sharing the
  // criterion (stable arrays, so that unchanged criteria do not re-render).
  const sharedWith = useMemo(() => {
    const byStation: Record<string, Record<string, string[]>> = {};
    for (const station of stations) {
      byStation[station.id] = {};
      for (const criterionId of station.criteria) {
        byStation[station.id][criterionId] = stationsOf(stations, criterionId)
          .filter(other => other.id !== station.id)
          .map(other => other.title);
      }
    }
    return byStation;
  }, [stations]);

  const preview = useMemo(
    () => (stations.length > 0 ? deriveStation(stations, draft.answers) : ''),
    [stations, draft.answers],
  );

  const showsEvidenceError = (criterionId: string) => {
    const value = draft.evidence[criterionId]?.trim();
    return (
      Boolean(value) &&
      (submitted || blurred.has(criterionId)) &&
      !isEvidenceUrl(value!)
    );
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setOutcome(undefined);

    const invalid = invalidEvidence(draft);
    if (invalid.length > 0) {
      const invalidStations = stations.filter(station =>
        station.criteria.some(id => invalid.includes(id)),
      );
      setExpanded(
        previous =>
          new Set([...previous, ...invalidStations.map(station => station.id)]),
      );
      if (invalidStations.length > 0) {
        const first = invalidStations[0];
        const criterionId = first.criteria.find(id => invalid.includes(id))!;
        setFocusId(`apiops-${first.id}-${criterionId}-evidence`);
      }
      setOutcome({ type: 'invalid' });
      return;
    }

    const parsed = parseAssessmentRequest(
      buildAssessmentRequest(method, draft),
    );
    if (!parsed.ok) {
      setOutcome({ type: 'rejected', message: parsed.message });
      return;
    }

    setSubmitting(true);
    try {
      const recorded = await apiopsApi.recordAssessment(
        parseEntityRef(entityRef),
        parsed.value,
      );
      setOutcome({ type: 'recorded', station: recorded.station });
      onRecorded(recorded);
    } catch (error) {
      const status = errorStatus(error);
      if (status === 403) {
        onForbidden();
      } else if (status === 400) {
        setOutcome({ type: 'rejected', message: errorMessage(error) });
      } else {
        setOutcome({ type: 'failed', message: errorMessage(error) });
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      {stations.map(station => {
        const met = station.criteria.filter(
          id => draft.answers[id] === 'met',
        ).length;
        const total = station.criteria.length;
        const progress = t('entityContent.assessment.stationProgress', {
          met: String(met),
          total: String(total),
        });
        const summaryId = `apiops-${station.id}-summary`;
        return (
          <Accordion
            key={station.id}
            expanded={expanded.has(station.id)}
            onChange={() => toggle(station.id)}
            TransitionProps={{ unmountOnExit: true }}
          >
            <AccordionSummary
              expandIcon={<ExpandMoreIcon />}
              id={summaryId}
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
                  {stageLabel(station.lifecycleStage)}
                </Typography>
                {station.id === stationId && (
                  <Chip
                    size="small"
                    color="primary"
                    label={t('entityContent.assessment.currentStation')}
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
                  label={criterionLabel(criterionId)}
                  answer={draft.answers[criterionId] ?? 'unknown'}
                  evidence={draft.evidence[criterionId] ?? ''}
                  note={draft.notes[criterionId] ?? ''}
                  evidenceError={showsEvidenceError(criterionId)}
                  sharedWith={sharedWith[station.id][criterionId]}
                  disabled={submitting}
                  onChange={onChange}
                  onEvidenceBlur={onEvidenceBlur}
                />
              ))}
            </AccordionDetails>
          </Accordion>
        );
      })}

      <div className={classes.footer}>
        <TextField
          id="apiops-assessment-note"
          label={t('entityContent.assessment.note')}
          value={draft.note}
          onChange={event =>
            setDraft(previous => ({ ...previous, note: event.target.value }))
          }
          inputProps={{ maxLength: assessmentRequestLimits.maxNoteLength }}
          disabled={submitting}
          variant="outlined"
          multiline
          minRows={2}
          fullWidth
        />
        {preview && (
          <Typography variant="body2" role="status">
            {t('entityContent.assessment.preview', {
              station: stationTitle(preview),
            })}
          </Typography>
        )}
        {outcome?.type === 'invalid' && (
          <Alert severity="error" role="alert">
            {t('entityContent.assessment.invalid')}
          </Alert>
        )}
        {outcome?.type === 'rejected' && (
          <Alert severity="error" role="alert">
            {t('entityContent.assessment.rejected', {
              message: outcome.message,
            })}
          </Alert>
        )}
        {outcome?.type === 'failed' && (
          <Alert severity="error" role="alert">
            {t('entityContent.assessment.failed', {
              message: outcome.message,
            })}
          </Alert>
        )}
        {outcome?.type === 'recorded' && (
          <Alert severity="success" role="status">
            {t('entityContent.assessment.recorded', {
              station: stationTitle(outcome.station),
            })}
          </Alert>
        )}
        <div className={classes.actions}>
          <Button
            type="submit"
            variant="contained"
            color="primary"
            disabled={submitting}
          >
            {submitting
              ? t('entityContent.assessment.submitting')
              : t('entityContent.assessment.submit')}
          </Button>
        </div>
      </div>
    </form>
  );
}
