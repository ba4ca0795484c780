export { LintFindingsPanel } from './LintFindingsPanel';
export { AuditEvidencePanel, AuditStatusText } from './AuditEvidencePanel';
export { auditSuggestions } from './auditSuggestions';
export type { AuditSuggestion } from './auditSuggestions';
