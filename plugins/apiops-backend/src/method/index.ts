export { MethodCatalog } from './MethodCatalog';
export { UnknownMethodCycleError } from './UnknownMethodCycleError';
