import {
  DEFAULT_METHOD_CYCLE,
  METHOD_LOCALES,
  MethodCriterion,
  MethodCycle,
  MethodLine,
  MethodLocale,
  MethodApiStyle,
  MethodModel,
  MethodResource,
  MethodStakeholder,
  MethodStation,
  MethodSubStation,
  resolveMethodLocale,
} from '@apiops-backstage/plugin-apiops-common';
import {
  createLabelLookup,
  humanizeId,
  LabelLookup,
} from './createLabelLookup';
import { loadMethodData, MethodData } from './loadMethodData';
import { UnknownMethodCycleError } from './UnknownMethodCycleError';

/** What the catalog keeps of one cycle. */
interface CycleEntry {
  /** Core station ids in cycle order. */
  stations: readonly string[];
  /** Ids of the criteria of those stations. */
  criteria: ReadonlySet<string>;
  models: ReadonlyMap<MethodLocale, MethodModel>;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) {
      deepFreeze(child);
    }
  }
  return value;
}

function unique(ids: Iterable<string>): string[] {
  return [...new Set(ids)];
}

/** The address of the method's CanvasCreator, as its engine links to it. */
const CANVAS_CREATOR_URL = 'https://canvascreator.apiopscycles.com/';

/**
 * A link that opens a canvas in CanvasCreator in a locale, as the method
 * engine's `getCanvasCreatorUrl` makes it.
 */
function canvasCreatorUrl(canvas: string, locale: MethodLocale): string {
  return `${CANVAS_CREATOR_URL}?canvas=${encodeURIComponent(
    canvas,
  )}&locale=${encodeURIComponent(locale)}`;
}

/**
 * The design canvases of one API style, by resource id: the method engine
 * recommends each only to APIs of its style (`STYLE_CANVAS_RESOURCES`).
 */
const STYLE_RESOURCES: Readonly<Record<string, MethodApiStyle>> = {
  restCanvas: 'rest',
  eventCanvas: 'event',
  graphqlCanvas: 'graphql',
};

/**
 * The texts of a numbered label series: `key`, `key.1`, `key.2`…, up to the
 * first one missing.
 */
function labelSeries(lookup: LabelLookup, key: string): string[] {
  const texts: string[] = [];
  for (let index = 0; ; index++) {
    const text = lookup(index === 0 ? key : `${key}.${index}`, [
      'stations',
      'cycles',
    ]);
    if (text === undefined) {
      return texts;
    }
    texts.push(text);
  }
}

/** Builds the model of one cycle in one locale. */
function buildModel(
  data: MethodData,
  cycle: MethodData['cycles'][number],
  locale: MethodLocale,
): MethodModel {
  const lookup = createLabelLookup(data.labels[locale], data.labels.en);
  const criterionById = new Map(data.criteria.map(c => [c.id, c]));
  const coreById = new Map(data.coreStations.map(s => [s.id, s]));
  const stationStakeholders = data.stationStakeholders[cycle.id] ?? {};

  const criterion = (id: string): MethodCriterion => ({
    id,
    label:
      lookup(`criterion.${id}`, ['criteria']) ??
      criterionById.get(id)?.description ??
      humanizeId(id),
  });

  const linesOf = (stationId: string) =>
    data.lines.filter(line => line.stations.includes(stationId)).map(l => l.id);

  const resourceById = new Map(data.resources.map(r => [r.id, r]));
  // Ids the data recommends but does not describe are left out, as the
  // method engine can neither title nor link them (4.2.1 has none).
  const stationResources = (stationId: string) =>
    unique(cycle.recommendedResources[stationId] ?? []).filter(id =>
      resourceById.has(id),
    );
  const resource = (id: string): MethodResource => {
    const entry = resourceById.get(id)!;
    // Only a canvas CanvasCreator has gets a link to it.
    const canvas =
      entry.canvas && data.canvasIds.has(entry.canvas)
        ? entry.canvas
        : undefined;
    const apiStyle = Object.hasOwn(STYLE_RESOURCES, id)
      ? STYLE_RESOURCES[id]
      : undefined;
    return {
      id,
      category: entry.category,
      title: lookup(entry.title, ['resources']) ?? humanizeId(id),
      description: lookup(entry.description, ['resources']) ?? '',
      ...(canvas && {
        canvas,
        canvasCreatorUrl: canvasCreatorUrl(canvas, locale),
      }),
      draft: entry.draft,
      ...(apiStyle && { apiStyle }),
    };
  };

  const stationCriteria = (stationId: string) =>
    data.stationCriteria.byCycle[cycle.id]?.[stationId] ??
    data.stationCriteria.default[stationId] ??
    [];

  const stations = cycle.stations.flatMap((id): MethodStation[] => {
    const station = coreById.get(id);
    if (!station) {
      return []; // as the method engine does: ids of no core station are skipped
    }
    // The cycle's own texts for the station (4.2.1 has them for the API
    // productization cycle only). The station's cycle-neutral texts are not
    // used instead: in 4.2.1 they are those of other cycles.
    const cycleKey = `cycle.${cycle.id}.station.${id}`;
    const cycleText = (key: string) =>
      lookup(`${cycleKey}.${key}`, ['stations', 'cycles']);
    const stakeholders = (stationStakeholders[id] ?? []).map(entry => ({
      id: entry.stakeholder,
      involvement: entry.involvement,
    }));

    return [
      {
        id,
        lifecycleStage: station.lifecycleStage,
        title:
          lookup(cycle.stationLabels[id], ['stations', 'cycles']) ??
          lookup(station.title, ['stations']) ??
          humanizeId(id),
        description:
          lookup(cycle.stationDescriptions[id], ['stations', 'cycles']) ??
          lookup(station.description, ['stations']) ??
          '',
        whyItMatters: cycleText('why_it_matters'),
        applyInWork: cycleText('apply_in_work'),
        outcomes: labelSeries(lookup, `${cycleKey}.outcomes`),
        steps: labelSeries(lookup, `${cycleKey}.how_it_works`),
        criteria: [...stationCriteria(id)],
        leadStakeholder: stakeholders.find(s => s.involvement === 'lead')?.id,
        stakeholders,
        lines: linesOf(id),
        expectedEvidenceTags: [...station.expectedEvidenceTags],
        resources: stationResources(id),
      },
    ];
  });

  const cycles = data.cycles.map(
    (entry): MethodCycle => ({
      id: entry.id,
      title: lookup(entry.title, ['cycles']) ?? humanizeId(entry.id),
      description: lookup(entry.description, ['cycles']) ?? '',
      purpose: lookup(entry.purpose, ['cycles']),
      entryCriteria: entry.entryCriteria.map(criterion),
      exitCriteria: entry.exitCriteria.map(criterion),
    }),
  );

  const lines = data.lines.map(
    (line): MethodLine => ({
      id: line.id,
      title: lookup(line.title, ['lines']) ?? humanizeId(line.id),
      description: lookup(line.description, ['lines']) ?? '',
      color: line.color,
      stations: [...line.stations],
    }),
  );

  const subStations = data.subStations.map(
    (station): MethodSubStation => ({
      id: station.id,
      title: lookup(station.title, ['stations']) ?? humanizeId(station.id),
      description: lookup(station.description, ['stations']) ?? '',
      lines: linesOf(station.id),
    }),
  );

  const stakeholders = data.stakeholders.map(
    (stakeholder): MethodStakeholder => ({
      id: stakeholder.id,
      title:
        lookup(stakeholder.title, ['stakeholders']) ??
        humanizeId(stakeholder.id),
      description: lookup(stakeholder.description, ['stakeholders']) ?? '',
    }),
  );

  return {
    locale,
    cycle: cycle.id,
    dataVersion: data.version,
    cycles,
    stations,
    criteria: unique(stations.flatMap(s => s.criteria)).map(criterion),
    lines,
    subStations,
    stakeholders,
    resources: unique(stations.flatMap(s => s.resources)).map(resource),
  };
}

