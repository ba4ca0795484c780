import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Grid from '@material-ui/core/Grid';
import Alert from '@material-ui/lab/Alert';
import { ResponseError } from '@backstage/errors';
import type { ApiEvidence } from '@apiops-backstage/plugin-apiops-common';
import { apiopsTranslationRef } from '../../translation';
import { AuditEvidencePanel, LintFindingsPanel } from '../DefinitionEvidence';

/**
 * One part of an API's definition evidence in the tab's grid: the lint
 * findings of each linter (`lint`, full width), or the audit evidence (in
 * the column beside the assessment form). Nothing while it loads, nothing
 * for a part that has nothing to show (no linter installed); a refusal of
 * the permission says so.
 */
export function DefinitionEvidenceSection(props: {
  part: 'lint' | 'audit';
  evidence: { evidence?: ApiEvidence; error?: Error };
  criterionLabel?: (criterionId: string) => string;
}) {
  const { part, criterionLabel } = props;
  const { evidence, error } = props.evidence;
  const { t } = useTranslationRef(apiopsTranslationRef);

  if (!evidence && error) {
    const withheld = error instanceof ResponseError && error.statusCode === 403;
    const message = withheld
      ? t(`entityContent.${part}.withheld`)
      : t(`entityContent.${part}.error`, { message: error.message });
    return (
      <Grid item xs={12}>
        <Alert severity={withheld ? 'info' : 'error'}>{message}</Alert>
      </Grid>
    );
  }
  if (!evidence) {
    return null;
  }
  if (part === 'lint') {
    return (
      <>
        {evidence.providers.map(provider => (
          <Grid key={provider.providerId} item xs={12}>
            <LintFindingsPanel provider={provider} />
          </Grid>
        ))}
      </>
    );
  }
  if (!evidence.audit) {
    return null;
  }
  return (
    <Grid item>
      <AuditEvidencePanel
        audit={evidence.audit}
        criterionLabel={criterionLabel ?? (id => id)}
      />
    </Grid>
  );
}
