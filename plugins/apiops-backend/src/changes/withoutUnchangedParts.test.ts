import fs from 'node:fs';
import path from 'node:path';
import { apiCompare } from 'api-smart-diff';
import { parse as parseYaml } from 'yaml';
import { findOpenApiDirectory } from '../../bench/realCorpus/loadRealCorpus';
import { loadExampleEntities } from '../__fixtures__/exampleCatalog';
import { HTTP_METHODS } from './deprecations';
import { withoutUnchangedParts } from './withoutUnchangedParts';

type Doc = Record<string, any>;

/** What the differ says, in a comparable form. */
function differences(before: Doc, after: Doc): string[] {
  return apiCompare(before, after)
    .diffs.map(d =>
      JSON.stringify([d.path, d.type, d.action, d.before, d.after]),
    )
    .sort();
}

function copy(doc: Doc): Doc {
  return JSON.parse(JSON.stringify(doc));
}

/** The operations of a document, as [path, method]. */
function operations(doc: Doc): Array<[string, string]> {
  return Object.entries<Doc>(doc.paths ?? {}).flatMap(([p, item]) =>
    Object.keys(item ?? {})
      .filter(m => HTTP_METHODS.includes(m))
      .map((m): [string, string] => [p, m]),
  );
}

/** Edits an owner makes, each on a copy of the document. */
function edits(doc: Doc): Array<[string, Doc]> {
  const out: Array<[string, Doc]> = [];
  const ops = operations(doc);
  if (ops.length > 1) {
    const removed = copy(doc);
    const [p, m] = ops[Math.floor(ops.length / 2)];
    delete removed.paths[p][m];
    out.push(['an operation removed', removed]);

    const param = copy(doc);
    const [p2, m2] = ops[ops.length - 1];
    const op = param.paths[p2][m2];
    op.parameters = [
      ...(op.parameters ?? []),
      {
        name: 'tenant',
        in: 'query',
        required: true,
        schema: { type: 'string' },
      },
    ];
    out.push(['a required parameter added', param]);

    const text = copy(doc);
    const [p3, m3] = ops[0];
    text.paths[p3][m3].description = 'Now described otherwise.';
    out.push(['a description changed', text]);
  }
  const schemas = Object.keys(doc.components?.schemas ?? {});
  // A schema that something refers to: its change reaches operations.
  const used = schemas.find(name =>
    JSON.stringify(doc.paths ?? {}).includes(`"#/components/schemas/${name}"`),
  );
  for (const name of [used, schemas[0]]) {
    if (!name) continue;
    const schema = copy(doc);
    const target = schema.components.schemas[name];
    target.properties = {
      ...(target.properties ?? {}),
      added: { type: 'integer' },
    };
    target.required = [...(target.required ?? []), 'added'];
    out.push([`schema ${name} given a required property`, schema]);
  }
  return out;
}

/** Compares with and without the unchanged parts; the differences found. */
function expectSameDifferences(before: Doc, after: Doc): number {
  const parts = withoutUnchangedParts('openapi', before, after);
  const all = differences(before, after);
  expect(differences(parts.before, parts.after)).toEqual(all);
  return all.length;
}

/** Every edit of a document: the same differences, and some of them. */
function expectEditsKept(doc: Doc) {
  const list = edits(doc);
  expect(list.length).toBeGreaterThanOrEqual(3);
  for (const [edit, edited] of list) {
    expect([edit, expectSameDifferences(doc, edited)]).not.toEqual([edit, 0]);
  }
}

