import {
  ASYNCAPI,
  BARE_OPENAPI,
  CLEAN_OPENAPI,
} from '../__fixtures__/definitions';
import { RulesetError } from '../ruleset/RulesetError';
import { SpectralDefinitionLinter } from './SpectralDefinitionLinter';

jest.setTimeout(60_000);

describe('SpectralDefinitionLinter', () => {
  const linter = SpectralDefinitionLinter.create({
    owasp: false,
    maxFindings: 500,
  });

  it('finds the missing operation id, descriptions and contact, with JSON paths, lines and documentation', async () => {
    const { findings } = await linter.lint({
      type: 'openapi',
      definition: BARE_OPENAPI,
    });
    const byRule = Object.fromEntries(findings.map(f => [f.ruleId, f]));
    expect(byRule['operation-operationId']).toEqual({
      ruleId: 'operation-operationId',
      severity: 'warning',
      message: 'Operation must have "operationId".',
      path: "$.paths['/pets'].get",
      line: 9,
      documentationUrl: expect.stringContaining('#operation-operationId'),
    });
    expect(byRule['operation-description']).toMatchObject({
      path: "$.paths['/pets'].get",
    });
    expect(byRule['info-contact']).toMatchObject({
      path: '$.info',
      severity: 'warning',
    });
    expect(byRule['info-description']).toBeDefined();
  });

  it('finds nothing in a clean definition', async () => {
    expect(
      await linter.lint({ type: 'openapi', definition: CLEAN_OPENAPI }),
    ).toEqual({
      findings: [],
    });
  });

  it('lints AsyncAPI with spectral:asyncapi', async () => {
    const { findings } = await linter.lint({
      type: 'asyncapi',
      definition: ASYNCAPI,
    });
    expect(findings.map(f => f.ruleId)).toContain('asyncapi-info-contact');
  });

  it('reads no $ref to another document: it says so', async () => {
    const definition = CLEAN_OPENAPI.replace(
      '          description: The pets\n',
      "          description: The pets\n          content:\n            application/json:\n              schema:\n                $ref: 'https://example.com/pet.yaml#/Pet'\n",
    );
    const { findings } = await linter.lint({ type: 'openapi', definition });
    expect(findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'invalid-ref',
        severity: 'warning',
        message: expect.stringMatching(
          /^Not read: https:\/\/example.com\/pet.yaml .*offline/,
        ),
      }),
    );
  });

  it('uses the catalog ruleset, and an API ruleset over it', async () => {
    const catalog = SpectralDefinitionLinter.create({
      owasp: false,
      maxFindings: 500,
      ruleset: {
        source: 'catalog.yaml',
        text: 'extends: [[spectral:oas, recommended]]\nrules:\n  info-contact: error\n  operation-tags: off\n',
      },
    });
    const bare = await catalog.lint({
      type: 'openapi',
      definition: BARE_OPENAPI,
    });
    expect(bare.findings.find(f => f.ruleId === 'info-contact')?.severity).toBe(
      'error',
    );
    const own = await catalog.lint({
      type: 'openapi',
      definition: BARE_OPENAPI,
      ruleset: { source: 'api.yaml', text: 'rules:\n  info-contact: off\n' },
    });
    expect(own.findings.map(f => f.ruleId)).not.toContain('info-contact');
    expect(own.findings.map(f => f.ruleId)).toContain('operation-operationId');
  });

  it('makes an API ruleset that does not parse one finding of that API', async () => {
    const evidence = await linter.lint({
      type: 'openapi',
      definition: BARE_OPENAPI,
      ruleset: {
        source: 'spectral.yaml (apiops/lint-ruleset of the API)',
        text: 'rules: [',
      },
    });
    expect(evidence.findings).toEqual([
      {
        ruleId: 'api-ruleset',
        severity: 'error',
        message: expect.stringMatching(
          /^The API's lint ruleset cannot be used: spectral\.yaml \(apiops\/lint-ruleset of the API\): line \d+: does not parse: unexpected end/,
        ),
      },
    ]);
  });

  it('adds the OWASP ruleset when asked', async () => {
    const owasp = SpectralDefinitionLinter.create({
      owasp: true,
      maxFindings: 500,
    });
    const { findings } = await owasp.lint({
      type: 'openapi',
      definition: BARE_OPENAPI,
    });
    expect(findings.some(f => f.ruleId.startsWith('owasp:'))).toBe(true);
  });

  it('keeps the worst findings up to the cap and counts them all', async () => {
    const capped = SpectralDefinitionLinter.create({
      owasp: false,
      maxFindings: 2,
    });
    const evidence = await capped.lint({
      type: 'openapi',
      definition: BARE_OPENAPI,
    });
    expect(evidence.findings).toHaveLength(2);
    expect(evidence.findingCount).toBeGreaterThan(2);
  });

  it('refuses a catalog ruleset that Spectral cannot build', () => {
    expect(() =>
      SpectralDefinitionLinter.create({
        owasp: false,
        maxFindings: 10,
        ruleset: {
          source: 'catalog.yaml',
          text: 'rules:\n  x:\n    given: $\n    then:\n      function: pattern\n      functionOptions: {nonsense: 1}\n',
        },
      }),
    ).toThrow(RulesetError);
  });
});
