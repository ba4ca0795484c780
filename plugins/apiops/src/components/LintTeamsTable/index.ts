export { LintTeamsTable, EvidenceCoverageText } from './LintTeamsTable';
