import {
  deriveStation,
  METHOD_LOCALES,
  MethodModel,
} from '@apiops-backstage/plugin-apiops-common';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findMethodDataPackageRoot } from './loadMethodData';
import { MethodCatalog } from './MethodCatalog';
import { repairMojibake } from './repairMojibake';
import { UnknownMethodCycleError } from './UnknownMethodCycleError';

// Runs against the installed apiops-cycles-method-data package, no mocks.

const CORE_STATIONS = [
  'api-product-strategy',
  'api-consumer-experience',
  'api-platform-architecture',
  'api-design',
  'api-delivery',
  'api-audit',
  'api-publishing',
  'monitoring-and-improving',
];

const CYCLES = [
  'capability-productization-cycle',
  'api-productization-cycle',
  'integration-productization-cycle',
  'automation-cycle',
];

const LINES = [
  'business-opportunities-line',
  'platform-architecture-line',
  'api-design-line',
  'delivery-line',
  'publishing-and-adoption-line',
  'operating-model-line',
];

/** UTF-8 read as Windows-1252: `â€™`, `â€”`, `Ã©`, `Â `… */
const MOJIBAKE = /â€|Ã[\u0080-\u00bf]|Â[\u0080-\u00bf]/;

/** A label key, as the base files have them, instead of a text. */
const LABEL_KEY = /^(station|cycle|criterion|line|stakeholder|group)\.[\w.-]+$/;

/** Every string in a value, with its path. */
function strings(value: unknown, at = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[at, value]];
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => strings(item, `${at}[${index}]`));
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      strings(item, `${at}.${key}`),
    );
  }
  return [];
}

function station(model: MethodModel, id: string) {
  const found = model.stations.find(s => s.id === id);
  if (!found) throw new Error(`no station ${id}`);
  return found;
}

