import { EventLoopYielder } from './EventLoopYielder';
import { extractDefinitionFeatures } from './extractDefinitionFeatures';
import {
  MAIN_THREAD_MAX_DEFINITION_CHARS,
  parseOnMainThread,
} from './parseOnMainThread';

function openApi(i: number) {
  return `openapi: 3.0.3\ninfo: { title: A, version: 1.0.0 }\npaths:\n  /things${i}:\n    get: {}\n`;
}

describe('parseOnMainThread', () => {
  it('gives the features of each definition, in order', async () => {
    const items = [0, 1, 2].map(i => ({
      type: 'openapi',
      definition: openApi(i),
    }));
    expect(await parseOnMainThread(items, EventLoopYielder.create())).toEqual(
      items.map(item => extractDefinitionFeatures(item.type, item.definition)),
    );
  });

  it('lets the event loop run between definitions once a slice is used up', async () => {
    const items = [0, 1, 2, 3].map(i => ({
      type: 'openapi',
      definition: openApi(i),
    }));
    // A slice of 0 ms is used up after every definition.
    const yielder = EventLoopYielder.create({ sliceMs: 0 });
    const turns: number[] = [];
    let parsed = 0;
    const tick = () => {
      turns.push(parsed);
      if (turns.length < 10) setImmediate(tick);
    };
    setImmediate(tick);
    const spy = jest.spyOn(yielder, 'yield');
    const results = await parseOnMainThread(items, yielder).then(r => {
      parsed = r.length;
      return r;
    });
    expect(results).toHaveLength(4);
    expect(spy).toHaveBeenCalledTimes(4);
    // Other work ran while the definitions were parsed.
    expect(turns.filter(t => t === 0).length).toBeGreaterThanOrEqual(3);
  });

  it('leaves a definition over the cap to the parser threads, for this run only', async () => {
    const large = `${openApi(1)}${'#'.repeat(
      MAIN_THREAD_MAX_DEFINITION_CHARS,
    )}`;
    const [result, small] = await parseOnMainThread(
      [
        { type: 'openapi', definition: large },
        { type: 'openapi', definition: openApi(2) },
      ],
      EventLoopYielder.create(),
    );
    expect(result).toEqual({
      problem: expect.stringMatching(
        /^spec\.definition: not analysed: 257 KB is more than the 256 KB parsed on the main thread/,
      ),
      definitionProblem: result.problem,
      transient: true,
    });
    expect(small.features?.operations).toContain('GET /things2');
  });
});
