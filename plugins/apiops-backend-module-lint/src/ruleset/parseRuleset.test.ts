import { parseRuleset } from './parseRuleset';

describe('parseRuleset', () => {
  it('reads a YAML ruleset that extends the official rulesets and adds rules', () => {
    expect(
      parseRuleset(
        `extends: [[spectral:oas, recommended], spectral:owasp]
rules:
  operation-tags: off
  info-contact: error
  paths-kebab-case:
    description: Paths are kebab-case
    severity: warn
    given: $.paths[*]~
    then:
      function: pattern
      functionOptions:
        match: "^(/[a-z0-9-{}]+)+$"
`,
        'test.yaml',
      ),
    ).toEqual({
      extends: [
        { name: 'spectral:oas', mode: 'recommended' },
        { name: 'spectral:owasp' },
      ],
      rules: expect.objectContaining({
        'operation-tags': 'off',
        'info-contact': 'error',
      }),
    });
  });

  it('reads a JSON ruleset', () => {
    expect(
      parseRuleset('{"extends": "spectral:asyncapi"}', 'r.json').extends,
    ).toEqual([{ name: 'spectral:asyncapi' }]);
  });

  it.each([
    [
      'a YAML syntax error, with its line',
      'extends: [spectral:oas\nrules: {',
      /^r\.yaml: line \d+: does not parse: /,
    ],
    [
      'a remote ruleset',
      'extends: https://example.com/ruleset.yaml',
      /^r\.yaml: extends\[0\]: "https:\/\/example.com\/ruleset.yaml" cannot be extended: only spectral:oas, spectral:asyncapi, spectral:owasp, @stoplight\/spectral-owasp-ruleset can/,
    ],
    ['another file', 'extends: ./other.yaml', /cannot be extended/],
    [
      'custom functions',
      'functions: [mine]\nrules: {}',
      /^r\.yaml: functions: custom functions are code/,
    ],
    [
      'a function that is not a core one',
      'rules:\n  x:\n    given: $\n    then:\n      function: mine',
      /^r\.yaml: rules\.x\.then\.function: "mine" is not one of Spectral's core functions/,
    ],
    [
      'overrides',
      'extends: spectral:oas\noverrides: []',
      /^r\.yaml: overrides: is not supported/,
    ],
    [
      'an unknown field',
      'extends: spectral:oas\nrule: {}',
      /^r\.yaml: rule: is not a ruleset field/,
    ],
    [
      'a bad severity',
      'rules:\n  info-contact: loud',
      /^r\.yaml: rules\.info-contact: must be one of error, warn/,
    ],
    [
      'an unknown format',
      'extends: spectral:oas\nformats: [oas9]',
      /^r\.yaml: formats: must be a list of formats/,
    ],
    ['nothing at all', 'description: empty', /has neither extends nor rules/],
    ['a list', '- a', /must hold a ruleset object/],
  ])('refuses %s', (_name, text, message) => {
    expect(() => parseRuleset(text, 'r.yaml')).toThrow(message);
  });
});
