import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { ApiRulesetReader, checkRelativePath } from './ApiRulesetReader';

function api(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'pets', annotations },
    spec: { type: 'openapi' },
  };
}

describe('checkRelativePath', () => {
  it.each([
    ['./.spectral.yaml', ['.spectral.yaml']],
    ['lint/api.yml', ['lint', 'api.yml']],
    ['rules.json', ['rules.json']],
  ])('reads %s', (value, segments) => {
    expect(checkRelativePath(value)).toEqual(segments);
  });

  it.each([
    ['../secrets.yaml', /leaves the location/],
    ['lint/../../x.yaml', /leaves the location/],
    ['/etc/ruleset.yaml', /absolute path/],
    ['~/ruleset.yaml', /absolute path/],
    ['https://evil.example.com/r.yaml', /is a URL/],
    ['file:///etc/passwd', /is a URL/],
    ['%2e%2e/r.yaml', /characters a plain path does not have/],
    ['lint\\..\\r.yaml', /characters a plain path does not have/],
    ['ruleset.js', /not a \.yaml, \.yml or \.json file/],
    ['', /empty/],
  ])('refuses %s', (value, message) => {
    expect(checkRelativePath(value)).toMatch(message);
  });
});

describe('ApiRulesetReader', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apiops-lint-'));
    fs.mkdirSync(path.join(dir, 'api'));
    fs.writeFileSync(path.join(dir, 'api', 'catalog-info.yaml'), 'kind: API');
    fs.writeFileSync(
      path.join(dir, 'api', '.spectral.yaml'),
      'extends: spectral:oas',
    );
    fs.writeFileSync(path.join(dir, 'outside.yaml'), 'extends: spectral:oas');
    fs.symlinkSync(
      path.join(dir, 'outside.yaml'),
      path.join(dir, 'api', 'link.yaml'),
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const location = () => `file:${path.join(dir, 'api', 'catalog-info.yaml')}`;
  const reader = ApiRulesetReader.create({});

  it('reads a file next to the catalog-info file of a file location', async () => {
    const entity = api({
      'apiops/lint-ruleset': './.spectral.yaml',
      'backstage.io/managed-by-location': location(),
    });
    expect(await reader.read(entity)).toEqual({
      ruleset: {
        text: 'extends: spectral:oas',
        source: '.spectral.yaml (apiops/lint-ruleset of the API)',
      },
    });
    expect(reader.variantOf(entity)).toBe(`./.spectral.yaml\0${location()}`);
  });

  it('reads nothing for an API that names no ruleset', async () => {
    expect(await reader.read(api({}))).toEqual({});
    expect(reader.variantOf(api({}))).toBeUndefined();
  });

  it('refuses a link that leaves the location', async () => {
    const result = await reader.read(
      api({
        'apiops/lint-ruleset': 'link.yaml',
        'backstage.io/managed-by-location': location(),
      }),
    );
    expect(result.problem).toMatch(
      /link\.yaml could not be read .*leaves the location/,
    );
  });

  it('says so when the file is missing or the API has no location', async () => {
    expect(
      (
        await reader.read(
          api({
            'apiops/lint-ruleset': 'missing.yaml',
            'backstage.io/managed-by-location': location(),
          }),
        )
      ).problem,
    ).toMatch(/^apiops\/lint-ruleset: missing\.yaml could not be read/);
    expect(
      (await reader.read(api({ 'apiops/lint-ruleset': 'r.yaml' }))).problem,
    ).toMatch(/no backstage.io\/managed-by-location annotation/);
  });

  it('reads a file of a url location through the URL reader, never outside its folder', async () => {
    const urlReader = {
      readUrl: jest.fn(async (url: string) => ({
        buffer: async () => Buffer.from(`# ${url}\nextends: spectral:oas`),
      })),
    } as unknown as UrlReaderService;
    const remote = ApiRulesetReader.create({ urlReader });
    const base =
      'url:https://github.com/acme/pets/blob/main/apis/catalog-info.yaml';
    const result = await remote.read(
      api({
        'apiops/lint-ruleset': 'lint/.spectral.yaml',
        'backstage.io/managed-by-location': base,
      }),
    );
    expect(result.ruleset?.text).toBe(
      '# https://github.com/acme/pets/blob/main/apis/lint/.spectral.yaml\nextends: spectral:oas',
    );
  });
});
