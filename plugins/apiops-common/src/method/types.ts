/**
 * The locales the APIOps Cycles method data is translated to. English is the
 * master: every other locale falls back to it key by key.
 *
 * @public
 */
export const METHOD_LOCALES = ['en', 'fi', 'fr', 'de', 'pt'] as const;

/**
 * A locale of the APIOps Cycles method data.
 *
 * @public
 */
export type MethodLocale = (typeof METHOD_LOCALES)[number];

/**
 * The locale used when none, or one the method has no texts for, is asked for.
 *
 * @public
 */
export const DEFAULT_METHOD_LOCALE: MethodLocale = 'en';

/**
 * The cycle of the method used when none is configured: the API
 * productization cycle (the method engine's own default).
 *
 * @public
 */
export const DEFAULT_METHOD_CYCLE = 'api-productization-cycle';

/**
 * The answers a station criterion can have. Only `met` counts towards
 * passing a station; `not-met` and `unknown` both hold an API back.
 *
 * @public
 */
export const CRITERION_ANSWERS = ['met', 'not-met', 'unknown'] as const;

/**
 * The answer to one station criterion for one API.
 *
 * @public
 */
export type CriterionAnswer = (typeof CRITERION_ANSWERS)[number];

/**
 * How a stakeholder role takes part in a station: `lead` (one per station,
 * the role that decides), `core` or `consulted`.
 *
 * @public
 */
export type MethodStakeholderInvolvement = 'lead' | 'core' | 'consulted';

/**
 * The API styles the method has design resources of their own for: `rest`
 * (the REST canvas), `event` (the event canvas) and `graphql` (the GraphQL
 * canvas).
 *
 * @public
 */
export const METHOD_API_STYLES = ['rest', 'event', 'graphql'] as const;

/**
 * An API style the method has design resources of its own for.
 *
 * @public
 */
export type MethodApiStyle = (typeof METHOD_API_STYLES)[number];

/**
 * A criterion of the method, localized.
 *
 * @public
 */
export interface MethodCriterion {
  /** Stable id, e.g. `business-goals-defined`. */
  id: string;
  /** The criterion as a statement to agree with, in the model's locale. */
  label: string;
}

/**
 * A stakeholder role taking part in a station of a cycle.
 *
 * @public
 */
export interface MethodStationStakeholder {
  /** Stakeholder role id, e.g. `api-product-owner`; see {@link MethodModel.stakeholders}. */
  id: string;
  involvement: MethodStakeholderInvolvement;
}

/**
 * One of the eight core stations, as seen from one cycle and localized.
 *
 * @public
 */
export interface MethodStation {
  /** Stable id, e.g. `api-design`; the same in every cycle. */
  id: string;
  /**
   * Lifecycle stage, e.g. `strategy`, `architecture`, `design`, `delivery`,
   * `publishing` or `improving`. Two stations can share a stage.
   */
  lifecycleStage: string;
  /** The station's name in this cycle, e.g. "API Design". */
  title: string;
  /** One-line summary of the station in this cycle. */
  description: string;
  /**
   * Why the station exists in this cycle, when the data says. This and the
   * outcomes, steps and `applyInWork` are the cycle's own texts for the
   * station: absent or empty when the data has none for this cycle (see
   * {@link MethodStation.steps}).
   */
  whyItMatters?: string;
  /** What success at this station looks like in this cycle, when the data says. */
  applyInWork?: string;
  /** Outcomes of the station in this cycle, in the data's order. */
  outcomes: string[];
  /**
   * The steps of the station's "how it works" in this cycle, in the data's
   * order; empty when the method data has no steps of this cycle for the
   * station (4.2.1 has them for the API productization cycle only). The
   * station's cycle-neutral texts are not used instead: in 4.2.1 they are
   * those of other cycles (of integrations for some stations, of automations
   * for others). The station's resources ({@link MethodStation.resources})
   * are the cycle's own in every cycle.
   */
  steps: string[];
  /**
   * The ids of the station's criteria in this cycle, in the data's order.
   * Criteria can be shared with other stations.
   */
  criteria: string[];
  /** The stakeholder role leading the station in this cycle. */
  leadStakeholder?: string;
  /** All stakeholder roles taking part in the station in this cycle. */
  stakeholders: MethodStationStakeholder[];
  /** The ids of the metro lines touching the station, in line order. */
  lines: string[];
  /** Tags of the evidence expected at the station, e.g. `spec`, `test-report`. */
  expectedEvidenceTags: string[];
  /**
   * The ids of the resources (canvases, guidelines, checklists, templates)
   * the method recommends at the station in this cycle, in the data's order;
   * see {@link MethodModel.resources}.
   */
  resources: string[];
}

