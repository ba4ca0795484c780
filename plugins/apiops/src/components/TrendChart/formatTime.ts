const DAY = 24 * 60 * 60 * 1000;

/** A snapshot time for a chart's ticks: the time of day over a short span, else the date. */
export function formatTick(time: number, spanMs: number): string {
  const date = new Date(time);
  if (spanMs < 2 * DAY) {
    return date.toLocaleTimeString(undefined, {
      hour: '2-digit',
      minute: '2-digit',
    });
  }
  return date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

/** A snapshot time in full, for tooltips and text. */
export function formatDateTime(time: number | string): string {
  return new Date(time).toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}
