import { FormEvent, useEffect, useMemo, useState } from 'react';
import { parseEntityRef } from '@backstage/catalog-model';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import { makeStyles } from '@material-ui/core/styles';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  ApiAuditEvidence,
  Assessment,
  assessmentRequestLimits,
  deriveStation,
  isEvidenceUrl,
  MethodModel,
  parseAssessmentRequest,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsApiRef } from '../../api';
import { useStationLabels } from '../../hooks';
import { auditSuggestions } from '../DefinitionEvidence/auditSuggestions';
import { apiopsTranslationRef } from '../../translation';
import { useFocusRingStyles } from '../focusRing';
import { buildAssessmentRequest, invalidEvidence } from './assessmentDraft';
import {
  AssessmentOutcome,
  errorMessage,
  errorStatus,
} from './assessmentOutcome';
import { AssessmentOutcomeAlert } from './AssessmentOutcomeAlert';
import { ChecklistImport, ChecklistPrefill } from './ChecklistImport';
import { BACKWARD_CONFIRM_ID, BackwardMoveAlert } from './BackwardMoveAlert';
import { backwardMove, criteriaBefore } from './backwardMove';
import { sharedCriteria } from './sharedCriteria';
import { StationAccordion } from './StationAccordion';
import { useAssessmentDraft } from './useAssessmentDraft';

