export { ApiOpsPage } from './ApiOpsPage';
export { ApiOpsPageContent } from './ApiOpsPageContent';
