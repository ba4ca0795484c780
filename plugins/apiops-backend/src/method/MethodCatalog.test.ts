import {
  deriveStation,
  METHOD_API_STYLES,
  METHOD_LOCALES,
  MethodApiStyle,
  MethodModel,
  stationResources,
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
const LABEL_KEY =
  /^(station|cycle|criterion|line|stakeholder|group|resource)\.[\w.-]+$/;

/** The cycle the method data 4.2.1 has station texts of its own for. */
const API_CYCLE = 'api-productization-cycle';

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

/** The API styles of the method engine, and ours. */
const STYLE_OF_ENGINE: Record<string, MethodApiStyle | undefined> = {
  REST: 'rest',
  Event: 'event',
  GraphQL: 'graphql',
  'Not sure yet': undefined,
};
const ENGINE_STYLES = Object.keys(STYLE_OF_ENGINE);

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
      const resourceIds = model.resources.map(r => r.id);
      for (const s of model.stations) {
        expect(s.title).not.toBe('');
        expect(s.description).not.toBe('');
        // only the API cycle has station texts of its own in 4.2.1
        expect(s.steps.length > 0).toBe(cycle === API_CYCLE);
        expect(s.outcomes.length > 0).toBe(cycle === API_CYCLE);
        expect(s.criteria.length).toBeGreaterThan(0);
        expect(s.leadStakeholder).toEqual(expect.any(String));
        expect(model.stakeholders.map(h => h.id)).toContain(s.leadStakeholder);
        expect(s.resources.length).toBeGreaterThan(0);
        expect(resourceIds).toEqual(expect.arrayContaining(s.resources));
      }
      expect(new Set(resourceIds).size).toBe(resourceIds.length);
      for (const r of model.resources) {
        expect(r.title).not.toBe('');
        expect(r.description).not.toBe('');
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

  it("gives each station its own cycle's steps", () => {
    const api = catalog.getModel();
    expect(station(api, 'api-design').steps).toHaveLength(8);
    expect(station(api, 'api-design').steps[0]).toMatch(
      /^Define core entities/,
    );
    // stations.json spells this station's steps `how-it-works`; the
    // cycle's own steps are label keys either way
    expect(station(api, 'api-consumer-experience').steps).toHaveLength(3);
    expect(station(api, 'monitoring-and-improving').steps).toHaveLength(3);
    expect(station(api, 'api-audit').whyItMatters).toEqual(expect.any(String));
    expect(
      station(catalog.getModel({ locale: 'fi' }), 'api-design').steps[0],
    ).not.toBe(station(api, 'api-design').steps[0]);
  });

  it.each(CYCLES.filter(cycle => cycle !== API_CYCLE))(
    'shows no steps of another cycle in the %s',
    cycle => {
      // 4.2.1 has no station texts of these cycles; the stations'
      // cycle-neutral texts are another cycle's (the automation cycle's
      // audit, integrations in its delivery), so none are shown.
      for (const locale of METHOD_LOCALES) {
        for (const s of catalog.getModel({ cycle, locale }).stations) {
          expect(s).toMatchObject({ steps: [], outcomes: [] });
          expect(s.whyItMatters).toBeUndefined();
          expect(s.applyInWork).toBeUndefined();
        }
      }
    },
  );

  it("recommends each station's own resources in every cycle", () => {
    const resourcesOf = (cycle: string, stationId: string) =>
      station(catalog.getModel({ cycle }), stationId).resources;
    expect(
      resourcesOf('capability-productization-cycle', 'api-product-strategy'),
    ).toEqual([
      'customerJourneyCanvas',
      'capabilityValuePropositionCanvas',
      'capabilityBusinessModelCanvas',
      'capabilityHypothesisCanvas',
    ]);
    expect(resourcesOf('automation-cycle', 'api-design')).toEqual([
      'automationWorkflowCanvas',
    ]);
    expect(
      resourcesOf('integration-productization-cycle', 'api-audit'),
    ).toEqual([
      'integration-readiness-checklist',
      'integration-compliance-data-governance-guide',
    ]);
    expect(resourcesOf(API_CYCLE, 'api-audit')).toEqual([
      'api-audit-checklist',
      'api-compliance-best-practices',
    ]);
  });

  it('describes the resources, with CanvasCreator links for canvases', () => {
    const model = catalog.getModel({
      cycle: 'capability-productization-cycle',
    });
    const byId = new Map(model.resources.map(r => [r.id, r]));
    expect(byId.get('capabilityValuePropositionCanvas')).toEqual({
      id: 'capabilityValuePropositionCanvas',
      category: 'canvas',
      title: 'Capability Value Proposition Canvas',
      description: expect.any(String),
      canvas: 'capabilityValuePropositionCanvas',
      canvasCreatorUrl:
        'https://canvascreator.apiopscycles.com/?canvas=capabilityValuePropositionCanvas&locale=en',
      draft: false,
    });
    // a template and a guideline: no canvas, drafts in 4.2.1
    expect(byId.get('capability-service-agreement-template')).toMatchObject({
      category: 'template',
      draft: true,
    });
    expect(
      byId.get('capability-service-agreement-template')?.canvasCreatorUrl,
    ).toBeUndefined();
    const categories = new Set(model.resources.map(r => r.category));
    expect([...categories].sort()).toEqual([
      'canvas',
      'checklist',
      'guideline',
      'template',
    ]);
    for (const r of model.resources) {
      expect(Boolean(r.canvasCreatorUrl)).toBe(r.category === 'canvas');
    }
  });

  it('marks the design canvases of one API style', () => {
    expect(Object.values(STYLE_OF_ENGINE).filter(Boolean).sort()).toEqual(
      [...METHOD_API_STYLES].sort(),
    );
    const model = catalog.getModel();
    expect(
      Object.fromEntries(
        model.resources.filter(r => r.apiStyle).map(r => [r.id, r.apiStyle]),
      ),
    ).toEqual({
      restCanvas: 'rest',
      eventCanvas: 'event',
      graphqlCanvas: 'graphql',
    });
    expect(
      stationResources(model, 'api-design', 'rest').map(r => r.id),
    ).toEqual([
      'domainCanvas',
      'interactionCanvas',
      'restCanvas',
      'api-design-principles',
      'contract-first-design',
    ]);
  });

  it('localizes the resources and their links, English where a locale has no texts', () => {
    const fi = catalog.getModel({ cycle: 'automation-cycle', locale: 'fi-FI' });
    const en = catalog.getModel({ cycle: 'automation-cycle', locale: 'en' });
    const canvas = (model: MethodModel) =>
      model.resources.find(r => r.id === 'automationWorkflowCanvas')!;
    expect(canvas(fi).canvasCreatorUrl).toBe(
      'https://canvascreator.apiopscycles.com/?canvas=automationWorkflowCanvas&locale=fi',
    );
    expect(fi.resources.map(r => r.title)).not.toEqual(
      en.resources.map(r => r.title),
    );
    // a language the method is not translated to: English texts and links
    const sv = catalog.getModel({ cycle: 'automation-cycle', locale: 'sv-SE' });
    expect(sv).toBe(en);
    expect(canvas(sv).canvasCreatorUrl).toMatch(/&locale=en$/);
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
            resources: Object.fromEntries(
              start.flatMap(s =>
                ${JSON.stringify(ENGINE_STYLES)}.map(style => [
                  s.id + '/' + style,
                  engine
                    .buildStationResourceData(s.id, locale, style, cycle)
                    .steps.map(step => ({
                      id: step.resourceId,
                      category: step.category,
                      title: step.resourceTitle,
                      description: step.resourceDescription,
                      canvasCreatorUrl: step.canvasId
                        ? engine.getCanvasCreatorUrl(step.canvasId, locale)
                        : undefined,
                      missing: step.missing,
                    })),
                ]),
              ),
            ),
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
          resources: Object.fromEntries(
            model.stations.flatMap(s =>
              ENGINE_STYLES.map(style => [
                `${s.id}/${style}`,
                stationResources(model, s.id, STYLE_OF_ENGINE[style]).map(
                  r => ({
                    id: r.id,
                    category: r.category,
                    title: r.title,
                    description: r.description,
                    canvasCreatorUrl: r.canvasCreatorUrl,
                  }),
                ),
              ]),
            ),
          ),
        }).toEqual({
          // the engine does not repair mojibake
          stations: JSON.parse(
            repairMojibake(JSON.stringify(expected.stations)),
          ),
          recommended: expected.recommended,
          resources: JSON.parse(
            repairMojibake(JSON.stringify(expected.resources)),
          ),
        });
      }
    }
  });
});
