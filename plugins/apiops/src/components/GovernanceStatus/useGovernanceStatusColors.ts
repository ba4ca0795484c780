import { useTheme } from '@material-ui/core/styles';
import type { GovernanceStatus } from '@apiops-backstage/plugin-apiops-common';
import { GOVERNANCE_STATUS_TONES, severityColor } from '../colors';

/**
 * The colour of each governance status in the current theme: the plugin's
 * severity colours, which read at WCAG AA on both Backstage themes.
 */
export function useGovernanceStatusColors(): Record<GovernanceStatus, string> {
  const theme = useTheme();
  return {
    compliant: severityColor(theme, GOVERNANCE_STATUS_TONES.compliant),
    attention: severityColor(theme, GOVERNANCE_STATUS_TONES.attention),
    'non-compliant': severityColor(
      theme,
      GOVERNANCE_STATUS_TONES['non-compliant'],
    ),
  };
}
