import { useTheme } from '@material-ui/core/styles';
import type { GovernanceStatus } from '@apiops-backstage/plugin-apiops-common';

/**
 * The colour of each governance status in the current theme: success,
 * warning and error, as Backstage's status indicators use them.
 */
export function useGovernanceStatusColors(): Record<GovernanceStatus, string> {
  const theme = useTheme();
  return {
    compliant: theme.palette.success.main,
    attention: theme.palette.warning.main,
    'non-compliant': theme.palette.error.main,
  };
}
