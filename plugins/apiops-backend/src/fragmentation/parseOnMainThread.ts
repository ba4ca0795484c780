import { EventLoopYielder } from './EventLoopYielder';
import {
  extractDefinitionFeatures,
  type DefinitionFeaturesResult,
} from './extractDefinitionFeatures';

/**
 * The largest definition parsed on the main thread (characters). Parser
 * threads have a deadline per batch; the main thread has none, and while it
 * parses one definition, the whole backend waits. Every step of the parse is
 * linear, so this bounds that wait to some tens of ms; a larger definition
 * is left for the parser threads (`transient`: tried again next run).
 */
export const MAIN_THREAD_MAX_DEFINITION_CHARS = 256 * 1024;

/**
 * Parses definitions on the calling (main) thread, as with
 * `apiops.snapshot.parserThreads: 0` or after the parser threads kept
 * failing: one definition at a time, letting the event loop run between
 * them once a slice is used up, and none larger than
 * {@link MAIN_THREAD_MAX_DEFINITION_CHARS}.
 *
 * @internal
 */
export async function parseOnMainThread(
  items: ReadonlyArray<{ type: string; definition: unknown }>,
  yielder: EventLoopYielder,
): Promise<DefinitionFeaturesResult[]> {
  const results: DefinitionFeaturesResult[] = [];
  for (const { type, definition } of items) {
    if (yielder.due) await yielder.yield();
    results.push(
      typeof definition === 'string' &&
        definition.length > MAIN_THREAD_MAX_DEFINITION_CHARS
        ? notOnMainThread(definition.length)
        : extractDefinitionFeatures(type, definition),
    );
  }
  return results;
}

function notOnMainThread(chars: number): DefinitionFeaturesResult {
  const problem =
    `spec.definition: not analysed: ${Math.ceil(chars / 1024)} KB is more ` +
    `than the ${
      MAIN_THREAD_MAX_DEFINITION_CHARS / 1024
    } KB parsed on the main thread, and no parser thread is running ` +
    `(apiops.snapshot.parserThreads); it is analysed at the next snapshot`;
  return { problem, definitionProblem: problem, transient: true };
}
