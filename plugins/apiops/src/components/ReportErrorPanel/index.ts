export { ReportErrorPanel } from './ReportErrorPanel';
