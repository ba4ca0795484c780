import {
  apiStyleOf,
  nextStationId,
  stationResources,
} from './stationResources';
import { MethodResource } from './types';

function resource(
  id: string,
  extra: Partial<MethodResource> = {},
): MethodResource {
  return {
    id,
    category: 'canvas',
    title: id,
    description: '',
    draft: false,
    ...extra,
  };
}

const method = {
  stations: [
    { id: 'api-product-strategy', resources: ['customerJourneyCanvas'] },
    {
      id: 'api-design',
      resources: [
        'domainCanvas',
        'restCanvas',
        'eventCanvas',
        'graphqlCanvas',
        'api-design-principles',
        'missing-resource',
      ],
    },
    { id: 'api-delivery', resources: [] },
  ],
  resources: [
    resource('customerJourneyCanvas'),
    resource('domainCanvas'),
    resource('restCanvas', { apiStyle: 'rest' }),
    resource('eventCanvas', { apiStyle: 'event' }),
    resource('graphqlCanvas', { apiStyle: 'graphql' }),
    resource('api-design-principles', { category: 'guideline' }),
  ],
} as any;

const ids = (resources: MethodResource[]) => resources.map(r => r.id);

describe('stationResources', () => {
  it('lists the resources of the station in its order', () => {
    expect(ids(stationResources(method, 'api-product-strategy'))).toEqual([
      'customerJourneyCanvas',
    ]);
    expect(stationResources(method, 'api-delivery')).toEqual([]);
  });

  it('keeps the design canvas of the API style only', () => {
    expect(ids(stationResources(method, 'api-design', 'rest'))).toEqual([
      'domainCanvas',
      'restCanvas',
      'api-design-principles',
    ]);
    expect(ids(stationResources(method, 'api-design', 'graphql'))).toEqual([
      'domainCanvas',
      'graphqlCanvas',
      'api-design-principles',
    ]);
  });

  it('leaves out every style canvas for an API of no known style', () => {
    expect(ids(stationResources(method, 'api-design'))).toEqual([
      'domainCanvas',
      'api-design-principles',
    ]);
  });

  it('skips ids the model does not describe and unknown stations', () => {
    expect(ids(stationResources(method, 'api-design'))).not.toContain(
      'missing-resource',
    );
    expect(stationResources(method, 'no-such-station')).toEqual([]);
  });
});

describe('apiStyleOf', () => {
  it.each([
    ['openapi', 'rest'],
    ['OpenAPI', 'rest'],
    ['asyncapi', 'event'],
    ['graphql', 'graphql'],
    ['grpc', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('reads spec.type %p as %p', (type, style) => {
    expect(apiStyleOf(type)).toBe(style);
  });
});

describe('nextStationId', () => {
  const stations = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];

  it('follows the cycle order and goes round after the last station', () => {
    expect(nextStationId(stations, 'a')).toBe('b');
    expect(nextStationId(stations, 'c')).toBe('a');
  });

  it('starts at the first station for a station not in the cycle', () => {
    expect(nextStationId(stations, 'unassessed')).toBe('a');
  });

  it('refuses an empty cycle', () => {
    expect(() => nextStationId([], 'a')).toThrow(/empty/);
  });
});
