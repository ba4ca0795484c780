import type { GovernanceRule } from '../types';
import { specString } from './entityFields';

/**
 * `definition-parses`: the API's definition parses for its `spec.type`. The
 * parsing is done before the rules run; the rule reports
 * `definitionProblem` of the context.
 *
 * @public
 */
export const definitionParsesRule: GovernanceRule = {
  id: 'definition-parses',
  title: "The API's definition parses",
  description:
    "Reports an API whose spec.definition does not parse as a document of its spec.type (OpenAPI, AsyncAPI, GraphQL, …). Nothing can be learnt from such a definition, and the catalog's API docs cannot render it.",
  severity: 'error',
  check({ entity, definitionProblem }) {
    if (definitionProblem === undefined || definitionProblem.trim() === '') {
      return [];
    }
    const type = specString(entity, 'type');
    const fixDocument = type
      ? `Fix spec.definition so that it is a valid ${type} document (run it through a ${type} validator or linter)`
      : 'Set spec.type to the format of the definition (e.g. openapi) and fix spec.definition so that it is a valid document of that format';
    return [
      {
        message: `The definition does not parse as ${
          type ?? 'its spec.type'
        }: ${definitionProblem}`,
        path: 'spec.definition',
        fix: `${fixDocument}; if catalog-info.yaml loads it with $text, $yaml or $json, check that the referenced file is the right one.`,
      },
    ];
  },
};
