import { createLabelLookup, humanizeId } from './createLabelLookup';

describe('createLabelLookup', () => {
  const english = {
    stations: {
      'station.a.title': 'Strategy',
      'station.b.title': 'Design',
      'shared.key': 'from stations',
    },
    cycles: {
      'cycle.x.title': 'API Cycle',
      'shared.key': 'from cycles',
      'only.in.cycles': 'English cycles text',
    },
  };
  const finnish = {
    stations: { 'station.a.title': 'Strategia', 'station.b.title': '' },
    cycles: { 'only.in.cycles': 'Suomeksi', 'shared.key': 'syklistä' },
  };
  const lookup = createLabelLookup(finnish, english);

  it.each<
    [string | undefined, Array<'stations' | 'cycles'>, string | undefined]
  >([
    ['station.a.title', ['stations'], 'Strategia'],
    // a key missing in the locale falls back to English
    ['cycle.x.title', ['cycles'], 'API Cycle'],
    // an empty text counts as missing
    ['station.b.title', ['stations'], 'Design'],
    // files are searched in the order asked for; within a file the locale wins
    ['shared.key', ['stations', 'cycles'], 'from stations'],
    ['shared.key', ['cycles', 'stations'], 'syklistä'],
    ['only.in.cycles', ['stations', 'cycles'], 'Suomeksi'],
    // only the files asked for are searched
    ['only.in.cycles', ['stations'], undefined],
    ['station.a.title', ['cycles'], undefined],
    ['no.such.key', ['stations', 'cycles'], undefined],
    ['constructor', ['stations'], undefined],
    ['', ['stations'], undefined],
    [undefined, ['stations'], undefined],
  ])('%p in %j → %p', (key, categories, expected) => {
    expect(lookup(key, categories)).toBe(expected);
  });

  it('reads English alone when the locale has no labels at all', () => {
    expect(
      createLabelLookup({}, english)('station.a.title', ['stations']),
    ).toBe('Strategy');
  });
});

describe('humanizeId', () => {
  it.each([
    ['api-product-strategy', 'API product strategy'],
    ['monitoring-and-improving', 'Monitoring and improving'],
    ['ci-cd', 'Ci cd'],
    ['how_it_works', 'How it works'],
    ['x', 'X'],
    ['', ''],
  ])('%p → %p', (id, expected) => {
    expect(humanizeId(id)).toBe(expected);
  });
});
