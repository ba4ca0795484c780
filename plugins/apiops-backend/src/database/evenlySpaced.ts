/**
 * Picks at most `max` of `points`, spread evenly in time: for each of `max`
 * evenly spaced target times, the first point at or after it, never one
 * already taken. The first and the last points are always kept, the order is
 * kept, and `max` or more points give exactly `max`.
 *
 * @param points - sorted by time, oldest first
 * @param timeOf - the time of a point, in milliseconds
 * @internal
 */
export function evenlySpaced<T>(
  points: ReadonlyArray<T>,
  max: number,
  timeOf: (point: T) => number,
): T[] {
  if (points.length <= max) {
    return [...points];
  }
  if (max < 2) {
    return max === 1 ? [points[points.length - 1]] : [];
  }
  const first = timeOf(points[0]);
  const step = (timeOf(points[points.length - 1]) - first) / (max - 1);
  const picked: T[] = [];
  let index = 0;
  for (let i = 0; i < max; i++) {
    const target = first + step * i;
    while (index < points.length && timeOf(points[index]) < target) {
      index++;
    }
    // Leave enough points for the targets after this one.
    index = Math.min(index, points.length - (max - i));
    picked.push(points[index]);
    index++;
  }
  return picked;
}
