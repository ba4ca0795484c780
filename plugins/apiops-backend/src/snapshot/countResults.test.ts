import {
  ApiSnapshotResult,
  FragmentationCluster,
} from '@apiops-backstage/plugin-apiops-common';
import { countResults } from './countResults';

function result(
  station: string,
  status: string,
  gaps: string[],
  findings: string[],
): ApiSnapshotResult {
  return {
    entityRef: 'api:default/x',
    title: 'x',
    station: { id: station },
    owner: { gaps: gaps.map(type => ({ type })) },
    governance: { status, findings: findings.map(ruleId => ({ ruleId })) },
  } as unknown as ApiSnapshotResult;
}

describe('countResults', () => {
  it('counts by station, status, gap type, finding rule and fragmentation type', () => {
    const counts = countResults(
      [
        result('design', 'compliant', [], []),
        result('design', 'non-compliant', ['no-owner'], ['a', 'b']),
        result(
          'production',
          'non-compliant',
          ['no-owner', 'unresolved'],
          ['a'],
        ),
      ],
      [
        { type: 'duplicate' },
        { type: 'duplicate' },
        { type: 'version-sprawl' },
      ] as unknown as FragmentationCluster[],
    );
    expect(counts).toEqual({
      apis: 3,
      byStation: { design: 2, production: 1 },
      byStatus: { compliant: 1, 'non-compliant': 2 },
      byGapType: { 'no-owner': 2, unresolved: 1 },
      byFindingType: { a: 2, b: 1 },
      byFragmentationType: { duplicate: 2, 'version-sprawl': 1 },
    });
  });

  it('counts nothing in an empty catalog', () => {
    expect(countResults([], [])).toEqual({
      apis: 0,
      byStation: {},
      byStatus: {},
      byGapType: {},
      byFindingType: {},
      byFragmentationType: {},
    });
  });
});
