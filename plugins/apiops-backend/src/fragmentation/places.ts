import { UnionFind } from './UnionFind';
import type { FragmentationApi } from './types';

/**
 * The host of a normalized server (`api.example.com/v3/nba` →
 * `api.example.com`); undefined for a relative server (`/api/v1`), which
 * names no host.
 *
 * @internal
 */
export function hostOf(server: string | undefined): string | undefined {
  if (server === undefined || /^\/(?!\/)/.test(server)) {
    return undefined;
  }
  const host = server.replace(/^\/\//, '').split('/')[0];
  return host === '' ? undefined : host;
}

/**
 * Where the APIs of a catalog are served, as the detection compares them.
 *
 * @internal
 */
export interface ApiPlaces {
  /**
   * A place id per API: APIs of one owner served at one server have one,
   * -1 where the owner or the server is unknown. One signature at one place
   * is one endpoint, however many definitions describe it.
   */
  places: Int32Array;
  /**
   * A rarity group per API: the versions of one API (one name key) and the
   * APIs at one place each count once in how common an operation is.
   */
  groups: Int32Array;
}

/**
 * The places and rarity groups of the APIs (see {@link ApiPlaces}): one pass
 * and a union-find, linear in the APIs.
 *
 * @internal
 */
export function apiPlaces(apis: readonly FragmentationApi[]): ApiPlaces {
  const n = apis.length;
  const idOf = (map: Map<string, number>, key: string) => {
    let id = map.get(key);
    if (id === undefined) {
      id = map.size;
      map.set(key, id);
    }
    return id;
  };
  const nameIds = new Map<string, number>();
  const placeIds = new Map<string, number>();
  const places = new Int32Array(n).fill(-1);
  const firstOfName: number[] = [];
  const firstOfPlace: number[] = [];
  const merged = new UnionFind(n);
  for (let api = 0; api < n; api++) {
    const { nameKey, owner, server } = apis[api];
    const name = idOf(nameIds, nameKey);
    firstOfName[name] ??= api;
    merged.union(firstOfName[name], api);
    if (owner !== undefined && server !== undefined) {
      places[api] = idOf(placeIds, `${owner} ${server}`);
      firstOfPlace[places[api]] ??= api;
      merged.union(firstOfPlace[places[api]], api);
    }
  }
  const groups = Int32Array.from({ length: n }, (_, api) => merged.find(api));
  return { places, groups };
}
