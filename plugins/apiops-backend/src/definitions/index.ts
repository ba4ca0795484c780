export { definitionHash } from './definitionHash';
export {
  MAX_DEFINITION_BYTES,
  MAX_EXPANDED_NODES,
  MAX_NESTING_DEPTH,
  parseDefinition,
} from './parseDefinition';
export { withoutDefinition } from './withoutDefinition';
export type {
  DefinitionObject,
  ParseMode,
  ParsedDefinition,
} from './parseDefinition';
