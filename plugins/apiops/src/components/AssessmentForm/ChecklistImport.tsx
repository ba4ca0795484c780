import { ChangeEvent, useRef, useState } from 'react';
import { parseEntityRef } from '@backstage/catalog-model';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type {
  AuditChecklistImport,
  MethodModel,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsApiRef } from '../../api';
import { apiopsTranslationRef } from '../../translation';
import { AuditStatusText } from '../DefinitionEvidence/AuditEvidencePanel';
import { errorMessage, errorStatus } from './assessmentOutcome';
import {
  ChecklistImportSuggestion,
  checklistImportSuggestions,
  parseChecklistFile,
  readFileText,
} from './checklistImport';

const useStyles = makeStyles(theme => ({
  root: {
    marginBottom: theme.spacing(2),
    padding: theme.spacing(1.5, 2),
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1, 2),
    marginTop: theme.spacing(1),
  },
  input: {
    display: 'none',
  },
  criteria: {
    margin: theme.spacing(1, 0, 0),
    paddingLeft: theme.spacing(2.5),
  },
  message: {
    marginTop: theme.spacing(1),
  },
}));

const INPUT_ID = 'apiops-checklist-import-file';

/** What the form does with an import the person chose to pre-fill from. */
export interface ChecklistPrefill {
  suggestions: ReadonlyArray<{
    criterionId: string;
    answer?: 'met' | 'not-met';
    note: string;
  }>;
  /** The line that records the import in the assessment's note. */
  assessmentNote: string;
}

type ImportState =
  | { type: 'idle' }
  | { type: 'importing'; file: string }
  | { type: 'error'; message: string }
  | {
      type: 'imported';
      file: string;
      imported: AuditChecklistImport;
      suggestions: ChecklistImportSuggestion[];
      prefilled?: number;
    };

/**
 * "Import audit checklist (from the method's CLI)": posts the JSON the
 * method's own audit tool writes, shows what it maps (items to criteria,
 * what is not used) and pre-fills the form on request. Nothing is recorded:
 * the person reviews and submits the assessment, whose notes name the file.
 */
