import { ChangeEvent, memo } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import { makeStyles } from '@material-ui/core/styles';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  assessmentRequestLimits,
  CRITERION_ANSWERS,
  CriterionAnswer,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  root: {
    padding: theme.spacing(1.5, 0),
    borderTop: `1px solid ${theme.palette.divider}`,
    '&:first-child': {
      borderTop: 'none',
      paddingTop: 0,
    },
  },
  label: {
    fontWeight: theme.typography.fontWeightMedium as number,
  },
  shared: {
    display: 'block',
    color: theme.palette.text.secondary,
  },
  radios: {
    marginTop: theme.spacing(0.5),
    // A clear keyboard focus, beyond the ripple of Material UI.
    '& .Mui-focusVisible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: -4,
    },
  },
  fields: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))',
    gap: theme.spacing(1, 2),
  },
}));

/** Which part of a criterion's answer changed. */
export type CriterionFieldChange =
  | { field: 'answer'; value: CriterionAnswer }
  | { field: 'evidence' | 'note'; value: string };

/**
 * One criterion of the assessment form: the statement, met / not met /
 * unknown, an evidence link and a note.
 */
function CriterionFieldBase(props: {
  /** Unique per place the criterion is shown (a criterion can be shown under several stations). */
  idPrefix: string;
  criterionId: string;
  label: string;
  /** The title of the station the criterion is shown under. */
  stationTitle: string;
  answer: CriterionAnswer;
  evidence: string;
  note: string;
  evidenceError: boolean;
  /** Titles of the other stations that share the criterion. */
  sharedWith: string[];
  disabled: boolean;
  onChange: (criterionId: string, change: CriterionFieldChange) => void;
  onEvidenceBlur: (criterionId: string) => void;
}) {
  const {
    idPrefix,
    criterionId,
    label,
    stationTitle,
    answer,
    evidence,
    note,
    evidenceError,
    sharedWith,
    disabled,
    onChange,
    onEvidenceBlur,
  } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const labelId = `${idPrefix}-label`;
  const sharedId = `${idPrefix}-shared`;
  // The fields' names say which criterion and station they are of: the
  // visible labels alone repeat under every criterion.
  const context = { criterion: label, station: stationTitle };

  return (
    <div className={classes.root} data-criterion={criterionId}>
      <Typography id={labelId} variant="body2" className={classes.label}>
        {label}
      </Typography>
      {sharedWith.length > 0 && (
        <Typography id={sharedId} variant="caption" className={classes.shared}>
          {t('entityContent.assessment.sharedWith', {
            stations: sharedWith.join(', '),
          })}
        </Typography>
      )}
      <RadioGroup
        row
        name={idPrefix}
        aria-labelledby={labelId}
        aria-describedby={sharedWith.length > 0 ? sharedId : undefined}
        value={answer}
        className={classes.radios}
        onChange={(event: ChangeEvent<HTMLInputElement>) =>
          onChange(criterionId, {
            field: 'answer',
            value: event.target.value as CriterionAnswer,
          })
        }
      >
        {CRITERION_ANSWERS.map(value => (
          <FormControlLabel
            key={value}
            value={value}
            control={<Radio color="primary" size="small" />}
            label={t(`entityContent.assessment.answers.${value}`)}
            disabled={disabled}
          />
        ))}
      </RadioGroup>
      <div className={classes.fields}>
        <TextField
          id={`${idPrefix}-evidence`}
          label={t('entityContent.assessment.evidence')}
          placeholder={t('entityContent.assessment.evidencePlaceholder')}
          value={evidence}
          error={evidenceError}
          helperText={
            evidenceError
              ? t('entityContent.assessment.invalidEvidence')
              : undefined
          }
          onChange={event =>
            onChange(criterionId, {
              field: 'evidence',
              value: event.target.value,
            })
          }
          onBlur={() => onEvidenceBlur(criterionId)}
          inputProps={{
            maxLength: assessmentRequestLimits.maxEvidenceUrlLength,
            inputMode: 'url',
            'aria-label': t('entityContent.assessment.evidenceFor', context),
            'aria-describedby': evidenceError
              ? `${idPrefix}-evidence-helper-text`
              : undefined,
          }}
          disabled={disabled}
          variant="outlined"
          size="small"
          margin="dense"
          fullWidth
        />
        <TextField
          id={`${idPrefix}-note`}
          label={t('entityContent.assessment.criterionNote')}
          value={note}
          onChange={event =>
            onChange(criterionId, { field: 'note', value: event.target.value })
          }
          inputProps={{
            maxLength: assessmentRequestLimits.maxCriterionNoteLength,
            'aria-label': t(
              'entityContent.assessment.criterionNoteFor',
              context,
            ),
          }}
          disabled={disabled}
          variant="outlined"
          size="small"
          margin="dense"
          fullWidth
        />
      </div>
    </div>
  );
}

/**
 * One criterion of the assessment form (re-rendered only when its own values
 * change).
 */
export const CriterionField = memo(CriterionFieldBase);
