export {
  ApiOpsApiExplorerPage,
  NfsApiOpsApiExplorerPage,
} from './ApiOpsApiExplorerPage';