export function ChecklistImport(props: {
  entityRef: string;
  method: MethodModel;
  disabled?: boolean;
  criterionLabel: (criterionId: string) => string;
  onPrefill: (prefill: ChecklistPrefill) => void;
  onForbidden: () => void;
}) {
  const { entityRef, method, criterionLabel } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(apiopsTranslationRef);
  const apiopsApi = useApi(apiopsApiRef);
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<ImportState>({ type: 'idle' });

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // The same file may be picked again after a fix.
    event.target.value = '';
    if (!file) return;
    setState({ type: 'importing', file: file.name });
    let text: string;
    try {
      text = await readFileText(file);
    } catch (error) {
      setState({
        type: 'error',
        message: t('entityContent.checklistImport.failed', {
          file: file.name,
          message: errorMessage(error),
        }),
      });
      return;
    }
    const parsed = parseChecklistFile(text, file.size);
    if (!parsed.ok) {
      setState({
        type: 'error',
        message:
          parsed.reason === 'too-large'
            ? t('entityContent.checklistImport.tooLarge', { file: file.name })
            : t('entityContent.checklistImport.notJson', {
                file: file.name,
                reason: parsed.reason,
              }),
      });
      return;
    }
    try {
      const imported = await apiopsApi.importAuditChecklist(
        parseEntityRef(entityRef),
        parsed.json,
        { cycle: method.cycle },
      );
      setState({
        type: 'imported',
        file: file.name,
        imported,
        suggestions: checklistImportSuggestions(imported, method),
      });
    } catch (error) {
      const status = errorStatus(error);
      if (status === 403) {
        props.onForbidden();
        setState({
          type: 'error',
          message: t('entityContent.checklistImport.forbidden'),
        });
      } else {
        setState({
          type: 'error',
          message: t(
            status === 400
              ? 'entityContent.checklistImport.rejected'
              : 'entityContent.checklistImport.failed',
            { file: file.name, message: errorMessage(error) },
          ),
        });
      }
    }
  };

  const onPrefill = () => {
    if (state.type !== 'imported') return;
    const { file, imported, suggestions } = state;
    const names = { file, generatedAt: imported.generatedAt };
    props.onPrefill({
      suggestions: suggestions.map(s => ({
        criterionId: s.criterionId,
        answer: s.answer,
        note: t('entityContent.checklistImport.prefillNote', {
          ...names,
          items: s.items,
        }),
      })),
      assessmentNote: t('entityContent.checklistImport.assessmentNote', {
        ...names,
        profile: imported.profile,
      }),
    });
    setState({ ...state, prefilled: suggestions.length });
  };

  let result;
  if (state.type === 'importing') {
    result = (
      <Typography variant="body2" role="status" className={classes.message}>
        {t('entityContent.checklistImport.importing', { file: state.file })}
      </Typography>
    );
  } else if (state.type === 'error') {
    result = (
      <Alert severity="error" className={classes.message}>
        {state.message}
      </Alert>
    );
  } else if (state.type === 'imported') {
    const { imported, suggestions } = state;
    const items = new Map(imported.items.map(item => [item.itemId, item]));
    const unchecked = imported.items.filter(
      item => item.known && !item.checked,
    ).length;
    result = (
      <div className={classes.message}>
        <Typography variant="body2" role="status">
          {t('entityContent.checklistImport.summary', {
            file: state.file,
            generatedAt: imported.generatedAt,
            profile: imported.profile,
            pass: String(imported.counts.pass),
            partial: String(imported.counts.partial),
            gap: String(imported.counts.gap),
            na: String(imported.counts.na),
          })}
        </Typography>
        {imported.checklistSource === 'local-override' && (
          <Typography variant="body2" color="textSecondary">
            {t('entityContent.checklistImport.localChecklist', {
              path: imported.checklistPath ?? '',
            })}
          </Typography>
        )}
        {suggestions.length > 0 ? (
          <ul
            className={classes.criteria}
            aria-label={t('entityContent.checklistImport.criteriaLabel')}
          >
            {imported.criteria
              .filter(c =>
                suggestions.some(s => s.criterionId === c.criterionId),
              )
              .map(criterion => (
                <li key={criterion.criterionId}>
                  <Typography variant="body2" component="span">
                    <strong>{criterionLabel(criterion.criterionId)}</strong>
                    {' · '}
                    <AuditStatusText status={criterion.status} />
                    {' · '}
                    {t('entityContent.audit.suggests', {
                      answer: t(
                        `entityContent.assessment.answers.${criterion.suggestedAnswer}`,
                      ),
                    })}
                    {': '}
                    {criterion.items
                      .filter(item => item.status !== 'na')
                      .map(
                        item =>
                          `${items.get(item.itemId)?.label ?? item.itemId} (${t(
                            `entityContent.audit.status.${item.status}`,
                          )})`,
                      )
                      .join('; ')}
                  </Typography>
                </li>
              ))}
          </ul>
        ) : (
          <Typography variant="body2">
            {t('entityContent.checklistImport.noCriteria')}
          </Typography>
        )}
        {unchecked > 0 && (
          <Typography variant="body2" color="textSecondary">
            {t('entityContent.checklistImport.unchecked', {
              n: String(unchecked),
            })}
          </Typography>
        )}
        {imported.unknownItems.length > 0 && (
          <Alert severity="warning" className={classes.message}>
            {t('entityContent.checklistImport.unknownItems', {
              items: imported.unknownItems.join(', '),
            })}
          </Alert>
        )}
        {imported.unknownCriteria.length > 0 && (
          <Typography variant="body2" color="textSecondary">
            {t('entityContent.checklistImport.unknownCriteria', {
              criteria: imported.unknownCriteria.join(', '),
            })}
          </Typography>
        )}
        {suggestions.length > 0 && (
          <div className={classes.row}>
            <Button
              color="primary"
              variant="outlined"
              onClick={onPrefill}
              disabled={props.disabled}
            >
              {t('entityContent.checklistImport.prefillButton')}
            </Button>
            {state.prefilled !== undefined && (
              <Typography variant="body2" role="status">
                {t('entityContent.checklistImport.prefilled', {
                  n: String(state.prefilled),
                  file: state.file,
                })}
              </Typography>
            )}
          </div>
        )}
      </div>
    );
  }

  return (
    <section
      className={classes.root}
      aria-labelledby="apiops-checklist-import-title"
    >
      <Typography
        variant="subtitle2"
        component="h3"
        id="apiops-checklist-import-title"
      >
        {t('entityContent.checklistImport.title')}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {t('entityContent.checklistImport.help', {
          command: <code>npm run audit:design</code>,
          fullCrud: <code>npm run audit:design:full-crud</code>,
          create: <code>npm create apiops</code>,
          file: <code>specs/audit/design-audit.&lt;profile&gt;.json</code>,
        })}
      </Typography>
      <div className={classes.row}>
        <input
          ref={input}
          id={INPUT_ID}
          type="file"
          accept="application/json,.json"
          className={classes.input}
          aria-label={t('entityContent.checklistImport.fileLabel')}
          onChange={onFile}
        />
        <Button
          variant="outlined"
          onClick={() => input.current?.click()}
          disabled={props.disabled || state.type === 'importing'}
        >
          {t('entityContent.checklistImport.button')}
        </Button>
      </div>
      {result}
    </section>
  );
}
