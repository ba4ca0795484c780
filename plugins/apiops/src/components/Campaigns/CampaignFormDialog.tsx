import { useEffect, useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Grid from '@material-ui/core/Grid';
import IconButton from '@material-ui/core/IconButton';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import AddIcon from '@material-ui/icons/Add';
import DeleteOutlineIcon from '@material-ui/icons/DeleteOutline';
import Alert from '@material-ui/lab/Alert';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  CAMPAIGN_CONDITION_TYPES,
  Campaign,
  CampaignWithProgress,
  FRAGMENTATION_TYPES,
  OWNER_GAP_TYPES,
  campaignRequestLimits,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsCampaignsApiRef } from '../../api';
import { apiopsCampaignsTranslationRef } from '../../campaignsTranslation';
import { useMethodModel } from '../../hooks';
import { errorMessage } from '../AssessmentForm/assessmentOutcome';
import {
  CampaignDraft,
  ConditionDraft,
  draftOf,
  emptyCondition,
  fieldOfMessage,
  requestOf,
} from './campaignDraft';
import { sampleCondition, useCampaignTexts } from './describeCondition';

const SEVERITIES = ['error', 'warning', 'info'] as const;

const useStyles = makeStyles(theme => ({
  section: {
    marginTop: theme.spacing(2),
  },
  condition: {
    padding: theme.spacing(1, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
}));

/**
 * The form to create a campaign (no `campaign`) or to change one: title,
 * description, the goal's conditions, the scope and the dates. The backend
 * checks it; what it refuses is shown with the field it names highlighted.
 * `onSaved` gets the stored campaign.
 */
export function CampaignFormDialog(props: {
  open: boolean;
  campaign?: Campaign;
  onClose: () => void;
  onSaved: (campaign: CampaignWithProgress) => void;
}) {
  const { open, campaign, onClose, onSaved } = props;
  const classes = useStyles();
  const api = useApi(apiopsCampaignsApiRef);
  const { t } = useTranslationRef(apiopsCampaignsTranslationRef);
  const texts = useCampaignTexts();
  const { method } = useMethodModel();
  const stations = method?.stations ?? [];
  const [draft, setDraft] = useState<CampaignDraft>(() =>
    draftOf(campaign, new Date()),
  );
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (open) {
      setDraft(draftOf(campaign, new Date()));
      setError(undefined);
    }
  }, [open, campaign]);

  const errorField = error ? fieldOfMessage(error) : undefined;
  const set = <K extends keyof CampaignDraft>(
    key: K,
    value: CampaignDraft[K],
  ) => setDraft(current => ({ ...current, [key]: value }));
  const setCondition = (index: number, change: Partial<ConditionDraft>) =>
    setDraft(current => ({
      ...current,
      conditions: current.conditions.map((condition, i) =>
        i === index ? { ...condition, ...change } : condition,
      ),
    }));

  const save = async () => {
    setSaving(true);
    setError(undefined);
    try {
      const request = requestOf(draft);
      const saved = campaign
        ? await api.updateCampaign(campaign.id, request)
        : await api.createCampaign(request);
      onSaved(saved);
    } catch (e) {
      // The backend's words name the field at fault.
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const text = (
    key:
      | 'title'
      | 'description'
      | 'teams'
      | 'systems'
      | 'domains'
      | 'lifecycles',
    label: string,
    extra: {
      multiline?: boolean;
      helperText?: string;
      required?: boolean;
    } = {},
  ) => (
    <TextField
      id={`campaign-${key}`}
      label={label}
      value={draft[key]}
      onChange={event => set(key, event.target.value)}
      error={errorField === key}
      fullWidth
      margin="dense"
      variant="outlined"
      inputProps={{
        maxLength:
          key === 'description'
            ? campaignRequestLimits.maxDescriptionLength
            : undefined,
      }}
      minRows={extra.multiline ? 2 : undefined}
      {...extra}
    />
  );

  return (
    <Dialog
      open={open}
      onClose={saving ? undefined : onClose}
      fullWidth
      maxWidth="md"
      aria-labelledby="campaign-form-title"
    >
      <DialogTitle id="campaign-form-title">
        {campaign ? t('form.editTitle') : t('form.createTitle')}
      </DialogTitle>
      <DialogContent>
        {error && (
          <Alert severity="error" role="alert">
            {t('form.error', { message: error })}
          </Alert>
        )}
        {text('title', t('form.title'), {
          helperText: t('form.titleHelp'),
          required: true,
        })}
        {text('description', t('form.description'), { multiline: true })}

        <Typography
          variant="subtitle2"
          component="h3"
          className={classes.section}
        >
          {t('form.conditions')}
        </Typography>
        {draft.conditions.map((condition, index) => (
          <Grid
            container
            spacing={1}
            alignItems="center"
            key={index}
            className={classes.condition}
          >
            <Grid item xs={12} sm={4}>
              <TextField
                select
                id={`campaign-condition-${index}-type`}
                label={t('form.conditionType')}
                value={condition.type}
                error={errorField === `conditions.${index}`}
                onChange={event =>
                  setCondition(
                    index,
                    emptyCondition(
                      event.target.value as ConditionDraft['type'],
                      stations[0]?.id ?? '',
                    ),
                  )
                }
                fullWidth
                margin="dense"
                variant="outlined"
              >
                {CAMPAIGN_CONDITION_TYPES.map(type => (
                  <MenuItem key={type} value={type}>
                    {texts.condition(sampleCondition(type), id => id)}
                  </MenuItem>
                ))}
              </TextField>
            </Grid>
            <Grid item xs={10} sm={7}>
              <ConditionFields
                index={index}
                condition={condition}
                stations={stations}
                onChange={change => setCondition(index, change)}
              />
            </Grid>
            <Grid item xs={2} sm={1}>
              <IconButton
                aria-label={t('form.removeCondition')}
                disabled={draft.conditions.length === 1}
                onClick={() =>
                  set(
                    'conditions',
                    draft.conditions.filter((_, i) => i !== index),
                  )
                }
              >
                <DeleteOutlineIcon />
              </IconButton>
            </Grid>
          </Grid>
        ))}
        <Button
          startIcon={<AddIcon />}
          disabled={
            draft.conditions.length >= campaignRequestLimits.maxConditions
          }
          onClick={() =>
            set('conditions', [...draft.conditions, emptyCondition()])
          }
        >
          {t('form.addCondition')}
        </Button>

        <Typography
          variant="subtitle2"
          component="h3"
          className={classes.section}
        >
          {t('form.scope')}
        </Typography>
        <Grid container spacing={1}>
          <Grid item xs={12} sm={6}>
            {text('teams', t('form.teams'))}
          </Grid>
          <Grid item xs={12} sm={6}>
            {text('lifecycles', t('form.lifecycles'))}
          </Grid>
          <Grid item xs={12} sm={6}>
            {text('systems', t('form.systems'))}
          </Grid>
          <Grid item xs={12} sm={6}>
            {text('domains', t('form.domains'))}
          </Grid>
        </Grid>
        <Grid container spacing={1} className={classes.section}>
          {(['startDate', 'dueDate'] as const).map(key => (
            <Grid item xs={12} sm={6} key={key}>
              <TextField
                id={`campaign-${key}`}
                type="date"
                label={t(`form.${key}`)}
                value={draft[key]}
                onChange={event => set(key, event.target.value)}
                error={errorField === key}
                required
                fullWidth
                margin="dense"
                variant="outlined"
                InputLabelProps={{ shrink: true }}
              />
            </Grid>
          ))}
        </Grid>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={saving}>
          {t('form.cancel')}
        </Button>
        <Button
          color="primary"
          variant="contained"
          onClick={save}
          disabled={saving}
        >
          {(() => {
            if (saving) return t('form.saving');
            return campaign ? t('form.save') : t('form.create');
          })()}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** The fields of one condition's type. */
function ConditionFields(props: {
  index: number;
  condition: ConditionDraft;
  stations: ReadonlyArray<{ id: string; title: string }>;
  onChange: (change: Partial<ConditionDraft>) => void;
}) {
  const { index, condition, stations, onChange } = props;
  const { t } = useTranslationRef(apiopsCampaignsTranslationRef);
  const common = {
    fullWidth: true,
    margin: 'dense' as const,
    variant: 'outlined' as const,
  };
  switch (condition.type) {
    case 'station-at-least':
      return (
        <TextField
          select
          id={`campaign-condition-${index}-station`}
          label={t('form.station')}
          value={condition.station}
          onChange={event => onChange({ station: event.target.value })}
          {...common}
        >
          {stations.map(station => (
            <MenuItem key={station.id} value={station.id}>
              {station.title}
            </MenuItem>
          ))}
        </TextField>
      );
    case 'no-ownership-gap':
      return (
        <TextField
          select
          id={`campaign-condition-${index}-gaps`}
          label={t('form.gapTypes')}
          value={condition.gapTypes}
          SelectProps={{ multiple: true }}
          onChange={event =>
            onChange({
              gapTypes: event.target
                .value as unknown as ConditionDraft['gapTypes'],
            })
          }
          {...common}
        >
          {OWNER_GAP_TYPES.map(type => (
            <MenuItem key={type} value={type}>
              {type}
            </MenuItem>
          ))}
        </TextField>
      );
    case 'no-finding':
      return (
        <Grid container spacing={1}>
          <Grid item xs={7}>
            <TextField
              id={`campaign-condition-${index}-rule`}
              label={t('form.ruleId')}
              value={condition.ruleId}
              onChange={event => onChange({ ruleId: event.target.value })}
              {...common}
            />
          </Grid>
          <Grid item xs={5}>
            <TextField
              select
              id={`campaign-condition-${index}-severity`}
              label={t('form.severity')}
              value={condition.severity}
              onChange={event =>
                onChange({
                  severity: event.target.value as ConditionDraft['severity'],
                })
              }
              {...common}
            >
              <MenuItem value="">{t('form.anySeverity')}</MenuItem>
              {SEVERITIES.map(severity => (
                <MenuItem key={severity} value={severity}>
                  {severity}
                </MenuItem>
              ))}
            </TextField>
          </Grid>
        </Grid>
      );
    case 'no-duplicate-cluster':
      return (
        <TextField
          select
          id={`campaign-condition-${index}-clusters`}
          label={t('form.clusterTypes')}
          value={condition.clusterTypes}
          SelectProps={{ multiple: true }}
          onChange={event =>
            onChange({
              clusterTypes: event.target
                .value as unknown as ConditionDraft['clusterTypes'],
            })
          }
          {...common}
        >
          {FRAGMENTATION_TYPES.map(type => (
            <MenuItem key={type} value={type}>
              {type}
            </MenuItem>
          ))}
        </TextField>
      );
    default:
      return (
        <TextField
          id={`campaign-condition-${index}-days`}
          label={t('form.maxAgeDays')}
          type="number"
          value={condition.maxAgeDays}
          onChange={event => onChange({ maxAgeDays: event.target.value })}
          inputProps={{ min: 1, max: campaignRequestLimits.maxAgeDays }}
          {...common}
        />
      );
  }
}
