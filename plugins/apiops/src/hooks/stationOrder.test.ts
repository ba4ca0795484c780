import { humanizeStationId, sortStationIds } from './stationOrder';

describe('humanizeStationId', () => {
  it.each([
    ['api-design', 'API Design'],
    ['monitoring-and-improving', 'Monitoring and Improving'],
    ['api-platform-architecture', 'API Platform Architecture'],
    ['unassessed', 'Unassessed'],
  ])('%s → %s', (id, label) => {
    expect(humanizeStationId(id)).toBe(label);
  });
});

describe('sortStationIds', () => {
  it('puts core stations in cycle order, others after, unassessed last', () => {
    expect(
      sortStationIds(
        ['unassessed', 'zeta', 'api-delivery', 'api-design', 'alpha'],
        ['api-design', 'api-delivery'],
      ),
    ).toEqual(['api-design', 'api-delivery', 'alpha', 'zeta', 'unassessed']);
  });
});
