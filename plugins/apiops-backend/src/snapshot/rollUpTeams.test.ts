import { Entity } from '@backstage/catalog-model';
import {
  ApiSnapshotResult,
  OwnershipIndex,
} from '@apiops-backstage/plugin-apiops-common';
import { rollUpTeams } from './rollUpTeams';

function group(name: string, parent?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, title: name.toUpperCase() },
    spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
  };
}

function result(
  ownerRef: string,
  kind: string,
  station: string,
  status: string,
  gaps = 0,
  findings = 0,
): ApiSnapshotResult {
  return {
    entityRef: 'api:default/x',
    title: 'x',
    station: { id: station },
    owner: { ref: ownerRef, kind, gaps: new Array(gaps).fill({}) },
    governance: { status, findings: new Array(findings).fill({}) },
  } as unknown as ApiSnapshotResult;
}

describe('rollUpTeams', () => {
  const ownership = OwnershipIndex.builder()
    .add(group('org'))
    .add(group('payments', 'org'))
    .add(group('cards', 'payments'))
    .build();

  it('counts each API for its owner group and every ancestor group', () => {
    const teams = rollUpTeams(
      [
        result('group:default/cards', 'group', 'design', 'compliant'),
        result(
          'group:default/Payments',
          'group',
          'production',
          'non-compliant',
          1,
          2,
        ),
      ],
      ownership,
    );
    const byRef = Object.fromEntries(teams.map(team => [team.groupRef, team]));
    expect(Object.keys(byRef).sort()).toEqual([
      'group:default/cards',
      'group:default/org',
      'group:default/payments',
    ]);
    expect(byRef['group:default/org']).toEqual({
      groupRef: 'group:default/org',
      title: 'ORG',
      apis: 2,
      byStation: { design: 1, production: 1 },
      byStatus: { compliant: 1, 'non-compliant': 1 },
      gaps: 1,
      findings: 2,
      ownerRefs: ['group:default/cards', 'group:default/payments'],
    });
    expect(byRef['group:default/cards']).toMatchObject({
      apis: 1,
      ownerRefs: ['group:default/cards'],
    });
  });

  it('leaves out APIs owned by users or by no one', () => {
    expect(
      rollUpTeams(
        [
          result('user:default/ada', 'user', 'design', 'compliant'),
          result('', 'group', 'design', 'compliant'),
        ],
        ownership,
      ),
    ).toEqual([]);
  });
});
