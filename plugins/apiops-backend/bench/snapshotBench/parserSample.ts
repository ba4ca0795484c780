/**
 * Parsers on a sample of the generated definitions: milliseconds per
 * document of the plugin's parsers and of the alternatives.
 */

import { load as loadYaml } from 'js-yaml';
import { parse as parseYaml } from 'yaml';
import { extractDefinitionFeatures } from '../../src/fragmentation';
import {
  CatalogPlan,
  apiEntity,
} from '../../src/__testUtils__/catalogGenerator';
import { now, since, round } from './measuring';

/** Milliseconds per document. */
export interface PerDocument {
  wall: number;
  cpu: number;
}

export function parserSample(plan: CatalogPlan) {
  const definitions: string[] = [];
  for (let api = 0; definitions.length < 300 && api < plan.apis; api += 7) {
    const entity = apiEntity(plan, api);
    const definition = entity.spec?.definition;
    if (
      entity.spec?.type === 'openapi' &&
      typeof definition === 'string' &&
      !definition.startsWith('{')
    ) {
      definitions.push(definition);
    }
  }
  const bytes = definitions.reduce((sum, d) => sum + d.length, 0);
  const perDoc = (fn: (definition: string) => unknown): PerDocument => {
    for (const d of definitions.slice(0, 30)) fn(d); // warm up
    const start = now();
    for (let pass = 0; pass < 3; pass++) {
      for (const d of definitions) {
        try {
          fn(d);
        } catch {
          // a planted broken definition
        }
      }
    }
    const spent = since(start);
    const n = definitions.length * 3;
    return { wall: round(spent.wall / n, 3), cpu: round(spent.cpu / n, 3) };
  };
  let k = 0;
  const json = definitions.map(d => {
    try {
      return JSON.stringify(parseYaml(d));
    } catch {
      return '{}';
    }
  });
  return {
    documents: definitions.length,
    averageBytes: Math.round(bytes / definitions.length),
    yamlParse: perDoc(d =>
      parseYaml(d, {
        maxAliasCount: 100,
        uniqueKeys: false,
        prettyErrors: false,
      }),
    ),
    extractDefinitionFeatures: perDoc(d =>
      extractDefinitionFeatures('openapi', d),
    ),
    jsonParseSameDocument: perDoc(() => JSON.parse(json[k++ % json.length])),
    jsYamlLoad: perDoc(d => loadYaml(d, { json: true })),
  };
}
