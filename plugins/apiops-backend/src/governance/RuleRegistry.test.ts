import { GovernanceRule } from '@apiops-backstage/plugin-apiops-common';
import { RuleRegistry } from './RuleRegistry';

const rule = (id: string): GovernanceRule => ({
  id,
  title: `Rule ${id}`,
  severity: 'warning',
  check: () => [],
});

describe('RuleRegistry', () => {
  it('lists rules in the order they were added', () => {
    const registry = new RuleRegistry();
    registry.add(rule('api-description'), 'test');
    registry.add(rule('api-system'), 'test');
    expect(registry.list().map(r => r.id)).toEqual([
      'api-description',
      'api-system',
    ]);
  });

  it('refuses a second rule with the same id, naming it', () => {
    const registry = new RuleRegistry();
    registry.add(rule('api-description'), 'test');
    expect(() => registry.add(rule('api-description'), 'module x')).toThrow(
      "Governance rule 'api-description' from module x is already registered",
    );
  });

  it.each(['Api-Description', 'api_description', '', 'api-', '-api'])(
    'refuses the id %j',
    id => {
      expect(() => new RuleRegistry().add(rule(id), 'test')).toThrow(
        /must be kebab-case/,
      );
    },
  );
});
