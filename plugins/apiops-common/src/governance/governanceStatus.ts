import type { FindingSeverity, GovernanceStatus } from './types';

/**
 * The governance status of an API from its findings: `non-compliant` if any
 * is an error, else `attention` if any is a warning, else `compliant`. Info
 * findings do not count.
 *
 * @public
 */
export function governanceStatus(
  findings: ReadonlyArray<{ severity: FindingSeverity }>,
): GovernanceStatus {
  let status: GovernanceStatus = 'compliant';
  for (const finding of findings) {
    if (finding.severity === 'error') {
      return 'non-compliant';
    }
    if (finding.severity === 'warning') {
      status = 'attention';
    }
  }
  return status;
}