/**
 * The APIOps Cycles method, loaded once from the installed
 * `apiops-cycles-method-data` package and resolved into a localized
 * {@link @apiops-backstage/plugin-apiops-common#MethodModel} for every cycle
 * and every supported locale.
 *
 * Methods taking a cycle id throw an {@link UnknownMethodCycleError} (an
 * `InputError`, hence a 400 from the router) for a cycle the data does not
 * have; check with {@link MethodCatalog.hasCycle} first to avoid it.
 *
 * @internal
 */
export class MethodCatalog {
  readonly #cycles: ReadonlyMap<string, CycleEntry>;

  /** Loads the method data from the installed package. */
  static async create(): Promise<MethodCatalog> {
    return new MethodCatalog(await loadMethodData());
  }

  private constructor(data: MethodData) {
    const cycles = new Map<string, CycleEntry>();
    for (const cycle of data.cycles) {
      const models = new Map(
        METHOD_LOCALES.map(locale => [
          locale,
          deepFreeze(buildModel(data, cycle, locale)),
        ]),
      );
      const stations = models.get('en')!.stations;
      cycles.set(cycle.id, {
        stations: stations.map(station => station.id),
        criteria: new Set(stations.flatMap(station => station.criteria)),
        models,
      });
    }
    this.#cycles = cycles;
  }

  /** The ids of the method's cycles, in the data's order. */
  listCycles(): string[] {
    return [...this.#cycles.keys()];
  }

  /** Whether the method has a cycle with this id. */
  hasCycle(cycle: string): boolean {
    return this.#cycles.has(cycle);
  }

  /**
   * The method as seen from a cycle, in a locale. The model is frozen and
   * shared between callers.
   *
   * @param options.cycle - Cycle id; the API productization cycle by default.
   * @param options.locale - A locale or BCP 47 language tag (`fi-FI`);
   *   English when missing or not one the method is translated to.
   * @throws UnknownMethodCycleError for a cycle the data does not have.
   */
  getModel(options: { cycle?: string; locale?: string } = {}): MethodModel {
    const entry = this.#cycle(options.cycle ?? DEFAULT_METHOD_CYCLE);
    return entry.models.get(resolveMethodLocale(options.locale))!;
  }

  /**
   * The ids of the core stations of a cycle, in cycle order.
   *
   * @throws UnknownMethodCycleError for a cycle the data does not have.
   */
  coreStations(cycle: string): string[] {
    return [...this.#cycle(cycle).stations];
  }

  /**
   * The ids of every criterion used by the core stations of a cycle: the
   * criteria an API can be assessed against in that cycle.
   *
   * @throws UnknownMethodCycleError for a cycle the data does not have.
   */
  criterionIds(cycle: string): Set<string> {
    return new Set(this.#cycle(cycle).criteria);
  }

  #cycle(cycle: string): CycleEntry {
    const entry = this.#cycles.get(cycle);
    if (!entry) {
      throw new UnknownMethodCycleError(cycle, this.listCycles());
    }
    return entry;
  }
}
