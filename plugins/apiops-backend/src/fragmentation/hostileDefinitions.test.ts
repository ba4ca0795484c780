import * as jsYaml from 'js-yaml';
import * as yaml from 'yaml';
import { MAX_DEFINITION_BYTES } from '../definitions';
import { extractDefinitionFeatures } from './extractDefinitionFeatures';
import {
  BasePathIndex,
  basePathSegments,
  normalizeChannel,
  normalizeRestPath,
} from './normalization';
import * as hostile from './__testUtils__/hostileDefinitions';

// The YAML parsers, watched (they still parse): the 20 MB definition must
// reach neither.
jest.mock('js-yaml', () => {
  const actual = jest.requireActual('js-yaml');
  return { ...actual, load: jest.fn(actual.load) };
});
jest.mock('yaml', () => {
  const actual = jest.requireActual('yaml');
  return { ...actual, parse: jest.fn(actual.parse) };
});

// Each input used to take seconds of CPU (a quadratic step); the tests assert
// the results only. bench/hostileCpu.ts measures the time.
describe('hostile definitions', () => {
  it('cuts a server URL of many `?` followed by a newline at the first `?`', () => {
    expect(
      basePathSegments(`https://h.example/v1/${'?'.repeat(50_000)}\nx`),
    ).toEqual(['v1']);
    const result = extractDefinitionFeatures(
      'openapi',
      hostile.manyQuestionMarks(50_000),
    );
    expect(result.features).toMatchObject({
      operations: ['GET /items'],
      style: { versioning: 'server' },
    });
  });

  it('matches many paths against many servers', () => {
    const result = extractDefinitionFeatures(
      'openapi',
      hostile.serversTimesPaths(16_000),
    );
    expect(result.features?.operations).toEqual([]);
  });

  it('finds the base path a path repeats, the first server first', () => {
    const index = BasePathIndex.create([
      ['A', 'v1', 'b', 'v2'],
      ['a', 'V1'],
    ]);
    expect(index.prefixOf(['a', 'v1', 'b', 'v2', 'x'])).toBe(4);
    expect(index.prefixOf(['a', 'v1', 'b'])).toBe(2);
    expect(index.prefixOf(['a', 'v1'])).toBe(0);
    expect(normalizeRestPath('/a/v1/items', [['a', 'v1']]).path).toBe('/items');
  });

  it('resolves a $ref reused through YAML aliases once', () => {
    const result = extractDefinitionFeatures(
      'openapi',
      hostile.aliasedRef(20_000, 10_000),
    );
    expect(result.features?.operations).toEqual([]);
  });

  it('reads unclosed `{` in servers, paths and channels as text', () => {
    const braces = '{'.repeat(50_000);
    expect(normalizeRestPath(`/v1/x{id}/${braces}`, []).path).toBe(
      `/x{}/${braces}`,
    );
    expect(normalizeChannel(`a.{id}.${braces}`)).toBe(`a.{}.${braces}`);
    expect(
      extractDefinitionFeatures('openapi', hostile.unclosedBraces(50_000))
        .features?.operations,
    ).toEqual([`GET /${braces}`]);
    expect(
      extractDefinitionFeatures(
        'asyncapi',
        hostile.unclosedChannelBraces(50_000),
      ).features?.operations,
    ).toEqual([`RECEIVE a.${'{'.repeat(50_000)}`]);
  });

  it('refuses a 20 MB definition at the size cap, before any parser reads it', () => {
    const text = hostile.hugeOpenApi(20 * 1024 * 1024);
    expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(20 * 1024 * 1024);
    jest.mocked(jsYaml.load).mockClear();
    jest.mocked(yaml.parse).mockClear();
    const jsonParse = jest.spyOn(JSON, 'parse');
    const result = extractDefinitionFeatures('openapi', text);
    expect(jsYaml.load).not.toHaveBeenCalled();
    expect(yaml.parse).not.toHaveBeenCalled();
    expect(jsonParse).not.toHaveBeenCalled();
    jsonParse.mockRestore();
    // The size problem comes before parsing, in both modes' words: the
    // precise parser is not run either.
    expect(result).toEqual({
      problem: `spec.definition is larger than ${MAX_DEFINITION_BYTES} bytes and was not parsed`,
      definitionProblem: `spec.definition is larger than ${MAX_DEFINITION_BYTES} bytes and was not parsed`,
    });
    // Under the cap, the same kind of document parses, with the parser the
    // spies watch.
    expect(
      extractDefinitionFeatures('openapi', hostile.hugeOpenApi(50_000)).features
        ?.operations,
    ).toContain('GET /items0/{}');
    expect(jsYaml.load).toHaveBeenCalledTimes(1);
  });

  it.each([
    [
      'billion laughs',
      'openapi',
      hostile.billionLaughs(),
      /more than 2000000 nodes/,
    ],
    [
      'a cyclic $ref',
      'openapi',
      hostile.cyclicRef(),
      /nested more than 64 levels deep \(or is cyclic\)/,
    ],
    [
      'a GraphQL document of a million tokens',
      'graphql',
      hostile.hugeGraphql(1_000_000),
      /more tha[nt] 500000 tokens/,
    ],
    [
      'a deeply nested proto',
      'grpc',
      hostile.deepProto(10_000),
      /nested more than 64 levels deep/,
    ],
  ])('gives one problem for %s', (_name, type, text, problem) => {
    expect(extractDefinitionFeatures(type, text).problem).toMatch(problem);
  });
});
