import {
  METHOD_LOCALES,
  MethodLocale,
} from '@apiops-backstage/plugin-apiops-common';
import { readFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { repairMojibake } from './repairMojibake';

const PACKAGE_NAME = 'apiops-cycles-method-data';

/** A file the package exports, used to find the package folder. */
const EXPORTED_FILE = `${PACKAGE_NAME}/method/stations.json`;

const stringMap = z.record(z.string());
const idList = z.array(z.string().min(1));

const stationBase = z.object({
  id: z.string().min(1),
  title: z.string(),
  description: z.string(),
});

// The station's cycle-neutral texts (why_it_matters, outcomes, how_it_works…)
// are not read: in 4.2.1 they are those of other cycles (see MethodStation's
// `steps`). The cycle's own texts are label keys of the cycle.
const coreStation = stationBase.extend({
  lifecycleStage: z.string().min(1),
  expectedEvidenceTags: z.array(z.string()).default([]),
});

const subStation = stationBase;

const stationsFile = z
  .object({ 'core-stations': z.object({ items: z.array(coreStation) }) })
  .catchall(z.object({ items: z.array(subStation) }));

const cyclesFile = z.object({
  cycles: z.object({
    items: z.array(
      z.object({
        id: z.string().min(1),
        title: z.string(),
        description: z.string(),
        purpose: z.string().optional(),
        stations: idList,
        stationLabels: stringMap.default({}),
        stationDescriptions: stringMap.default({}),
        /** Resource ids recommended per station id, in order. */
        recommendedResources: z.record(idList).default({}),
        entryCriteria: idList.default([]),
        exitCriteria: idList.default([]),
      }),
    ),
  }),
});

const stationCriteriaMap = z.record(idList);
const stationCriteriaFile = z.object({
  default: stationCriteriaMap,
  byCycle: z.record(stationCriteriaMap).default({}),
});

const criteriaFile = z.array(
  z.object({ id: z.string().min(1), description: z.string().optional() }),
);

const linesFile = z.object({
  lines: z.object({
    items: z.array(
      z.object({
        id: z.string().min(1),
        title: z.string(),
        description: z.string(),
        color: z.string().optional(),
        stations: idList,
      }),
    ),
  }),
});

const stationStakeholdersFile = z.object({
  stationStakeholdersByCycle: z.record(
    z.record(
      z.array(
        z.object({
          stakeholder: z.string().min(1),
          involvement: z.enum(['lead', 'core', 'consulted']),
        }),
      ),
    ),
  ),
});

const stakeholdersFile = z.object({
  stakeholders: z.array(
    z.object({
      id: z.string().min(1),
      title: z.string(),
      description: z.string(),
    }),
  ),
});

const resourcesFile = z.object({
  resources: z.array(
    z.object({
      id: z.string().min(1),
      title: z.string(),
      description: z.string(),
      category: z.string().min(1),
      /** The canvas id in canvasData.json, for a canvas. */
      canvas: z.string().min(1).optional(),
      // 4.2.1 writes `draft` as the string "true".
      draft: z
        .union([z.boolean(), z.string()])
        .optional()
        .transform(draft => draft === true || draft === 'true'),
    }),
  ),
});

/** canvasData.json: the canvases CanvasCreator has, by canvas id. */
const canvasDataFile = z.record(z.object({}).passthrough());

const packageFile = z.object({ name: z.string(), version: z.string() });

/**
 * The label files of a locale the model uses, by category
 * (`labels.<category>.json`). Label keys are namespaced by file: the same
 * key can hold different texts in two files.
 *
 * @internal
 */
export const LABEL_CATEGORIES = [
  'stations',
  'cycles',
  'criteria',
  'lines',
  'stakeholders',
  'resources',
] as const;

/** @internal */
export type LabelCategory = (typeof LABEL_CATEGORIES)[number];

/** Labels of one locale: key → text, by category. @internal */
export type LocaleLabels = Readonly<
  Record<LabelCategory, Readonly<Record<string, string>>>
>;

/**
 * The parts of the method data the model is built from, validated, with the
 * data's quirks smoothed out (`draft: "true"` read as a boolean, mojibake in
 * the labels repaired).
 *
 * @internal
 */
export interface MethodData {
  /** Version of the package. */
  version: string;
  /** The core stations, in the data's order. */
  coreStations: z.infer<typeof coreStation>[];
  /** The stations of every other group (sub-stations), in the data's order. */
  subStations: z.infer<typeof subStation>[];
  cycles: z.infer<typeof cyclesFile>['cycles']['items'];
  stationCriteria: z.infer<typeof stationCriteriaFile>;
  criteria: z.infer<typeof criteriaFile>;
  lines: z.infer<typeof linesFile>['lines']['items'];
  stationStakeholders: z.infer<
    typeof stationStakeholdersFile
  >['stationStakeholdersByCycle'];
  stakeholders: z.infer<typeof stakeholdersFile>['stakeholders'];
  /** The resources (canvases, guidelines, checklists, templates). */
  resources: z.infer<typeof resourcesFile>['resources'];
  /** The ids of the canvases CanvasCreator has (canvasData.json). */
  canvasIds: ReadonlySet<string>;
  labels: Readonly<Record<MethodLocale, LocaleLabels>>;
}

/**
 * The root folder of the installed `apiops-cycles-method-data` package.
 *
 * The package's `exports` map hides most of its files, including its
 * `package.json`, so this resolves a file it does export and walks up to the
 * folder whose `package.json` names the package.
 *
 * @internal
 */
export function findMethodDataPackageRoot(): string {
  const exportedFile = require.resolve(EXPORTED_FILE);
  for (
    let dir = path.dirname(exportedFile);
    dir !== path.dirname(dir);
    dir = path.dirname(dir)
  ) {
    const manifest = path.join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      JSON.parse(readFileSync(manifest, 'utf8')).name === PACKAGE_NAME
    ) {
      return dir;
    }
  }
  throw new Error(`Cannot find the package folder of ${exportedFile}`);
}

