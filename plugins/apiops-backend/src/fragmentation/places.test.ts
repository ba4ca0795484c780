import { apiPlaces, hostOf } from './places';
import type { FragmentationApi } from './types';

describe('hostOf', () => {
  it('reads the host of a normalized server, none of a relative one', () => {
    expect(hostOf('api.example.com/v3/nba')).toBe('api.example.com');
    expect(hostOf('api.example.com')).toBe('api.example.com');
    expect(hostOf('//api.ote-godaddy.com')).toBe('api.ote-godaddy.com');
    expect(hostOf('/open-banking/v3.1/aisp')).toBeUndefined();
    expect(hostOf(undefined)).toBeUndefined();
    expect(hostOf('')).toBeUndefined();
  });
});

describe('apiPlaces', () => {
  const api = (
    name: string,
    nameKey: string,
    owner?: string,
    server?: string,
  ): FragmentationApi => ({
    entityRef: `api:default/${name}`,
    name,
    nameKey,
    operations: [],
    style: {},
    owner,
    server,
  });

  it('gives one place to the APIs of one owner at one server, and groups them with the versions of each', () => {
    const { places, groups } = apiPlaces([
      api('a', 'a', 'group:default/x', 'api.x.com'),
      api('b', 'b', 'group:default/x', 'api.x.com'),
      // Another owner at the same server: another place.
      api('c', 'c', 'group:default/y', 'api.x.com'),
      // A version of c elsewhere: c's group.
      api('c-v2', 'c', 'group:default/y', 'api.y.com/v2'),
      // No server: no place.
      api('d', 'd', 'group:default/x'),
    ]);
    expect([...places]).toEqual([0, 0, 1, 2, -1]);
    expect(groups[0]).toBe(groups[1]);
    expect(groups[2]).toBe(groups[3]);
    expect(new Set(groups).size).toBe(3);
  });
});