describe('withoutUnchangedParts', () => {
  const exampleDocs = loadExampleEntities()
    .filter(e => e.kind === 'API' && e.spec?.type === 'openapi')
    .flatMap((e): Array<[string, Doc]> => {
      try {
        return [[e.metadata.name, parseYaml(String(e.spec?.definition))]];
      } catch {
        return []; // the example of a definition that does not parse
      }
    });

  it.each(exampleDocs)(
    'leaves the differences of every edit of %s as they are',
    (_, doc) => expectEditsKept(doc),
  );

  // Published definitions with shared components, parameters and responses.
  const root = path.join(findOpenApiDirectory(), 'api');
  const published = [
    'twilio.com/twilio_chat_v2.json',
    'vtex.local/Subscriptions-API-(v3).json',
    'adyen.com/AccountService.json',
  ].filter(file => fs.existsSync(path.join(root, file)));

  it('has published definitions to try', () => {
    expect(published.length).toBe(3);
  });

  it.each(published)(
    'leaves the differences of every edit of %s as they are',
    file => {
      expectEditsKept(
        JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')),
      );
    },
  );

  it('leaves the differences between published major versions as they are', () => {
    for (const [a, b] of [
      ['twilio_chat_v1', 'twilio_chat_v2'],
      ['twilio_chat_v2', 'twilio_chat_v3'],
    ]) {
      const read = (name: string) =>
        JSON.parse(
          fs.readFileSync(
            path.join(root, 'twilio.com', `${name}.json`),
            'utf8',
          ),
        );
      expect(expectSameDifferences(read(a), read(b))).toBeGreaterThan(0);
    }
  });

  it('leaves out what is the same and reaches no change', () => {
    const doc = (itemType: string): Doc => ({
      openapi: '3.0.3',
      info: { title: 'T', version: '1' },
      paths: {
        '/same': { get: { responses: { 200: { description: 'ok' } } } },
        '/uses-item': {
          get: {
            responses: {
              200: {
                description: 'ok',
                content: {
                  'application/json': {
                    schema: { $ref: '#/components/schemas/List' },
                  },
                },
              },
            },
          },
        },
        '/elsewhere': { $ref: 'other.yaml#/paths/~1x' },
        '/uses-cycle': {
          get: {
            responses: {
              200: {
                description: 'ok',
                content: {
                  'application/json': {
                    schema: { $ref: '#/components/schemas/Node' },
                  },
                },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          // List → Item: a change of Item reaches /uses-item.
          List: { type: 'array', items: { $ref: '#/components/schemas/Item' } },
          Item: { type: 'object', properties: { id: { type: itemType } } },
          // A cycle of unchanged schemas changes nothing.
          Node: {
            type: 'object',
            properties: { next: { $ref: '#/components/schemas/Node' } },
          },
          Unused: { type: 'string' },
        },
      },
    });
    const parts = withoutUnchangedParts(
      'openapi',
      doc('string'),
      doc('integer'),
    );
    expect(Object.keys(parts.after.paths as Doc).sort()).toEqual([
      '/elsewhere',
      '/uses-item',
    ]);
    expect(Object.keys((parts.after.components as Doc).schemas).sort()).toEqual(
      ['Item', 'List'],
    );
    expect(parts.after.info).toEqual({ title: 'T', version: '1' });
    expectSameDifferences(doc('string'), doc('integer'));
  });

  it('keeps an operation whose schema refers back to one that changed', () => {
    // A → B → A, and A → C: C changing reaches B's users through A.
    const doc = (cType: string): Doc => ({
      openapi: '3.0.3',
      info: { title: 'T', version: '1' },
      paths: {
        '/b': {
          get: {
            responses: {
              200: {
                description: 'ok',
                content: {
                  'application/json': {
                    schema: { $ref: '#/components/schemas/B' },
                  },
                },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          A: {
            type: 'object',
            properties: {
              b: { $ref: '#/components/schemas/B' },
              c: { $ref: '#/components/schemas/C' },
            },
          },
          B: {
            type: 'object',
            properties: { a: { $ref: '#/components/schemas/A' } },
          },
          C: { type: cType },
        },
      },
    });
    const parts = withoutUnchangedParts(
      'openapi',
      doc('string'),
      doc('integer'),
    );
    expect(Object.keys(parts.after.paths as Doc)).toEqual(['/b']);
    expectSameDifferences(doc('string'), doc('integer'));
  });
});