async function readJson<T>(
  file: string,
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
): Promise<T> {
  const text = await readFile(file, 'utf8');
  const result = schema.safeParse(JSON.parse(text));
  if (!result.success) {
    const issues = result.error.issues
      .slice(0, 5)
      .map(issue => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new Error(`Unexpected content in ${file}: ${issues}`);
  }
  return result.data;
}

async function readLabels(file: string): Promise<Record<string, string>> {
  if (!existsSync(file)) {
    return {};
  }
  const labels = await readJson(file, stringMap);
  return Object.fromEntries(
    Object.entries(labels).map(([key, text]) => [key, repairMojibake(text)]),
  );
}

async function readLocaleLabels(
  methodDir: string,
  locale: MethodLocale,
): Promise<LocaleLabels> {
  const entries = await Promise.all(
    LABEL_CATEGORIES.map(
      async category =>
        [
          category,
          await readLabels(
            path.join(methodDir, locale, `labels.${category}.json`),
          ),
        ] as const,
    ),
  );
  return Object.fromEntries(entries) as Record<
    LabelCategory,
    Record<string, string>
  >;
}

/**
 * Reads and validates the method data of the installed
 * `apiops-cycles-method-data` package: structure files and the labels of
 * every supported locale. A locale folder or label file that is missing reads
 * as empty (its texts fall back to English).
 *
 * @throws Error when a file is missing or has an unexpected shape.
 * @internal
 */
export async function loadMethodData(): Promise<MethodData> {
  const root = findMethodDataPackageRoot();
  const methodDir = path.join(root, 'src', 'data', 'method');
  const file = (name: string) => path.join(methodDir, name);

  const [
    manifest,
    stations,
    cycles,
    stationCriteria,
    criteria,
    lines,
    stationStakeholders,
    stakeholders,
    resources,
    canvasData,
    localeLabels,
  ] = await Promise.all([
    readJson(path.join(root, 'package.json'), packageFile),
    readJson(file('stations.json'), stationsFile),
    readJson(file('cycles.json'), cyclesFile),
    readJson(file('station-criteria.json'), stationCriteriaFile),
    readJson(file('criteria.json'), criteriaFile),
    readJson(file('lines.json'), linesFile),
    readJson(file('station-stakeholders.json'), stationStakeholdersFile),
    readJson(file('stakeholders.json'), stakeholdersFile),
    readJson(file('resources.json'), resourcesFile),
    readJson(
      path.join(root, 'src', 'data', 'canvas', 'canvasData.json'),
      canvasDataFile,
    ),
    Promise.all(
      METHOD_LOCALES.map(locale => readLocaleLabels(methodDir, locale)),
    ),
  ]);

  return {
    version: manifest.version,
    coreStations: stations['core-stations'].items,
    subStations: Object.entries(stations)
      .filter(([group]) => group !== 'core-stations')
      .flatMap(([, group]) => group.items),
    cycles: cycles.cycles.items,
    stationCriteria,
    criteria,
    lines: lines.lines.items,
    stationStakeholders: stationStakeholders.stationStakeholdersByCycle,
    stakeholders: stakeholders.stakeholders,
    resources: resources.resources,
    canvasIds: new Set(Object.keys(canvasData)),
    labels: Object.fromEntries(
      METHOD_LOCALES.map((locale, index) => [locale, localeLabels[index]]),
    ) as Record<MethodLocale, LocaleLabels>,
  };
}