const useStyles = makeStyles(theme => ({
  prefill: {
    marginBottom: theme.spacing(2),
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

/**
 * The fields of the assessment form, a station per accordion, and its
 * submission: evidence links are checked first (the first wrong one gets
 * the focus), then the request as the backend would, then it is recorded.
 */
export function AssessmentFormFields(props: {
  entityRef: string;
  method: MethodModel;
  latestAssessment?: Assessment;
  stationId: string;
  onRecorded: (assessment: Assessment) => void;
  onForbidden: () => void;
  /** The definition's audit evidence, to pre-fill the criteria it evidences. */
  auditEvidence?: ApiAuditEvidence;
}) {
  const { entityRef, method, stationId, onRecorded, onForbidden } = props;
  const classes = useStyles();
  const focus = useFocusRingStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const {
    label: stationTitle,
    stageLabel,
    criterionLabel,
  } = useStationLabels(method);
  const apiopsApi = useApi(apiopsApiRef);
  const { stations } = method;

  const {
    draft,
    blurred,
    onChange,
    onEvidenceBlur,
    setNote,
    markMet,
    applySuggestions,
    appendNote,
  } = useAssessmentDraft(method, props.latestAssessment);
  const [submitted, setSubmitted] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [outcome, setOutcome] = useState<AssessmentOutcome | undefined>();
  // Opens at the first station not yet passed: by the latest assessment's
  // answers, or the current station when no assessment gives answers.
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => {
    const current = stations.some(station => station.id === stationId);
    if (stations.length === 0) return new Set();
    if (current && !props.latestAssessment) return new Set([stationId]);
    return new Set([deriveStation(stations, draft.answers)]);
  });
  // The resulting station the user confirmed moving the API back to.
  const [confirmedTo, setConfirmedTo] = useState<string | undefined>();
  const [focusId, setFocusId] = useState<string | undefined>();

  const suggestions = useMemo(
    () => auditSuggestions(props.auditEvidence, method),
    [props.auditEvidence, method],
  );
  const [prefilled, setPrefilled] = useState<number | undefined>();

  const onPrefill = () => {
    applySuggestions(
      suggestions.map(s => ({
        criterionId: s.criterionId,
        answer: s.answer,
        note: t('entityContent.audit.prefillNote', { items: s.items }),
      })),
    );
    const stationsToOpen = stations.filter(station =>
      station.criteria.some(id => suggestions.some(s => s.criterionId === id)),
    );
    setExpanded(
      previous =>
        new Set([...previous, ...stationsToOpen.map(station => station.id)]),
    );
    setPrefilled(suggestions.length);
    setOutcome(undefined);
  };

  // An audit report of the method's CLI: its answers and notes, and a line
  // in the assessment's note that names the file.
  const onChecklistPrefill = (prefill: ChecklistPrefill) => {
    applySuggestions(prefill.suggestions, { appendNotes: true });
    appendNote(prefill.assessmentNote);
    const stationsToOpen = stations.filter(station =>
      station.criteria.some(id =>
        prefill.suggestions.some(s => s.criterionId === id),
      ),
    );
    setExpanded(
      previous =>
        new Set([...previous, ...stationsToOpen.map(station => station.id)]),
    );
    setOutcome(undefined);
  };

  useEffect(() => {
    if (focusId) {
      document.getElementById(focusId)?.focus();
      setFocusId(undefined);
    }
  }, [focusId]);

  const toggle = (id: string) =>
    setExpanded(previous => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  // Stable arrays, so that unchanged criteria do not re-render.
  const sharedWith = useMemo(() => sharedCriteria(stations), [stations]);

  const preview = useMemo(
    () => (stations.length > 0 ? deriveStation(stations, draft.answers) : ''),
    [stations, draft.answers],
  );

  const move = useMemo(
    () => backwardMove(stations, draft.answers, stationId),
    [stations, draft.answers, stationId],
  );
  const confirmed = move !== undefined && confirmedTo === move.to;
  const holdingBack = new Set(move?.holding.map(h => h.stationId));

  const onMarkEarlierMet = () => {
    markMet(criteriaBefore(stations, stationId));
    setOutcome(undefined);
  };

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

    if (move && !confirmed) {
      setFocusId(BACKWARD_CONFIRM_ID);
      setOutcome({ type: 'unconfirmed' });
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
    <form onSubmit={onSubmit} noValidate className={focus.within}>
      {suggestions.length > 0 && (
        <Alert
          severity="info"
          className={classes.prefill}
          action={
            <Button color="primary" onClick={onPrefill} disabled={submitting}>
              {t('entityContent.audit.prefillButton')}
            </Button>
          }
        >
          <AlertTitle>
            {t('entityContent.audit.prefillTitle', {
              n: String(suggestions.length),
            })}
          </AlertTitle>
          {prefilled === undefined ? (
            t('entityContent.audit.prefill')
          ) : (
            <span role="status">
              {t('entityContent.audit.prefilled', {
                n: String(prefilled),
              })}
            </span>
          )}
        </Alert>
      )}
      <ChecklistImport
        entityRef={entityRef}
        method={method}
        disabled={submitting}
        criterionLabel={criterionLabel}
        onPrefill={onChecklistPrefill}
        onForbidden={onForbidden}
      />
      {stations.map(station => (
        <StationAccordion
          key={station.id}
          station={station}
          current={station.id === stationId}
          holdsBack={holdingBack.has(station.id)}
          expanded={expanded.has(station.id)}
          onToggle={() => toggle(station.id)}
          draft={draft}
          sharedWith={sharedWith[station.id]}
          evidenceError={showsEvidenceError}
          disabled={submitting}
          onChange={onChange}
          onEvidenceBlur={onEvidenceBlur}
          stageLabel={stageLabel}
          criterionLabel={criterionLabel}
        />
      ))}

      <div className={classes.footer}>
        <TextField
          id="apiops-assessment-note"
          label={t('entityContent.assessment.note')}
          value={draft.note}
          onChange={event => setNote(event.target.value)}
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
        {move && (
          <BackwardMoveAlert
            move={move}
            stationTitle={stationTitle}
            criterionLabel={criterionLabel}
            confirmed={confirmed}
            onConfirmedChange={checked =>
              setConfirmedTo(checked ? move.to : undefined)
            }
            onMarkEarlierMet={onMarkEarlierMet}
            disabled={submitting}
          />
        )}
        <AssessmentOutcomeAlert outcome={outcome} stationTitle={stationTitle} />
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
