import { MethodApiStyle, MethodModel, MethodResource } from './types';

/**
 * The API style of an API entity's `spec.type`, for the method's design
 * resources of one style: `openapi` → `rest`, `asyncapi` → `event`,
 * `graphql` → `graphql`; undefined for any other type (the method has no
 * design canvas of its own for it).
 *
 * @public
 */
export function apiStyleOf(
  specType: string | undefined,
): MethodApiStyle | undefined {
  switch (specType?.trim().toLocaleLowerCase('en-US')) {
    case 'openapi':
      return 'rest';
    case 'asyncapi':
      return 'event';
    case 'graphql':
      return 'graphql';
    default:
      return undefined;
  }
}

/**
 * The resources the method recommends at a station of the model's cycle, in
 * the method's order, for an API of a style: the design resources of another
 * style are left out, and with no style, all of them (as the method engine's
 * `buildStationResourceData` does for a style "not sure yet"). Empty for a
 * station the model does not have.
 *
 * @public
 */
export function stationResources(
  method: Pick<MethodModel, 'stations' | 'resources'>,
  stationId: string,
  apiStyle?: MethodApiStyle,
): MethodResource[] {
  const station = method.stations.find(s => s.id === stationId);
  if (!station) {
    return [];
  }
  const byId = new Map(method.resources.map(r => [r.id, r]));
  return station.resources.flatMap(id => {
    const resource = byId.get(id);
    if (!resource || (resource.apiStyle && resource.apiStyle !== apiStyle)) {
      return [];
    }
    return [resource];
  });
}

/**
 * The station that follows one in the cycle, in the order of `stations`;
 * after the last station the cycle goes round again to the first. For a
 * station not in the list (an API not assessed yet), the first station:
 * where the method starts.
 *
 * @throws Error when `stations` is empty.
 * @public
 */
export function nextStationId(
  stations: ReadonlyArray<{ id: string }>,
  stationId: string,
): string {
  if (stations.length === 0) {
    throw new Error('Cannot follow a station in an empty list of stations');
  }
  const index = stations.findIndex(s => s.id === stationId);
  return stations[(index + 1) % stations.length].id;
}
