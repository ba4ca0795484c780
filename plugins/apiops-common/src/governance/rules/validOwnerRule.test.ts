import type { OwnerGap, OwnershipResult } from '../../ownership/types';
import {
  healthyOwnership,
  ruleContext,
  runRule,
} from '../__fixtures__/ruleContext';
import { validOwnerRule } from './validOwnerRule';

function ownership(
  gaps: OwnerGap[],
  overrides: Partial<OwnershipResult> = {},
): OwnershipResult {
  return { ...healthyOwnership, ...overrides, gaps };
}

describe('validOwnerRule', () => {
  it('finds nothing when the ownership has no gaps', () => {
    expect(runRule(validOwnerRule, ruleContext())).toEqual([]);
  });

  it.each<{
    name: string;
    ownership: OwnershipResult;
    fix: RegExp;
  }>([
    {
      name: 'owner-missing',
      ownership: ownership(
        [
          {
            type: 'owner-missing',
            severity: 'error',
            message: "spec.owner 'tbd' is a placeholder",
          },
        ],
        { ref: undefined, declared: 'tbd', resolved: false, kind: undefined },
      ),
      fix: /^Set spec\.owner in catalog-info\.yaml to the group .*'tbd' is a placeholder/,
    },
    {
      name: 'owner-unresolved',
      ownership: ownership(
        [
          {
            type: 'owner-unresolved',
            severity: 'error',
            message: 'group:default/treasury-ops is not in the catalog',
          },
        ],
        { ref: 'group:default/treasury-ops', resolved: false },
      ),
      fix: /register group:default\/treasury-ops in the catalog/,
    },
    {
      name: 'owner-not-group',
      ownership: ownership(
        [
          {
            type: 'owner-not-group',
            severity: 'warning',
            message: 'user:default/maya.okafor is a person',
          },
        ],
        { ref: 'user:default/maya.okafor', kind: 'user' },
      ),
      fix: /set spec\.owner to a Group entity .*maya\.okafor.* instead of a user/,
    },
    {
      name: 'owner-group-empty',
      ownership: ownership(
        [
          {
            type: 'owner-group-empty',
            severity: 'warning',
            message: 'group:default/branch-network-team has no members',
          },
        ],
        { ref: 'group:default/branch-network-team', memberCount: 0 },
      ),
      fix: /^Add members to group:default\/branch-network-team/,
    },
    {
      name: 'owner-orphaned',
      ownership: ownership(
        [
          {
            type: 'owner-orphaned',
            severity: 'warning',
            message: 'group:default/legacy-integration-team is orphaned',
          },
        ],
        { ref: 'group:default/legacy-integration-team' },
      ),
      fix: /^group:default\/legacy-integration-team is orphaned.*Restore the group/,
    },
    {
      name: 'owner-mismatch',
      ownership: ownership([
        {
          type: 'owner-mismatch',
          severity: 'info',
          message: 'The providers are owned by group:default/payments-team',
        },
      ]),
      fix: /^Give the API the owner of the components that provide it/,
    },
  ])(
    'reports $name with its severity, message and fix',
    ({ ownership: o, fix }) => {
      const [gap] = o.gaps;
      expect(runRule(validOwnerRule, ruleContext({ ownership: o }))).toEqual([
        {
          ruleId: 'valid-owner',
          severity: gap.severity,
          message: gap.message,
          path: 'spec.owner',
          fix: expect.stringMatching(fix),
        },
      ]);
    },
  );

  it('reports one finding per gap, in order', () => {
    const findings = runRule(
      validOwnerRule,
      ruleContext({
        ownership: ownership([
          { type: 'owner-group-empty', severity: 'warning', message: 'empty' },
          { type: 'owner-orphaned', severity: 'error', message: 'orphaned' },
        ]),
      }),
    );
    expect(findings.map(f => [f.severity, f.message])).toEqual([
      ['warning', 'empty'],
      ['error', 'orphaned'],
    ]);
  });

  it('gives a generic fix for a gap type it does not know', () => {
    const gap = {
      type: 'owner-on-holiday',
      severity: 'info',
      message: 'on holiday',
    } as unknown as OwnerGap;
    const [finding] = runRule(
      validOwnerRule,
      ruleContext({ ownership: ownership([gap]) }),
    );
    expect(finding.fix).toMatch(/^Set spec\.owner/);
  });
});