/**
 * A resource of the method recommended at a station: a canvas, a guideline,
 * a checklist or a template, localized.
 *
 * @public
 */
export interface MethodResource {
  /** Stable id, e.g. `apiValuePropositionCanvas` or `api-audit-checklist`. */
  id: string;
  /**
   * The kind of resource: `canvas`, `guideline`, `checklist` or `template`
   * in 4.2.1.
   */
  category: string;
  title: string;
  description: string;
  /** The canvas's id in CanvasCreator, for a canvas. */
  canvas?: string;
  /**
   * A link that opens the canvas in the method's CanvasCreator, in the
   * model's locale
   * (`https://canvascreator.apiopscycles.com/?canvas=<id>&locale=<locale>`),
   * for a canvas.
   */
  canvasCreatorUrl?: string;
  /** Whether the method data marks the resource as a draft. */
  draft: boolean;
  /**
   * For the design resources of one API style (the REST, event and GraphQL
   * canvases): the style. The method recommends such a resource only to the
   * APIs of that style.
   */
  apiStyle?: MethodApiStyle;
}

/**
 * A sub-station of a metro line (topic stations with no criteria, such as
 * `ci-cd`), localized.
 *
 * @public
 */
export interface MethodSubStation {
  id: string;
  title: string;
  description: string;
  /** The ids of the metro lines the sub-station is on. */
  lines: string[];
}

/**
 * A metro line of the method, localized.
 *
 * @public
 */
export interface MethodLine {
  /** Stable id, e.g. `delivery-line`. */
  id: string;
  title: string;
  description: string;
  /** CSS colour of the line on the metro map, when the data has one. */
  color?: string;
  /**
   * Ids of the stations along the line, core stations and sub-stations
   * mixed, in the data's order.
   */
  stations: string[];
}

/**
 * A cycle of the method: a view over the same eight core stations for one
 * kind of work (APIs, capabilities, integrations, automations).
 *
 * @public
 */
export interface MethodCycle {
  /** Stable id, e.g. `api-productization-cycle`. */
  id: string;
  title: string;
  description: string;
  /** What the cycle is for, when the data says. */
  purpose?: string;
  /** Signals that work on this cycle can start, localized. */
  entryCriteria: MethodCriterion[];
  /** Signals that work on this cycle is done well, localized. */
  exitCriteria: MethodCriterion[];
}

/**
 * A stakeholder role of the method, localized.
 *
 * @public
 */
export interface MethodStakeholder {
  /** Stable id, e.g. `api-product-owner`. */
  id: string;
  title: string;
  description: string;
}

/**
 * The APIOps Cycles method as seen from one cycle, in one locale: what the
 * backend serves and the frontend renders. Everything is keyed on ids.
 *
 * @public
 */
export interface MethodModel {
  /** The locale of every text in the model. */
  locale: MethodLocale;
  /** The id of the cycle the stations and criteria are resolved for. */
  cycle: string;
  /** Version of the `apiops-cycles-method-data` package the model comes from. */
  dataVersion: string;
  /** Every cycle of the method, in the data's order. */
  cycles: MethodCycle[];
  /** The eight core stations, in the order of {@link MethodModel.cycle}. */
  stations: MethodStation[];
  /**
   * Every criterion used by the stations of the cycle, each once, in the
   * order of first use along the cycle.
   */
  criteria: MethodCriterion[];
  /** The metro lines, in the data's order. */
  lines: MethodLine[];
  /** The sub-stations on the metro lines, in the data's order. */
  subStations: MethodSubStation[];
  /** The stakeholder roles of the method, in the data's order. */
  stakeholders: MethodStakeholder[];
  /**
   * Every resource recommended at a station of the cycle, each once, in the
   * order of first recommendation along the cycle.
   */
  resources: MethodResource[];
}
