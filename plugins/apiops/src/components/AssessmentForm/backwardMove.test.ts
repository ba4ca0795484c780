import {
  answersAt,
  methodModel,
} from '../EntityApiOpsCommon/__fixtures__/apiops';
import { backwardMove, criteriaBefore } from './backwardMove';

const { stations } = methodModel;

describe('backwardMove', () => {
  it('is none when the answers keep the API at its station or move it on', () => {
    expect(
      backwardMove(stations, answersAt('api-design'), 'api-design'),
    ).toBeUndefined();
    expect(
      backwardMove(stations, answersAt('api-audit'), 'api-design'),
    ).toBeUndefined();
  });

  it('is none for an API at no station of the cycle, or at its first', () => {
    const answers = answersAt('api-product-strategy');
    expect(backwardMove(stations, answers, 'unassessed')).toBeUndefined();
    expect(
      backwardMove(stations, answers, 'other-cycle-station'),
    ).toBeUndefined();
    expect(
      backwardMove(stations, answers, 'api-product-strategy'),
    ).toBeUndefined();
  });

  it('names where the API lands and every earlier station holding it back, with its criteria not met', () => {
    const answers = {
      ...answersAt('api-design'),
      'market-research-done': 'not-met' as const,
      'api-roadmap-defined': 'unknown' as const,
    };
    expect(backwardMove(stations, answers, 'api-design')).toEqual({
      from: 'api-design',
      to: 'api-product-strategy',
      holding: [
        {
          stationId: 'api-product-strategy',
          criteria: ['market-research-done'],
        },
        {
          stationId: 'api-consumer-experience',
          criteria: ['api-roadmap-defined'],
        },
        // A shared criterion holds back every station it belongs to.
        {
          stationId: 'api-platform-architecture',
          criteria: ['api-roadmap-defined'],
        },
      ],
    });
  });
});

describe('criteriaBefore', () => {
  it('lists the criteria of the stations before the given one, each once', () => {
    const ids = criteriaBefore(stations, 'api-design');
    const earlier = stations.slice(0, 3).flatMap(station => station.criteria);
    expect(new Set(ids)).toEqual(new Set(earlier));
    expect(ids).toHaveLength(new Set(earlier).size);
    expect(criteriaBefore(stations, 'api-product-strategy')).toEqual([]);
    expect(criteriaBefore(stations, 'unassessed')).toEqual([]);
  });
});
