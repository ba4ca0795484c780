import type { FindingSeverity, GovernanceFinding } from '../governance/types';
import type { DefinitionEvidence, EvidenceFinding } from './types';

/**
 * Most governance findings one evidence provider adds to an API: one per
 * rule, worst first; the rest are summed up in one more finding. The full
 * list stays with the evidence (`GET …/evidence`, `/reports/lint`). Every
 * snapshot writes an API's findings with its result, so each one costs the
 * snapshot at scale (about 200 bytes, 40 MB per finding and API at 200k).
 *
 * @public
 */
export const EVIDENCE_GOVERNANCE_FINDINGS_MAX = 5;

/** Longest message copied into a governance finding. */
const MESSAGE_MAX = 300;

const RANK: Record<FindingSeverity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Findings of an evidence provider, worst first (stable).
 *
 * @public
 */
export function sortEvidenceFindings<T extends { severity: FindingSeverity }>(
  findings: readonly T[],
): T[] {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort(
      (a, b) =>
        RANK[a.finding.severity] - RANK[b.finding.severity] ||
        a.index - b.index,
    )
    .map(({ finding }) => finding);
}

function clip(text: string): string {
  return text.length > MESSAGE_MAX
    ? `${text.slice(0, MESSAGE_MAX - 1)}…`
    : text;
}

/**
 * The governance findings of an API from one provider's evidence about its
 * definition: one per rule (its worst severity, its first place and
 * message, how many places), worst first, at most
 * {@link EVIDENCE_GOVERNANCE_FINDINGS_MAX} and one more that counts the
 * rest. Rule ids are prefixed with the provider's id (`lint/…`).
 *
 * @public
 */
export function evidenceToGovernanceFindings(
  source: string,
  evidence: DefinitionEvidence,
): GovernanceFinding[] {
  const groups = new Map<
    string,
    { first: EvidenceFinding; severity: FindingSeverity; count: number }
  >();
  for (const finding of evidence.findings) {
    const group = groups.get(finding.ruleId);
    if (!group) {
      groups.set(finding.ruleId, {
        first: finding,
        severity: finding.severity,
        count: 1,
      });
    } else {
      group.count += 1;
      if (RANK[finding.severity] < RANK[group.severity]) {
        group.severity = finding.severity;
      }
    }
  }
  const ordered = [...groups.values()].sort(
    (a, b) => RANK[a.severity] - RANK[b.severity] || b.count - a.count,
  );
  const kept = ordered.slice(0, EVIDENCE_GOVERNANCE_FINDINGS_MAX);
  const findings: GovernanceFinding[] = kept.map(
    ({ first, severity, count }) => ({
      ruleId: `${source}/${first.ruleId}`,
      severity,
      message: clip(
        count > 1
          ? `${first.message} (and ${count - 1} more places)`
          : first.message,
      ),
      path: 'spec.definition',
      source,
      ...(first.path ? { definitionPath: first.path } : {}),
      ...(first.documentationUrl
        ? { documentationUrl: first.documentationUrl }
        : {}),
    }),
  );
  const rest = ordered.slice(EVIDENCE_GOVERNANCE_FINDINGS_MAX);
  const total = Math.max(
    evidence.findingCount ?? evidence.findings.length,
    evidence.findings.length,
  );
  const shown = kept.reduce((sum, group) => sum + group.count, 0);
  if (rest.length > 0 || total > shown) {
    const worst = rest.reduce<FindingSeverity>(
      (w, group) => (RANK[group.severity] < RANK[w] ? group.severity : w),
      'info',
    );
    findings.push({
      ruleId: `${source}/more`,
      severity: worst,
      message: `${total - shown} more ${source} findings${
        rest.length > 0 ? ` of ${rest.length} more rules` : ''
      }: see the definition's full ${source} results`,
      path: 'spec.definition',
      source,
    });
  }
  return findings;
}
