export { TeamsTable } from './TeamsTable';
