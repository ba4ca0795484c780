/**
 * Reads each item of a stream with `read`, one item ahead: the next item's
 * read starts as soon as it arrives, before the current one is yielded, so
 * that (say) a page's definitions are parsed on worker threads while the
 * caller evaluates the previous page. On an early exit or a failure, the
 * reads still in flight are settled, so that no rejection goes unseen.
 *
 * @internal
 */
export async function* readAhead<T, R>(
  stream: AsyncIterable<T>,
  read: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  const inFlight: Array<Promise<R>> = [];
  try {
    for await (const item of stream) {
      inFlight.push(read(item));
      if (inFlight.length > 1) {
        yield await inFlight.shift()!;
      }
    }
    while (inFlight.length > 0) {
      yield await inFlight.shift()!;
    }
  } finally {
    await Promise.allSettled(inFlight);
  }
}
