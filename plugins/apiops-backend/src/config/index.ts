export { readApiOpsConfig } from './readApiOpsConfig';
export type { ApiOpsConfig } from './readApiOpsConfig';
export type { EvidenceConfig } from './evidenceConfig';