describe('MethodCatalog', () => {
  let catalog: MethodCatalog;

  beforeAll(async () => {
    catalog = await MethodCatalog.create();
  });

  it('finds the package folder from CommonJS despite the exports map', () => {
    const root = findMethodDataPackageRoot();
    expect(path.basename(root)).toBe('apiops-cycles-method-data');
  });

  it('lists the four cycles of the data', () => {
    expect(catalog.listCycles()).toEqual(CYCLES);
    expect(catalog.hasCycle('api-productization-cycle')).toBe(true);
    expect(catalog.hasCycle('no-such-cycle')).toBe(false);
    expect(catalog.hasCycle('')).toBe(false);
  });

  it('serves the API productization cycle in English by default', () => {
    const model = catalog.getModel();
    expect(model.cycle).toBe('api-productization-cycle');
    expect(model.locale).toBe('en');
    expect(model.dataVersion).toMatch(/^4\.2\./);
  });

  it('has the 8 core stations in cycle order for the default cycle', () => {
    const model = catalog.getModel();
    expect(model.stations.map(s => s.id)).toEqual(CORE_STATIONS);
    expect(catalog.coreStations('api-productization-cycle')).toEqual(
      CORE_STATIONS,
    );
    expect(model.stations.map(s => s.lifecycleStage)).toEqual([
      'strategy',
      'strategy',
      'architecture',
      'design',
      'delivery',
      'publishing',
      'publishing',
      'improving',
    ]);
  });

  it('has the 21 distinct criteria of the default cycle, shared between stations', () => {
    const model = catalog.getModel();
    const ids = catalog.criterionIds('api-productization-cycle');
    expect(ids.size).toBe(21);
    expect(model.criteria.map(c => c.id)).toEqual([...ids]);
    expect(model.stations.flatMap(s => s.criteria)).toHaveLength(35);
    expect(station(model, 'api-product-strategy').criteria).toEqual([
      'metrics-feedback-available',
      'business-goals-defined',
      'market-research-done',
      'stakeholder-approval',
    ]);
    expect(station(model, 'monitoring-and-improving').criteria).toEqual([
      'api-documentation-ready',
      'consumer-support-ready',
      'legal-compliance-clear',
    ]);
    expect(station(model, 'api-publishing').criteria).toContain(
      'api-documentation-ready',
    );
    expect(model.criteria.find(c => c.id === 'business-goals-defined')).toEqual(
      { id: 'business-goals-defined', label: 'Business goals are defined.' },
    );
  });

  it('derives the documented stations from the real model', () => {
    const model = catalog.getModel();
    const met = (...stationIds: string[]) =>
      Object.fromEntries(
        stationIds
          .flatMap(id => station(model, id).criteria)
          .map(c => [c, 'met' as const]),
      );
    expect(deriveStation(model.stations, {})).toBe('api-product-strategy');
    expect(deriveStation(model.stations, met('api-product-strategy'))).toBe(
      'api-consumer-experience',
    );
    expect(deriveStation(model.stations, met(...CORE_STATIONS))).toBe(
      'monitoring-and-improving',
    );
  });

  it.each(CYCLES)('loads the %s in every locale', cycle => {
    for (const locale of METHOD_LOCALES) {
      const model = catalog.getModel({ cycle, locale });
      expect(model.cycle).toBe(cycle);
      expect(model.locale).toBe(locale);
      expect(model.stations.map(s => s.id)).toEqual(CORE_STATIONS);
      expect(model.cycles.map(c => c.id)).toEqual(CYCLES);
      expect(model.criteria.length).toBeGreaterThan(0);
      expect(new Set(model.criteria.map(c => c.id))).toEqual(
        catalog.criterionIds(cycle),
      );
      for (const s of model.stations) {
        expect(s.title).not.toBe('');
        expect(s.description).not.toBe('');
        expect(s.steps.length).toBeGreaterThan(0);
        expect(s.outcomes.length).toBeGreaterThan(0);
        expect(s.criteria.length).toBeGreaterThan(0);
        expect(s.leadStakeholder).toEqual(expect.any(String));
        expect(model.stakeholders.map(h => h.id)).toContain(s.leadStakeholder);
      }
      // no label key left unresolved
      expect(strings(model).filter(([, text]) => LABEL_KEY.test(text))).toEqual(
        [],
      );
    }
  });

  it('uses the default criteria for cycles without their own', () => {
    // 4.2.1 has `byCycle` entries for the capability and integration cycles only
    expect(catalog.criterionIds('automation-cycle')).toEqual(
      catalog.criterionIds('api-productization-cycle'),
    );
    expect(
      catalog
        .getModel({ cycle: 'automation-cycle' })
        .stations.map(s => s.criteria),
    ).toEqual(catalog.getModel().stations.map(s => s.criteria));
  });

  it('titles stations and leads by the cycle', () => {
    const api = catalog.getModel();
    const automation = catalog.getModel({ cycle: 'automation-cycle' });
    expect(station(api, 'api-design').title).toBe('API Design');
    expect(station(automation, 'api-design').title).toBe(
      'Automation Workflow Design',
    );
    expect(api.stations.map(s => s.leadStakeholder)).toEqual([
      'api-product-owner',
      'api-product-owner',
      'platform-architect',
      'api-designer',
      'api-engineer',
      'governance-specialist',
      'api-product-owner',
      'api-product-owner',
    ]);
    expect(station(automation, 'api-design').leadStakeholder).toBe(
      'automation-engineer',
    );
  });

  it("reads the steps of the station spelling them 'how-it-works'", () => {
    // api-consumer-experience has `how-it-works` in stations.json; cycles
    // without texts of their own show the station's steps.
    const model = catalog.getModel({ cycle: 'automation-cycle' });
    expect(station(model, 'api-consumer-experience').steps).toHaveLength(3);
    expect(station(model, 'api-design').steps).toHaveLength(8);
  });

  it('describes the cycles with their entry and exit criteria', () => {
    const automation = catalog
      .getModel()
      .cycles.find(c => c.id === 'automation-cycle')!;
    expect(automation.title).toBe('Automation Cycle');
    expect(automation.entryCriteria.map(c => c.id)).toEqual([
      'automation-opportunity-evidence-ready',
      'automation-owner-confirmed',
    ]);
    expect(automation.exitCriteria[0].label).toMatch(/automation architecture/);
  });

  it('has the six metro lines, their stations and the lines of each station', () => {
    const model = catalog.getModel();
    expect(model.lines.map(l => l.id)).toEqual(LINES);
    expect(model.lines.every(l => /^#[0-9a-f]{6}$/i.test(l.color ?? ''))).toBe(
      true,
    );
    expect(model.lines.find(l => l.id === 'delivery-line')!.stations).toEqual([
      'api-delivery',
      'contract-design',
      'development',
      'ci-cd',
      'test-automation',
      'release-management',
    ]);
    expect(station(model, 'api-product-strategy').lines).toEqual([
      'business-opportunities-line',
      'platform-architecture-line',
      'operating-model-line',
    ]);
    expect(station(model, 'api-design').lines).toEqual(['api-design-line']);
    expect(model.subStations).toHaveLength(25);
    expect(model.subStations.find(s => s.id === 'ci-cd')).toMatchObject({
      lines: ['delivery-line'],
    });
    const onLines = new Set(model.lines.flatMap(l => l.stations));
    for (const s of [...model.stations, ...model.subStations]) {
      expect(onLines).toContain(s.id);
    }
  });

  it('has Finnish texts that differ from the English ones', () => {
    const en = catalog.getModel({ locale: 'en' });
    const fi = catalog.getModel({ locale: 'fi' });
    expect(fi.locale).toBe('fi');
    const differing = fi.stations.filter(
      (s, index) => s.title !== en.stations[index].title,
    );
    expect(differing.length).toBeGreaterThan(0);
    expect(fi.criteria.map(c => c.label)).not.toEqual(
      en.criteria.map(c => c.label),
    );
    expect(fi.lines[0].title).not.toBe(en.lines[0].title);
  });

  it.each([
    ['sv', 'en'],
    ['xx-YY', 'en'],
    ['', 'en'],
    ['fi-FI', 'fi'],
    ['DE', 'de'],
  ])('serves locale %p as %p', (requested, served) => {
    const model = catalog.getModel({ locale: requested });
    expect(model.locale).toBe(served);
    expect(model).toBe(catalog.getModel({ locale: served }));
  });

  it('repairs mojibake: no text of any model contains it', () => {
    for (const cycle of CYCLES) {
      for (const locale of METHOD_LOCALES) {
        const model = catalog.getModel({ cycle, locale });
        expect(
          strings(model).filter(([, text]) => MOJIBAKE.test(text)),
        ).toEqual([]);
      }
    }
    // 4.2.1 has it in the API cycle's English texts of this station
    const why = station(
      catalog.getModel(),
      'api-consumer-experience',
    ).whyItMatters;
    expect(why).toMatch(/^Great APIs don’t just work — they feel intuitive/);
  });

  it('rejects unknown cycles with a 400-worthy error', () => {
    for (const call of [
      () => catalog.getModel({ cycle: 'no-such-cycle' }),
      () => catalog.coreStations('no-such-cycle'),
      () => catalog.criterionIds('no-such-cycle'),
    ]) {
      expect(call).toThrow(UnknownMethodCycleError);
      expect(call).toThrow(expect.objectContaining({ name: 'InputError' }));
      expect(call).toThrow(/no-such-cycle.*api-productization-cycle/);
    }
  });

  it('hands out frozen models and copies of its lists', () => {
    const model = catalog.getModel();
    expect(Object.isFrozen(model)).toBe(true);
    expect(Object.isFrozen(model.stations[0].criteria)).toBe(true);
    expect(() => {
      (model.stations as unknown[]).push('x');
    }).toThrow(TypeError);

    catalog.coreStations('api-productization-cycle').pop();
    catalog.criterionIds('api-productization-cycle').clear();
    expect(catalog.coreStations('api-productization-cycle')).toHaveLength(8);
    expect(catalog.criterionIds('api-productization-cycle').size).toBe(21);
  });

  it('agrees with the package’s own method engine', () => {
    // The engine is ESM only: run it in a child Node process.
    const engine = pathToFileURL(
      path.join(findMethodDataPackageRoot(), 'src/lib/method-engine.js'),
    ).href;
    const script = `
      const engine = await import(${JSON.stringify(engine)});
      const out = {};
      for (const cycle of ${JSON.stringify(CYCLES)}) {
        for (const locale of ${JSON.stringify(METHOD_LOCALES)}) {
          const start = engine.buildStartData(locale, cycle);
          const criteria = engine.buildCriteriaChecklist(start).map(c => c.id);
          const some = Object.fromEntries(criteria.slice(0, 9).map(c => [c, 'met']));
          out[cycle + '/' + locale] = {
            stations: start.map(s => ({
              id: s.id,
              title: s.title,
              description: s.description,
              criteria: s.criteria,
              lead: s.stakeholders.find(h => h.involvement === 'lead')?.id,
            })),
            recommended: [{}, some].map(
              answers => engine.evaluateStartRecommendation(start, answers).recommendedStation.id,
            ),
            some,
          };
        }
      }
      process.stdout.write(JSON.stringify(out));
    `;
    const output = execFileSync(
      process.execPath,
      ['--input-type=module', '--eval', script],
      { encoding: 'utf8' },
    );
    const fromEngine = JSON.parse(output);

    for (const cycle of CYCLES) {
      for (const locale of METHOD_LOCALES) {
        const model = catalog.getModel({ cycle, locale });
        const expected = fromEngine[`${cycle}/${locale}`];
        const labels = new Map(model.criteria.map(c => [c.id, c.label]));
        expect({
          stations: model.stations.map(s => ({
            id: s.id,
            title: s.title,
            description: s.description,
            criteria: s.criteria.map(id => ({ id, label: labels.get(id) })),
            lead: s.leadStakeholder,
          })),
          recommended: [{}, expected.some].map(answers =>
            deriveStation(model.stations, answers),
          ),
        }).toEqual({
          // the engine does not repair mojibake
          stations: JSON.parse(
            repairMojibake(JSON.stringify(expected.stations)),
          ),
          recommended: expected.recommended,
        });
      }
    }
  });
});
