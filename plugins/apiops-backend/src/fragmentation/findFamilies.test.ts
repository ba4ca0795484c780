import { runSteps } from './EventLoopYielder';
import { findFamilies, type Family, type FamilyInput } from './findFamilies';

/** One API: its operations, each with a shape (0: unknown). */
type TestApi = Record<string, number>;

/**
 * The input of findFamilies for some APIs: signatures interned to ids in
 * order of first appearance, each API's ids sorted.
 */
function inputOf(
  apis: TestApi[],
  options: { listed?: string[]; groups?: number[] } = {},
): { input: FamilyInput; signatures: string[] } {
  const ids = new Map<string, number>();
  for (const api of apis) {
    for (const signature of Object.keys(api)) {
      if (!ids.has(signature)) ids.set(signature, ids.size);
    }
  }
  const rawStart = [0];
  const raw: number[] = [];
  const rawShapes: number[] = [];
  for (const api of apis) {
    const entries = Object.entries(api)
      .map(([signature, shape]) => [ids.get(signature)!, shape] as const)
      .sort((a, b) => a[0] - b[0]);
    for (const [id, shape] of entries) {
      raw.push(id);
      rawShapes.push(shape);
    }
    rawStart.push(raw.length);
  }
  const listed = new Uint8Array(ids.size);
  for (const signature of options.listed ?? []) {
    listed[ids.get(signature)!] = 1;
  }
  return {
    input: {
      rawStart: Int32Array.from(rawStart),
      raw: Int32Array.from(raw),
      rawShapes: Int32Array.from(rawShapes),
      listed,
      groups: options.groups,
    },
    signatures: [...ids.keys()],
  };
}

/** The families found, with the interface as signatures. */
function families(
  apis: TestApi[],
  options: { listed?: string[]; groups?: number[] } = {},
  minApis = 3,
  minEvidence = 2,
) {
  const { input, signatures } = inputOf(apis, options);
  return runSteps(findFamilies(input, minApis, minEvidence)).map(
    (family: Family) => ({
      ...family,
      interface: family.interfaceIds.map(id => signatures[id]).sort(),
    }),
  );
}

/** APIs 0..count-1, each with `shared` and an operation of its own. */
function tinyApis(count: number, shared: (api: number) => TestApi): TestApi[] {
  return Array.from({ length: count }, (_, api) => ({
    ...shared(api),
    [`GET /own-${api}`]: 0x100 + api,
  }));
}

describe('findFamilies', () => {
  it('finds 5 tiny APIs sharing 2 operations with the same shapes', () => {
    const apis = tinyApis(5, () => ({
      'GET /degrees/{}': 0x1234,
      'POST /degrees/verify': 0x5678,
    }));
    expect(families(apis)).toEqual([
      {
        members: [0, 1, 2, 3, 4],
        interfaceIds: expect.any(Array),
        interface: ['GET /degrees/{}', 'POST /degrees/verify'],
        schemaMatches: 2,
        // Same shapes in 5 APIs: each operation counts log2(5).
        evidence: 4.644,
      },
    ]);
  });

  it('finds no family in one shared operation among many own ones', () => {
    // 2 shared of 10 operations each: under 40% of their own.
    const apis = Array.from({ length: 5 }, (_api, api) => ({
      'GET /countries': 1,
      'GET /countries/{}': 2,
      ...Object.fromEntries(
        Array.from({ length: 8 }, (_, i) => [`GET /own-${api}/${i}`, 3]),
      ),
    }));
    expect(families(apis)).toEqual([]);
  });

  it('finds no family in generic operations of unrelated APIs with different shapes', () => {
    const apis = tinyApis(5, api => ({
      'GET /orders': 0x10 + api,
      'GET /orders/{}': 0x20 + api,
    }));
    expect(families(apis)).toEqual([]);
    // The same operations with the same shapes are an interface.
    expect(
      families(tinyApis(5, () => ({ 'GET /orders': 1, 'GET /orders/{}': 2 }))),
    ).toHaveLength(1);
  });

  it('finds no family in the versions of one API', () => {
    const shared = () => ({ 'GET /degrees/{}': 1, 'POST /degrees/verify': 2 });
    expect(families(tinyApis(4, shared), { groups: [7, 7, 7, 7] })).toEqual([]);
    // Two API groups are enough for a family of four.
    expect(
      families(tinyApis(4, shared), { groups: [7, 7, 8, 8] }),
    ).toHaveLength(1);
  });

  it('counts an operation without shapes half: four are needed for the evidence', () => {
    const without = (count: number) =>
      tinyApis(5, () =>
        Object.fromEntries(
          Array.from({ length: count }, (_, i) => [`GET /things/${i}`, 0]),
        ),
      );
    expect(families(without(3))).toEqual([]);
    expect(families(without(4))).toEqual([
      expect.objectContaining({ schemaMatches: 0, evidence: 2 }),
    ]);
  });

  it('needs familyMinApis members and leaves listed signatures out', () => {
    const shared = () => ({ 'GET /degrees/{}': 1, 'POST /degrees/verify': 2 });
    expect(families(tinyApis(2, shared))).toEqual([]);
    expect(families(tinyApis(5, shared), {}, 6)).toEqual([]);
    // Three APIs: two operations alike weigh 2 × log2(3), one only 1.58.
    expect(families(tinyApis(3, shared))).toHaveLength(1);
    expect(
      families(tinyApis(3, shared), { listed: ['POST /degrees/verify'] }),
    ).toEqual([]);
  });

  it('merges parts whose APIs nearly coincide into one family', () => {
    // Six APIs share two operations; five of them share a third.
    const apis = tinyApis(6, api => ({
      'GET /a': 1,
      'GET /b': 2,
      ...(api < 5 ? { 'GET /c': 3 } : {}),
    }));
    expect(families(apis)).toEqual([
      {
        members: [0, 1, 2, 3, 4, 5],
        interfaceIds: expect.any(Array),
        interface: ['GET /a', 'GET /b', 'GET /c'],
        schemaMatches: 3,
        // (1 + 1 + 5/6) × log2(6): the third part covers 5 of the 6.
        evidence: 7.324,
      },
    ]);
  });

  it('keeps two interfaces of different APIs apart', () => {
    const apis = [
      ...tinyApis(3, () => ({ 'GET /x/1': 1, 'GET /x/2': 2 })),
      ...tinyApis(3, () => ({ 'GET /y/1': 3, 'GET /y/2': 4 })).map(api =>
        Object.fromEntries(
          Object.entries(api).map(([op, shape]) => [`${op}-y`, shape]),
        ),
      ),
    ];
    expect(families(apis).map(family => family.members)).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
  });
});
