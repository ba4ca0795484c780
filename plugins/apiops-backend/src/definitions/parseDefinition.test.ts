import { Kind } from 'graphql';
import { MAX_DEFINITION_BYTES, MAX_NESTING_DEPTH, parseDefinition } from '.';

const OPENAPI =
  'openapi: 3.0.3\ninfo:\n  title: A\n  version: 1.0.0\npaths: {}\n';

describe('parseDefinition', () => {
  it.each(['fast', 'precise'] as const)(
    'gives the document of each type (%s)',
    mode => {
      const openapi = parseDefinition('OpenAPI', OPENAPI, { mode });
      expect(openapi).toMatchObject({
        ok: true,
        type: 'openapi',
        document: { openapi: expect.anything(), paths: {} },
      });
      expect(
        parseDefinition('asyncapi', '{"asyncapi": "3.0.0"}', { mode }),
      ).toEqual({
        ok: true,
        type: 'asyncapi',
        document: { asyncapi: '3.0.0' },
      });
      const graphql = parseDefinition('graphql', 'type Query { a: Int }', {
        mode,
      });
      expect(graphql.ok && graphql.type === 'graphql').toBe(true);
      expect(
        graphql.ok && graphql.type === 'graphql' && graphql.document.kind,
      ).toBe(Kind.DOCUMENT);
      const grpc = parseDefinition(
        'grpc',
        'syntax = "proto3";\npackage a.v1;\nservice S { rpc M (R) returns (R); }\nmessage R {}\n',
        { mode },
      );
      expect(grpc.ok && grpc.type === 'grpc' && grpc.document.package).toBe(
        'a.v1',
      );
      expect(parseDefinition('soap', '<x/>', { mode })).toEqual({
        ok: true,
        type: 'other',
      });
    },
  );

  it.each<[string, string, unknown, RegExp]>([
    ['no definition', 'openapi', undefined, /^spec\.definition is missing$/],
    ['a number', 'soap', 42, /^spec\.definition is not text$/],
    ['blank text', 'graphql', ' \n', /^spec\.definition is empty$/],
    [
      'text over the size cap',
      'openapi',
      `openapi: 3.0.0\nx: "${'a'.repeat(MAX_DEFINITION_BYTES)}"`,
      /larger than 5242880 bytes/,
    ],
    ['a YAML list', 'openapi', '- a\n', /is not a YAML or JSON object/],
    ['no version field', 'openapi', 'info: {}\n', /neither an `openapi`/],
    ['no asyncapi field', 'asyncapi', OPENAPI, /no `asyncapi` version field/],
    [
      'nesting over the cap',
      'openapi',
      `openapi: 3.0.0\nx: ${'['.repeat(MAX_NESTING_DEPTH + 5)}${']'.repeat(
        MAX_NESTING_DEPTH + 5,
      )}\n`,
      /nested more than 64/,
    ],
    [
      'SDL nested over the cap',
      'graphql',
      `type Query { a(x: ${'['.repeat(MAX_NESTING_DEPTH + 1)}Int${']'.repeat(
        MAX_NESTING_DEPTH + 1,
      )}): Int }`,
      /nested more than 64/,
    ],
  ])(
    'gives a problem for %s, in both modes',
    (_, type, definition, problem) => {
      for (const mode of ['fast', 'precise'] as const) {
        const parsed = parseDefinition(type, definition, { mode });
        expect(parsed.ok).toBe(false);
        expect(!parsed.ok && parsed.problem).toMatch(problem);
      }
    },
  );

  it('does not mark a cap or a missing version field as a parser failure', () => {
    expect(parseDefinition('openapi', 'info: {}')).toEqual({
      ok: false,
      problem:
        'spec.definition: it has neither an `openapi` nor a `swagger` version field',
    });
  });

  it('words a syntax error by mode: its type in fast mode, the parser as it is in precise mode', () => {
    const broken = 'type Query {\n  a(id: ID!: Int\n}\n';
    expect(parseDefinition('graphql', broken)).toEqual({
      ok: false,
      parserFailed: true,
      problem: expect.stringMatching(
        /^spec\.definition does not parse as graphql: Syntax Error/,
      ),
    });
    expect(parseDefinition('graphql', broken, { mode: 'precise' })).toEqual({
      ok: false,
      parserFailed: true,
      problem: expect.stringMatching(/^Syntax Error: Expected Name/),
    });
    const badYaml = 'openapi: 3.0.3\ninfo:\n  title: R\n    version: 1\n';
    expect(
      parseDefinition('openapi', badYaml, { mode: 'precise' }),
    ).toMatchObject({ ok: false, problem: expect.stringMatching(/line 3/) });
  });

  it('reads YAML types in typed mode as the precise parser does, and text only in fast mode', () => {
    const yaml = [
      'openapi: 3.0.3',
      'info: { title: T, version: 1.10 }',
      'paths:',
      '  /a:',
      '    get:',
      '      deprecated: true',
      '      x-when: 2026-12-07',
      '      x-none: null',
      '      parameters: [{ name: n, in: query, schema: { maximum: 0x10 } }]',
    ].join('\n');
    const typed = parseDefinition('openapi', yaml, { mode: 'typed' });
    const precise = parseDefinition('openapi', yaml, { mode: 'precise' });
    expect(typed).toEqual(precise);
    expect(typed).toMatchObject({
      ok: true,
      document: {
        info: { version: 1.1 },
        paths: { '/a': { get: { deprecated: true, 'x-when': '2026-12-07' } } },
      },
    });
    expect(parseDefinition('openapi', yaml)).toMatchObject({
      document: { paths: { '/a': { get: { deprecated: 'true' } } } },
    });
  });

  it('never throws', () => {
    for (const definition of [null, {}, [], '{', '::', '\u0000']) {
      for (const type of ['openapi', 'asyncapi', 'graphql', 'grpc', '']) {
        expect(() => parseDefinition(type, definition)).not.toThrow();
        expect(() =>
          parseDefinition(type, definition, { mode: 'precise' }),
        ).not.toThrow();
      }
    }
  });
});
