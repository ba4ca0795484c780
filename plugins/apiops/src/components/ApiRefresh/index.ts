export { ApiReportsCard } from './ApiReportsCard';
