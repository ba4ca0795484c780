import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { GovernanceRule } from '@apiops-backstage/plugin-apiops-common';

/**
 * Lets backend modules add governance rules to the APIOps backend plugin.
 *
 * @public
 */
export interface ApiOpsGovernanceExtensionPoint {
  /** Adds rules; a rule id that is already registered fails the start-up. */
  addRules(...rules: GovernanceRule[]): void;
}

/**
 * The extension point for governance rules of the APIOps backend plugin.
 *
 * @public
 */
export const apiopsGovernanceExtensionPoint =
  createExtensionPoint<ApiOpsGovernanceExtensionPoint>({
    id: 'apiops.governance',
  });
