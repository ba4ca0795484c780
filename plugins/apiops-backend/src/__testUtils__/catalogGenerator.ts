/**
 * A seeded generator of synthetic Backstage catalogs for the snapshot
 * benchmark: an organization (org → departments → teams, some empty, some
 * orphaned), users, systems, domains, resources, components providing and
 * consuming APIs, and N API entities with realistic OpenAPI 3 (and some
 * AsyncAPI / GraphQL) definitions.
 *
 * Everything is a pure function of (seed, size, index): any entity can be
 * produced on its own, in any order, so the catalog is streamed page by page
 * and never held in memory as a whole. The planted fragmentation and
 * ownership cases sit at fixed positions of blocks of 100 APIs, so their
 * share is the same at every size, and {@link plantedTruth} lists them
 * without generating a single definition.
 *
 * Positions in each block `b` of 100 APIs (index `100·b + p`):
 *
 * | p      | role                                                            |
 * |--------|-----------------------------------------------------------------|
 * | 0      | duplicate original (its group: p1 of block b+7, and p2 of block b+13 when b % 5 = 0) |
 * | 1      | duplicate copy of p0 of block b−7 (other name, server, base path, params; 0–2 ops changed) |
 * | 2      | second copy of p0 of block b−13 when (b−13) % 5 = 0, else plain |
 * | 3      | overlap container (≥ 14 operations)                             |
 * | 4      | overlap subset: half of the operations of p3 of block b−3       |
 * | 10–13  | version family: b % 3 = 0 → v1..v3 live (v1..v4 when b % 6 = 0): sprawl; b % 3 = 1 → v1 deprecated, v2, v3 live; b % 3 = 2 → v1, v2 live |
 * | 20     | owner-missing (placeholder owner), no provider                  |
 * | 21     | owner-unresolved (no such group), no provider                   |
 * | 22     | owner-not-group (a user), no provider                           |
 * | 23     | b even: owner-mismatch (another team than its provider's)       |
 * | 24     | b odd: owner-group-empty (an empty team), no provider           |
 * | 30     | b even: name collision with p31 of block b−11                   |
 * | 50     | b % 5 = 0: a definition that does not parse                     |
 * | others | plain, unique APIs                                              |
 *
 * APIs owned by an orphaned team (team index % 53 = 7) also have the gap
 * `owner-orphaned`.
 */
import type { Entity } from '@backstage/catalog-model';
import { mix32 } from '../fragmentation/findSimilarPairs';

// ---------------------------------------------------------------------------
// Randomness

/** A small, fast PRNG (mulberry32), seeded per entity. */
export class Rng {
  private state: number;

  constructor(seed: number, stream: number, index: number) {
    this.state = mix32(
      mix32(seed) ^ mix32(Math.imul(stream + 1, 0x9e3779b9) ^ index),
    );
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), 1 | t);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    const out: T[] = [];
    for (let i = 0; i < count && copy.length > 0; i++) {
      const j = this.int(copy.length);
      out.push(copy[j]);
      copy[j] = copy[copy.length - 1];
      copy.pop();
    }
    return out;
  }
}

const STREAM = {
  api: 1,
  family: 2,
  copy: 3,
  component: 4,
  user: 5,
  team: 6,
  system: 7,
};

// ---------------------------------------------------------------------------
// Vocabularies (no word of one list is in another; none is a stop word of
// the name normalization: api, apis, service, services, svc)

const QUALIFIERS =
  `loyalty corporate retail merchant partner digital mobile instant recurring
scheduled domestic international business private wholesale treasury mortgage savings credit
debit prepaid virtual physical joint student premium basic green sustainable foreign local
regional branch online offline express standard priority bulk realtime daily monthly annual
quarterly tax regulatory compliance risk fraud audit identity consent marketing campaign referral
reward cashback voucher gift travel insurance pension investment trading custody settlement
clearing liquidity collateral margin escrow trust estate agri fleet energy utility telecom
health education public municipal charity youth senior family household vehicle property
equipment inventory supplier vendor customer employee contractor payroll procurement`
    .split(/\s+/)
    .filter(Boolean);

const NOUNS =
  `accounts payments transfers cards loans deposits statements invoices orders quotes
offers contracts policies claims documents notifications alerts limits fees rates balances
transactions mandates beneficiaries disputes refunds chargebacks subscriptions plans products
prices discounts coupons baskets checkouts shipments deliveries returns appointments bookings
reservations tickets cases tasks approvals reviews ratings messages conversations devices
sessions tokens keys certificates credentials profiles preferences addresses contacts
segments leads opportunities journeys schedules calendars reports dashboards metrics forecasts
budgets ledgers journals postings reconciliations settlements positions portfolios holdings
instruments securities funds trades executions allocations valuations collaterals guarantees
covenants facilities drawdowns repayments arrears collections writeoffs provisions exposures
ratings-models scorecards applications onboardings verifications screenings watchlists
sanctions investigations incidents complaints feedbacks surveys consents-records entitlements
roles permissions groups teams members employees payslips timesheets expenses receipts
vendors-records purchase-orders requisitions catalogs listings auctions bids leases rentals
vehicles-records meters readings tariffs outages connections installations warranties repairs
inspections permits licenses registrations filings declarations returns-filings assessments
benefits pensions annuities premiums renewals cancellations endorsements quotations
illustrations projections simulations scenarios models datasets pipelines jobs batches
exports imports uploads files images videos articles pages menus banners campaigns-runs
experiments variants flags configurations secrets webhooks callbacks streams topics queues`
    .split(/\s+/)
    .filter(Boolean);

const THIRD =
  `nordic iberia benelux alpine baltic balkan celtic atlantic pacific andes sahara
tundra delta summit harbor meadow canyon prairie glacier coral amber cobalt crimson indigo jade
onyx opal ruby saffron scarlet silver topaz umber violet willow aspen birch cedar elm fir hazel
juniper larch maple oak pine rowan spruce yew falcon heron kestrel lynx otter puffin raven
sparrow swift wren`
    .split(/\s+/)
    .filter(Boolean);

const SUBS =
  `status history documents events notes attachments limits-settings preferences summary
settings members approvals-log balances-view statements-list transactions-list comments tags
versions owners contacts-list schedule audit-trail`
    .split(/\s+/)
    .filter(Boolean);

const ACTIONS =
  `activation cancellation suspension approval rejection renewal closure verification
reopening escalation assignment submission`
    .split(/\s+/)
    .filter(Boolean);

/** Sub-resources a copy renames an operation to (never in SUBS). */
const CHANGED_SUBS = ['change-log', 'audit-events', 'revisions', 'journal'];
/** Sub-resources later versions of a family add (never in SUBS). */
const VERSION_SUBS = [
  'insights',
  'recommendations',
  'previews',
  'simulations-run',
  'snapshots',
  'timeline',
  'quotes-v',
  'estimates',
];

/** Parents of the shared (secondary) resources many APIs expose. */
const SHARED_PARENTS =
  `customers accounts-shared parties employees-shared merchants-shared
partners-shared products-shared branches organisations-shared households-shared
counterparties agreements locations-shared channels-shared users-shared devices-shared
suppliers-shared stores-shared regions-shared brands-shared`
    .split(/\s+/)
    .filter(Boolean);
const SHARED_SUBS =
  `addresses identities consents kyc-status risk-profile segments-shared
preferences-shared documents-shared relationships contact-points tax-residency
bank-details limits-shared ratings-shared notes-shared tags-shared owners-shared
history-shared settings-shared links`
    .split(/\s+/)
    .filter(Boolean);

/** The success status of an operation, by method (else 200). */
const SUCCESS_STATUS: Partial<Record<string, string>> = {
  post: '201',
  delete: '204',
};
const COPY_SUFFIXES = ['gateway', 'facade', 'proxy', 'adapter', 'bff'];
const AREAS =
  `payments cards accounts lending customers risk treasury markets insurance
wealth operations channels data platform hr finance procurement marketing`
    .split(/\s+/)
    .filter(Boolean);
const TEAM_WORDS =
  `falcons otters ravens lynxes herons foxes wolves owls hawks bears
badgers beavers cranes eagles geese larks martens moles newts pikes`
    .split(/\s+/)
    .filter(Boolean);
const FIRST_NAMES =
  `ada alan anna ben carla chen dana eli emma farid gita hana ivan jon
kai lena liam maya nora omar paula ravi sara tom uma vera wei yara zoe`
    .split(/\s+/)
    .filter(Boolean);
const LAST_NAMES =
  `adams berg costa diaz eriksen fischer garcia haddad ito jensen kowalski
lind moreau nowak okafor patel quinn rossi silva tanaka ueda varga weber xu young zimmer`
    .split(/\s+/)
    .filter(Boolean);
const PLACEHOLDER_OWNERS = ['tbd', 'unknown', 'none'];

// ---------------------------------------------------------------------------
// The plan: sizes and the org structure, as arithmetic on indexes

/** How the catalog of a given size is laid out. */
export interface CatalogPlan {
  seed: number;
  apis: number;
  blocks: number;
  groups: number;
  departments: number;
  teams: number;
  users: number;
  components: number;
  systems: number;
  domains: number;
  resources: number;
  /** Team indexes (0-based among teams) that have members. */
  nonEmptyTeams: Int32Array;
  /** Non-empty, non-orphaned team indexes: owners of systems. */
  ownerTeams: Int32Array;
  /** Empty team indexes. */
  emptyTeams: Int32Array;
  /** Position of each team in `nonEmptyTeams`, or -1. */
  nonEmptyIndex: Int32Array;
  /** Station ids an `apiops/station` annotation may name. */
  stations: readonly string[];
}

export const BLOCK = 100;
export const PAGE_SIZE = 500;

export function isEmptyTeam(team: number): boolean {
  return team % 37 === 5;
}

export function isOrphanedTeam(team: number): boolean {
  return team % 53 === 7 && !isEmptyTeam(team);
}

/**
 * The layout of a catalog of `apis` APIs (a multiple of 100, at least 2000):
 * 1 group per 20 APIs, 1 user per 5 (so 200k APIs come with 50k groups and
 * users), 1 component per 2 APIs, 1 system per 20, 1 domain per 2000
 * (at least 5), 1 resource per 100.
 */
export function createPlan(options: {
  apis: number;
  seed: number;
  stations?: readonly string[];
}): CatalogPlan {
  const { apis, seed } = options;
  if (!Number.isInteger(apis) || apis < 2000 || apis % BLOCK !== 0) {
    throw new Error(`apis must be a multiple of ${BLOCK}, at least 2000`);
  }
  const groups = apis / 20;
  const departments = Math.max(3, Math.floor(groups / 40));
  const teams = groups - 1 - departments;
  const nonEmpty: number[] = [];
  const owners: number[] = [];
  const empty: number[] = [];
  const nonEmptyIndex = new Int32Array(teams).fill(-1);
  for (let t = 0; t < teams; t++) {
    if (isEmptyTeam(t)) {
      empty.push(t);
    } else {
      nonEmptyIndex[t] = nonEmpty.length;
      nonEmpty.push(t);
      if (!isOrphanedTeam(t)) owners.push(t);
    }
  }
  return {
    seed,
    apis,
    blocks: apis / BLOCK,
    groups,
    departments,
    teams,
    users: apis / 5,
    components: apis / 2,
    systems: apis / 20,
    domains: Math.max(5, Math.floor(apis / 2000)),
    resources: apis / 100,
    nonEmptyTeams: Int32Array.from(nonEmpty),
    ownerTeams: Int32Array.from(owners),
    emptyTeams: Int32Array.from(empty),
    nonEmptyIndex,
    stations: options.stations ?? [],
  };
}

// Names and refs ------------------------------------------------------------

export function teamName(team: number): string {
  return `${TEAM_WORDS[team % TEAM_WORDS.length]}-team-${team}`;
}

export function departmentName(department: number): string {
  return `${AREAS[department % AREAS.length]}-department-${department}`;
}

export function userName(user: number): string {
  return `${FIRST_NAMES[user % FIRST_NAMES.length]}.${
    LAST_NAMES[Math.floor(user / FIRST_NAMES.length) % LAST_NAMES.length]
  }-${user}`;
}

export function systemName(system: number): string {
  return `${AREAS[system % AREAS.length]}-system-${system}`;
}

export function domainName(domain: number): string {
  return `${AREAS[domain % AREAS.length]}-domain-${domain}`;
}

export function componentName(component: number): string {
  return `service-${component}`;
}

const orphanCache = new WeakMap<CatalogPlan, Int32Array>();
function orphanTeams(plan: CatalogPlan): Int32Array {
  let cached = orphanCache.get(plan);
  if (!cached) {
    cached = plan.nonEmptyTeams.filter(isOrphanedTeam);
    orphanCache.set(plan, cached);
  }
  return cached;
}

/**
 * The team that owns a system (and its components and APIs): one system in
 * 50 belongs to an orphaned team, the others to a healthy team.
 */
export function systemTeam(plan: CatalogPlan, system: number): number {
  const orphans = orphanTeams(plan);
  if (system % 50 === 13 && orphans.length > 0) {
    return orphans[mix32(system ^ plan.seed) % orphans.length];
  }
  return plan.ownerTeams[mix32(system ^ plan.seed) % plan.ownerTeams.length];
}

export function componentOfApi(api: number): number {
  return Math.floor(api / 2);
}

export function systemOfComponent(component: number): number {
  return Math.floor(component / 10);
}

// ---------------------------------------------------------------------------
// Roles of APIs

export type ApiRole =
  | { kind: 'plain' }
  | { kind: 'dup-original'; group: number }
  | { kind: 'dup-copy'; original: number; copy: 1 | 2 }
  | { kind: 'overlap-container' }
  | { kind: 'overlap-subset'; container: number }
  | {
      kind: 'family';
      base: number;
      version: number;
      deprecated: boolean;
    }
  | { kind: 'gap-missing' }
  | { kind: 'gap-unresolved' }
  | { kind: 'gap-not-group' }
  | { kind: 'gap-mismatch' }
  | { kind: 'gap-empty' }
  | { kind: 'collider'; target: number }
  | { kind: 'broken' };

/** How many versions the family of block `b` has, and how many are retired. */
export function familyShape(block: number): {
  versions: number;
  deprecated: number;
} {
  if (block % 3 === 0) {
    return { versions: block % 6 === 0 ? 4 : 3, deprecated: 0 };
  }
  if (block % 3 === 1) return { versions: 3, deprecated: 1 };
  return { versions: 2, deprecated: 0 };
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

export function roleOf(plan: CatalogPlan, api: number): ApiRole {
  const block = Math.floor(api / BLOCK);
  const p = api % BLOCK;
  const nb = plan.blocks;
  switch (p) {
    case 0:
      return { kind: 'dup-original', group: block };
    case 1:
      return {
        kind: 'dup-copy',
        original: mod(block - 7, nb) * BLOCK,
        copy: 1,
      };
    case 2: {
      const origin = mod(block - 13, nb);
      return origin % 5 === 0
        ? { kind: 'dup-copy', original: origin * BLOCK, copy: 2 }
        : { kind: 'plain' };
    }
    case 3:
      return { kind: 'overlap-container' };
    case 4:
      return {
        kind: 'overlap-subset',
        container: mod(block - 3, nb) * BLOCK + 3,
      };
    case 20:
      return { kind: 'gap-missing' };
    case 21:
      return { kind: 'gap-unresolved' };
    case 22:
      return { kind: 'gap-not-group' };
    case 23:
      return block % 2 === 0 ? { kind: 'gap-mismatch' } : { kind: 'plain' };
    case 24:
      return block % 2 === 1 ? { kind: 'gap-empty' } : { kind: 'plain' };
    case 30:
      return block % 2 === 0
        ? { kind: 'collider', target: mod(block - 11, nb) * BLOCK + 31 }
        : { kind: 'plain' };
    case 50:
      return block % 5 === 0 ? { kind: 'broken' } : { kind: 'plain' };
    default:
      if (p >= 10 && p <= 13) {
        const shape = familyShape(block);
        const version = p - 10 + 1;
        if (version <= shape.versions) {
          return {
            kind: 'family',
            base: block * BLOCK + 10,
            version,
            deprecated: version <= shape.deprecated,
          };
        }
      }
      return { kind: 'plain' };
  }
}

/** Whether the API is listed by its component as provided. */
function hasProvider(role: ApiRole): boolean {
  return !(
    role.kind === 'gap-missing' ||
    role.kind === 'gap-unresolved' ||
    role.kind === 'gap-not-group' ||
    role.kind === 'gap-empty'
  );
}

// ---------------------------------------------------------------------------
// API designs: resources and operations

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Path template with named parameters, e.g. `/loyalty-accounts/{loyaltyAccountId}`. */
  path: string;
  kind: 'primary' | 'secondary' | 'common';
  summary: string;
}

interface ApiDesign {
  /** Words of the primary resource: 2 or 3. */
  words: string[];
  /** Kebab base name, e.g. `nordic-loyalty-accounts`. */
  base: string;
  title: string;
  area: string;
  /** The primary resource's path segment and id parameter. */
  resource: string;
  param: string;
  casing: 'kebab' | 'camel';
  operations: Operation[];
  type: 'openapi' | 'asyncapi' | 'graphql';
  json: boolean;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function camel(words: string[]): string {
  return words.map((word, i) => (i === 0 ? word : capitalize(word))).join('');
}

function singular(word: string): string {
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/** The unique primary words of API index `api` (mixed radix). */
function primaryWords(api: number): string[] {
  const q = QUALIFIERS[api % QUALIFIERS.length];
  const rest = Math.floor(api / QUALIFIERS.length);
  const n = NOUNS[rest % NOUNS.length];
  const w = Math.floor(rest / NOUNS.length);
  if (w === 0) return [q, n];
  if (w - 1 >= THIRD.length) {
    throw new Error(`the vocabulary is too small for API ${api}`);
  }
  return [THIRD[w - 1], q, n];
}

/**
 * The design of the API at an index, as if it were a plain API: its own
 * primary resource (unique to the index), 0–2 shared resources and common
 * endpoints. 5–30 operations, at least 40% of them on the primary resource,
 * so that plain APIs never duplicate or overlap one another.
 */
function designOf(plan: CatalogPlan, api: number, minOps = 5): ApiDesign {
  const rng = new Rng(plan.seed, STREAM.api, api);
  const words = primaryWords(api);
  const base = words.join('-');
  const system = systemOfComponent(componentOfApi(api));
  const systemRng = new Rng(plan.seed, STREAM.system, system);
  const casing: ApiDesign['casing'] = systemRng.chance(0.05)
    ? 'camel'
    : 'kebab';
  const wordsForPath = words.flatMap(w => w.split('-'));
  const resource =
    casing === 'camel' ? camel(wordsForPath) : wordsForPath.join('-');
  const param = `${camel([
    ...wordsForPath.slice(0, -1),
    singular(wordsForPath[wordsForPath.length - 1]),
  ])}Id`;
  const title = words
    .flatMap(w => w.split('-'))
    .map(capitalize)
    .join(' ');
  const total = Math.max(minOps, 5 + Math.floor(Math.pow(rng.next(), 2) * 26));
  const operations: Operation[] = [];
  // Common endpoints: stop-listed by share (or by the built-in list).
  if (rng.chance(0.6)) {
    operations.push({
      method: 'get',
      path: '/health',
      kind: 'common',
      summary: 'Liveness',
    });
  }
  if (rng.chance(0.25)) {
    operations.push({
      method: 'get',
      path: '/status',
      kind: 'common',
      summary: 'Service status',
    });
  }
  const budget = total - operations.length;
  // Shared resources, at most 60% of the budget.
  let sharedCount = 0;
  if (!rng.chance(0.3)) {
    sharedCount = rng.chance(0.64) ? 1 : 2;
  }
  let sharedBudget = Math.floor(budget * 0.6);
  for (let s = 0; s < sharedCount && sharedBudget > 0; s++) {
    const index = rng.int(SHARED_PARENTS.length * SHARED_SUBS.length);
    const parent = SHARED_PARENTS[index % SHARED_PARENTS.length];
    const sub = SHARED_SUBS[Math.floor(index / SHARED_PARENTS.length)];
    const parentParam = `${camel(singular(parent).split('-'))}Id`;
    const candidates: Operation[] = [
      {
        method: 'get',
        path: `/${parent}/{${parentParam}}/${sub}`,
        kind: 'secondary',
        summary: `List ${sub} of a ${singular(parent)}`,
      },
      {
        method: 'post',
        path: `/${parent}/{${parentParam}}/${sub}`,
        kind: 'secondary',
        summary: `Add ${sub} to a ${singular(parent)}`,
      },
      {
        method: 'get',
        path: `/${parent}/{${parentParam}}/${sub}/{itemId}`,
        kind: 'secondary',
        summary: `Get one of the ${sub}`,
      },
    ];
    const take = Math.min(sharedBudget, 1 + rng.int(3));
    operations.push(...rng.sample(candidates, take));
    sharedBudget -= take;
    if (rng.chance(0.5)) {
      // Very common across APIs: stop-listed by share at every size.
      operations.push({
        method: 'get',
        path: `/${parent}/{${parentParam}}`,
        kind: 'common',
        summary: `Get a ${singular(parent)}`,
      });
    }
  }
  // Primary resource: the rest.
  const primaryBudget = Math.max(4, total - operations.length);
  const item = `/${resource}/{${param}}`;
  const primary: Operation[] = [
    {
      method: 'get',
      path: `/${resource}`,
      kind: 'primary',
      summary: `List ${title}`,
    },
    {
      method: 'post',
      path: `/${resource}`,
      kind: 'primary',
      summary: `Create one of the ${title}`,
    },
    {
      method: 'get',
      path: item,
      kind: 'primary',
      summary: `Get one of the ${title}`,
    },
    {
      method: rng.chance(0.7) ? 'patch' : 'put',
      path: item,
      kind: 'primary',
      summary: `Update one of the ${title}`,
    },
  ];
  if (rng.chance(0.6)) {
    primary.push({
      method: 'delete',
      path: item,
      kind: 'primary',
      summary: `Delete one of the ${title}`,
    });
  }
  const subs = rng.sample(SUBS, SUBS.length);
  const actions = rng.sample(ACTIONS, ACTIONS.length);
  let si = 0;
  let ai = 0;
  while (primary.length < primaryBudget) {
    if ((rng.chance(0.65) && si < subs.length) || ai >= actions.length) {
      const sub = subs[si++];
      primary.push({
        method: 'get',
        path: `${item}/${casing === 'camel' ? camel(sub.split('-')) : sub}`,
        kind: 'primary',
        summary: `Get the ${sub.replace(/-/g, ' ')}`,
      });
      if (primary.length < primaryBudget && rng.chance(0.3)) {
        primary.push({
          method: 'get',
          path: `${item}/${
            casing === 'camel' ? camel(sub.split('-')) : sub
          }/{entryId}`,
          kind: 'primary',
          summary: `Get one entry of the ${sub.replace(/-/g, ' ')}`,
        });
      }
    } else {
      const action = actions[ai++];
      primary.push({
        method: 'post',
        path: `${item}/${action}`,
        kind: 'primary',
        summary: `Request ${action}`,
      });
    }
  }
  operations.push(...primary);
  // Two shared resources may share a parent: keep each operation once.
  const unique = new Map(operations.map(op => [`${op.method} ${op.path}`, op]));
  operations.length = 0;
  operations.push(...unique.values());
  const roll = rng.next();
  let type: ApiDesign['type'] = 'graphql';
  if (roll < 0.92) {
    type = 'openapi';
  } else if (roll < 0.97) {
    type = 'asyncapi';
  }
  return {
    words,
    base,
    title,
    area: AREAS[system % AREAS.length],
    resource,
    param,
    casing,
    operations,
    type,
    json: type === 'openapi' && rng.chance(0.1),
  };
}

/** Operations that take part in similarity (not stop-listed ones). */
function similarityOps(design: ApiDesign): Operation[] {
  return design.operations.filter(op => op.kind !== 'common');
}

/** How many operations a copy changes: keeps Jaccard ≥ 0.8 by design. */
export function changesOfCopy(kept: number, block: number): number {
  if (block % 2 === 1) return 0;
  return Math.min(2, Math.floor((kept - 1) / 9));
}

/** The design of a duplicate copy: same operations, other names, params, base path. */
function copyDesign(
  plan: CatalogPlan,
  api: number,
  original: number,
  copy: number,
): ApiDesign {
  const source = designOf(plan, original);
  const rng = new Rng(plan.seed, STREAM.copy, api);
  const suffix =
    COPY_SUFFIXES[(copy - 1 + original / BLOCK) % COPY_SUFFIXES.length];
  const changes = changesOfCopy(similarityOps(source).length, original / BLOCK);
  // Other parameter names (normalized away), other summaries.
  const renamedParam = rng.chance(0.5)
    ? 'id'
    : `${source.param.slice(0, -2)}Ref`;
  let operations = source.operations.map(op => ({
    ...op,
    path: op.path.split(`{${source.param}}`).join(`{${renamedParam}}`),
    summary: `${op.summary} (${suffix})`,
  }));
  // Change `changes` primary operations (the last ones) into other ones.
  let changed = 0;
  for (let i = operations.length - 1; i >= 0 && changed < changes; i--) {
    const op = operations[i];
    if (op.kind === 'primary' && op.path.split('/').length > 3) {
      operations[i] = {
        ...op,
        method: 'get',
        path: `/${source.resource}/{${renamedParam}}/${
          CHANGED_SUBS[(changed + copy) % CHANGED_SUBS.length]
        }`,
      };
      changed += 1;
    }
  }
  operations = rng.sample(operations, operations.length); // other order
  return {
    ...source,
    base: `${source.base}-${suffix}`,
    title: `${source.title} ${capitalize(suffix)}`,
    param: renamedParam,
    operations,
    type: 'openapi',
    json: rng.chance(0.2),
  };
}

/** The design of an overlap subset: about half of the container's operations. */
function subsetDesign(
  plan: CatalogPlan,
  api: number,
  container: number,
): ApiDesign {
  const source = designOf(plan, container, 14);
  const own = designOf(plan, api);
  const primary = source.operations.filter(op => op.kind === 'primary');
  const take = Math.min(
    primary.length,
    Math.max(3, Math.floor(similarityOps(source).length * 0.5)),
  );
  return {
    ...source,
    base: `${source.base}-lite`,
    title: `${source.title} Lite`,
    area: own.area,
    operations: [
      ...source.operations.filter(op => op.kind === 'common').slice(0, 1),
      ...primary.slice(0, take),
    ],
    type: 'openapi',
    json: false,
  };
}

/**
 * A version of a family: v1 is the base design; each later version drops a
 * quarter of the previous version's primary operations and adds two.
 */
function familyDesign(
  plan: CatalogPlan,
  base: number,
  version: number,
): ApiDesign {
  const design = designOf(plan, base, 8);
  let operations = design.operations;
  for (let v = 2; v <= version; v++) {
    const rng = new Rng(plan.seed, STREAM.family, base * 8 + v);
    const primary = operations.filter(op => op.kind === 'primary');
    const drop = new Set(
      rng.sample(primary.slice(4), Math.floor(primary.length / 4)),
    );
    operations = operations.filter(op => !drop.has(op));
    for (let k = 0; k < 2; k++) {
      operations.push({
        method: 'get',
        path: `/${design.resource}/{${design.param}}/${
          VERSION_SUBS[((v - 2) * 2 + k) % VERSION_SUBS.length]
        }`,
        kind: 'primary',
        summary: `New in v${v}`,
      });
    }
  }
  return { ...design, operations, type: 'openapi', json: false };
}

// ---------------------------------------------------------------------------
// Definitions

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Plain (unquoted) scalars: in block context, and in flow context. */
const PLAIN_BLOCK = /^[A-Za-z_/($][^\n'"#]*$/;
const PLAIN_FLOW = /^[A-Za-z_/$][A-Za-z0-9 _./()$-]*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

function yamlScalar(
  value: string | number | boolean | null,
  flow = false,
): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  const plain = flow
    ? PLAIN_FLOW.test(value)
    : PLAIN_BLOCK.test(value) && !/: |:$/.test(value);
  if (plain && !RESERVED.test(value) && !value.endsWith(' ')) {
    return value;
  }
  return `'${value.replace(/'/g, "''")}'`;
}

function isScalar(value: Json): value is string | number | boolean | null {
  return value === null || typeof value !== 'object';
}

/** A small flat map in flow style, as hand-written definitions often have. */
function flowMap(value: { [key: string]: Json }): string | undefined {
  const entries = Object.entries(value);
  if (entries.length === 0 || entries.length > 3) return undefined;
  if (!entries.every(([, v]) => isScalar(v))) return undefined;
  const text = `{${entries
    .map(([k, v]) => `${yamlScalar(k, true)}: ${yamlScalar(v as string, true)}`)
    .join(', ')}}`;
  return text.length <= 70 ? text : undefined;
}

/** Block-style YAML of a JSON value (what a human-written definition looks like). */
export function toYaml(value: Json, indent = ''): string {
  const lines: string[] = [];
  const emit = (node: Json, pad: string) => {
    if (Array.isArray(node)) {
      for (const item of node) {
        if (isScalar(item)) {
          lines.push(`${pad}- ${yamlScalar(item)}`);
        } else {
          const flow = Array.isArray(item) ? undefined : flowMap(item);
          if (flow) {
            lines.push(`${pad}- ${flow}`);
          } else {
            const start = lines.length;
            emit(item, `${pad}  `);
            lines[start] = `${pad}- ${lines[start].slice(pad.length + 2)}`;
          }
        }
      }
      return;
    }
    if (isScalar(node)) {
      lines.push(`${pad}${yamlScalar(node)}`);
      return;
    }
    for (const [key, child] of Object.entries(node)) {
      const k = yamlScalar(key);
      if (isScalar(child)) {
        lines.push(`${pad}${k}: ${yamlScalar(child)}`);
      } else if (Array.isArray(child)) {
        if (child.length === 0) {
          lines.push(`${pad}${k}: []`);
        } else if (child.every(isScalar) && child.length <= 4) {
          lines.push(
            `${pad}${k}: [${child
              .map(c => yamlScalar(c as string, true))
              .join(', ')}]`,
          );
        } else {
          lines.push(`${pad}${k}:`);
          emit(child, pad);
        }
      } else {
        const flow = flowMap(child);
        if (flow) {
          lines.push(`${pad}${k}: ${flow}`);
        } else if (Object.keys(child).length === 0) {
          lines.push(`${pad}${k}: {}`);
        } else {
          lines.push(`${pad}${k}:`);
          emit(child, `${pad}  `);
        }
      }
    }
  };
  emit(value, indent);
  return `${lines.join('\n')}\n`;
}

interface ServerLayout {
  url: string;
  /** Prefix of every path, e.g. `/v2` or `/api/v1`. */
  prefix: string;
}

function serverLayout(
  rng: Rng,
  design: ApiDesign,
  major: number,
  style: number,
): ServerLayout {
  const host = rng.pick([
    'api.bank.example',
    'gw.bank.example',
    `${design.area}.bank.example`,
  ]);
  switch (style) {
    case 0:
      return { url: `https://${host}/${design.area}/v${major}`, prefix: '' };
    case 1:
      return { url: `https://${host}/${design.area}`, prefix: `/v${major}` };
    case 2:
      return { url: `https://${host}`, prefix: `/api/v${major}` };
    case 3:
      return { url: `https://${host}/${design.base}`, prefix: '' };
    default:
      return {
        url: `https://${host}/${design.area}/${design.base}/v${major}`,
        prefix: '',
      };
  }
}

function schemaName(design: ApiDesign): string {
  return design.words
    .flatMap(w => w.split('-'))
    .map((w, i, all) => capitalize(i === all.length - 1 ? singular(w) : w))
    .join('');
}

/** How {@link openApiDocument} and {@link openApiYaml} write a design. */
interface DocumentOptions {
  major: number;
  minor: number;
  style: number;
  rng: Rng;
  description: string;
}

function openApiDocument(design: ApiDesign, options: DocumentOptions): Json {
  const { rng, major } = options;
  const server = serverLayout(rng, design, major, options.style);
  const schema = schemaName(design);
  const paths: { [path: string]: { [method: string]: Json } } = {};
  const errorResponses = {
    '400': { $ref: '#/components/responses/BadRequest' },
    '401': { $ref: '#/components/responses/Unauthorized' },
  };
  for (const op of design.operations) {
    const path = `${server.prefix}${op.path}`;
    const params = pathParams(op.path);
    const parameters: Json[] = params.map(name => ({
      name,
      in: 'path',
      required: true,
      description: `Identifier \`${name}\`.`,
      schema: { type: 'string' },
    }));
    const isCollection =
      op.method === 'get' && !op.path.endsWith('}') && op.kind !== 'common';
    if (isCollection) {
      parameters.push(
        {
          name: 'pageSize',
          in: 'query',
          description: 'Maximum number of items to return.',
          schema: { type: 'integer', minimum: 1, maximum: 100 },
        },
        {
          name: 'pageToken',
          in: 'query',
          description:
            'Cursor returned as `nextPageToken` by the previous page.',
          schema: { type: 'string' },
        },
      );
    }
    const operation: { [key: string]: Json } = {
      tags: [design.title],
      operationId: operationIdOf(op.method, op.path),
      summary: op.summary,
    };
    if (parameters.length > 0) operation.parameters = parameters;
    if (op.method === 'post' || op.method === 'put' || op.method === 'patch') {
      operation.requestBody = {
        required: true,
        content: {
          'application/json': {
            schema: { $ref: `#/components/schemas/${schema}Input` },
          },
        },
      };
    }
    const ok = SUCCESS_STATUS[op.method] ?? '200';
    const responses: { [code: string]: Json } = {};
    responses[ok] =
      ok === '204'
        ? { description: 'No Content' }
        : {
            description: ok === '201' ? 'Created' : 'OK',
            content: {
              'application/json': {
                schema: {
                  $ref: `#/components/schemas/${
                    isCollection ? `${schema}Page` : schema
                  }`,
                },
              },
            },
          };
    Object.assign(responses, errorResponses);
    if (params.length > 0) {
      responses['404'] = { $ref: '#/components/responses/NotFound' };
    }
    operation.responses = responses;
    (paths[path] ??= {})[op.method] = operation;
  }
  const properties: { [key: string]: Json } = {
    id: { type: 'string', format: 'uuid', readOnly: true },
    status: { type: 'string', enum: ['active', 'suspended', 'closed'] },
    createdAt: { type: 'string', format: 'date-time', readOnly: true },
  };
  const extra = 2 + rng.int(5);
  for (let k = 0; k < extra; k++) {
    const name = `${rng.pick(NOUNS).split('-')[0]}${capitalize(
      rng.pick(['code', 'name', 'amount', 'date', 'count', 'reference']),
    )}`;
    properties[name] = {
      type: rng.pick(['string', 'integer', 'number', 'boolean']),
    };
  }
  return {
    openapi: rng.chance(0.85) ? '3.0.3' : '3.1.0',
    info: {
      title: `${design.title} API`,
      version: `${major}.${options.minor}.${rng.int(10)}`,
      description: options.description,
      contact: {
        name: `${capitalize(design.area)} API team`,
        email: `${design.area}-apis@bank.example`,
      },
    },
    servers: [{ url: server.url, description: 'Production' }],
    tags: [{ name: design.title }],
    paths,
    components: {
      schemas: {
        [schema]: { type: 'object', required: ['id'], properties },
        [`${schema}Input`]: {
          type: 'object',
          properties: Object.fromEntries(
            Object.entries(properties).filter(
              ([key]) => key !== 'id' && key !== 'createdAt',
            ),
          ),
        },
        [`${schema}Page`]: {
          type: 'object',
          properties: {
            items: {
              type: 'array',
              items: { $ref: `#/components/schemas/${schema}` },
            },
            nextPageToken: { type: 'string' },
          },
        },
        Problem: {
          type: 'object',
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
          },
        },
      },
      responses: {
        BadRequest: {
          description: 'Bad request',
          content: {
            'application/problem+json': {
              schema: { $ref: '#/components/schemas/Problem' },
            },
          },
        },
        Unauthorized: {
          description: 'Missing or invalid credentials',
          content: {
            'application/problem+json': {
              schema: { $ref: '#/components/schemas/Problem' },
            },
          },
        },
        NotFound: {
          description: 'Not found',
          content: {
            'application/problem+json': {
              schema: { $ref: '#/components/schemas/Problem' },
            },
          },
        },
      },
    },
  };
}

/** Path parameter names of a path template. */
function pathParams(path: string): string[] {
  const params: string[] = [];
  let from = path.indexOf('{');
  while (from >= 0) {
    const to = path.indexOf('}', from);
    params.push(path.slice(from + 1, to));
    from = path.indexOf('{', to);
  }
  return params;
}

/** `GET /loyalty-accounts/{id}/status` → `getLoyaltyAccountsByIdStatus`. */
function operationIdOf(method: string, path: string): string {
  let id = method;
  for (const segment of path.split('/')) {
    if (segment === '') continue;
    if (segment.startsWith('{')) {
      id += 'ById';
      continue;
    }
    for (const word of segment.split('-')) {
      id += word.charAt(0).toUpperCase() + word.slice(1);
    }
  }
  return id;
}

/**
 * The same document as {@link openApiDocument}, written straight to YAML as
 * a person would (block style, small maps in flow style); much cheaper than
 * building the object and emitting it generically.
 */
function openApiYaml(design: ApiDesign, options: DocumentOptions): string {
  const { rng, major } = options;
  const server = serverLayout(rng, design, major, options.style);
  const schema = schemaName(design);
  const version = rng.chance(0.85) ? '3.0.3' : '3.1.0';
  const out: string[] = [
    `openapi: ${version}`,
    'info:',
    `  title: ${design.title} API`,
    `  version: ${major}.${options.minor}.${rng.int(10)}`,
    `  description: ${options.description}`,
    `  contact: {name: ${capitalize(design.area)} API team, email: ${
      design.area
    }-apis@bank.example}`,
    'servers:',
    `- url: ${server.url}`,
    '  description: Production',
    'tags:',
    `- name: ${design.title}`,
    'paths:',
  ];
  const byPath = new Map<string, Operation[]>();
  for (const op of design.operations) {
    const path = `${server.prefix}${op.path}`;
    const list = byPath.get(path);
    if (list) list.push(op);
    else byPath.set(path, [op]);
  }
  for (const [path, ops] of byPath) {
    out.push(`  ${path}:`);
    for (const op of ops) {
      const params = pathParams(op.path);
      const isCollection =
        op.method === 'get' && !op.path.endsWith('}') && op.kind !== 'common';
      out.push(
        `    ${op.method}:`,
        `      tags: [${design.title}]`,
        `      operationId: ${operationIdOf(op.method, op.path)}`,
        `      summary: ${op.summary}`,
      );
      if (params.length > 0 || isCollection) {
        out.push('      parameters:');
        for (const name of params) {
          out.push(
            `      - name: ${name}`,
            '        in: path',
            '        required: true',
            `        description: Identifier \`${name}\`.`,
            '        schema: {type: string}',
          );
        }
        if (isCollection) {
          out.push(
            '      - name: pageSize',
            '        in: query',
            '        description: Maximum number of items to return.',
            '        schema: {type: integer, minimum: 1, maximum: 100}',
            '      - name: pageToken',
            '        in: query',
            '        description: Cursor returned as `nextPageToken` by the previous page.',
            '        schema: {type: string}',
          );
        }
      }
      if (
        op.method === 'post' ||
        op.method === 'put' ||
        op.method === 'patch'
      ) {
        out.push(
          '      requestBody:',
          '        required: true',
          '        content:',
          '          application/json:',
          `            schema: {$ref: '#/components/schemas/${schema}Input'}`,
        );
      }
      out.push('      responses:');
      if (op.method === 'delete') {
        out.push("        '204': {description: No Content}");
      } else {
        out.push(
          `        '${op.method === 'post' ? '201' : '200'}':`,
          `          description: ${op.method === 'post' ? 'Created' : 'OK'}`,
          '          content:',
          '            application/json:',
          `              schema: {$ref: '#/components/schemas/${
            isCollection ? `${schema}Page` : schema
          }'}`,
        );
      }
      out.push(
        "        '400': {$ref: '#/components/responses/BadRequest'}",
        "        '401': {$ref: '#/components/responses/Unauthorized'}",
      );
      if (params.length > 0) {
        out.push("        '404': {$ref: '#/components/responses/NotFound'}");
      }
    }
  }
  const properties: string[] = [
    '        id: {type: string, format: uuid, readOnly: true}',
    '        status: {type: string, enum: [active, suspended, closed]}',
    '        createdAt: {type: string, format: date-time, readOnly: true}',
  ];
  const extra = 2 + rng.int(5);
  const seen = new Set<string>();
  for (let k = 0; k < extra; k++) {
    const name = `${rng.pick(NOUNS).split('-')[0]}${capitalize(
      rng.pick(['code', 'name', 'amount', 'date', 'count', 'reference']),
    )}`;
    if (seen.has(name)) continue;
    seen.add(name);
    properties.push(
      `        ${name}: {type: ${rng.pick([
        'string',
        'integer',
        'number',
        'boolean',
      ])}}`,
    );
  }
  out.push(
    'components:',
    '  schemas:',
    `    ${schema}:`,
    '      type: object',
    '      required: [id]',
    '      properties:',
    ...properties,
    `    ${schema}Input:`,
    '      type: object',
    '      properties:',
    ...properties.filter(
      line =>
        !line.startsWith('        id:') &&
        !line.startsWith('        createdAt:'),
    ),
    `    ${schema}Page:`,
    '      type: object',
    '      properties:',
    '        items:',
    '          type: array',
    `          items: {$ref: '#/components/schemas/${schema}'}`,
    '        nextPageToken: {type: string}',
    '    Problem:',
    '      type: object',
    '      properties:',
    '        type: {type: string}',
    '        title: {type: string}',
    '        status: {type: integer}',
    '        detail: {type: string}',
    '  responses:',
  );
  for (const [name, text] of [
    ['BadRequest', 'Bad request'],
    ['Unauthorized', 'Missing or invalid credentials'],
    ['NotFound', 'Not found'],
  ]) {
    out.push(
      `    ${name}:`,
      `      description: ${text}`,
      '      content:',
      '        application/problem+json:',
      "          schema: {$ref: '#/components/schemas/Problem'}",
    );
  }
  out.push('');
  return out.join('\n');
}

function asyncApiDocument(
  design: ApiDesign,
  major: number,
  description: string,
): Json {
  const channels: { [name: string]: Json } = {};
  const prefix = `bank.${design.area}.${design.base}`;
  for (const op of design.operations.filter(o => o.kind === 'primary')) {
    const event = op.path
      .split('/')
      .filter(s => s && !s.startsWith('{'))
      .slice(1)
      .join('.');
    const name = `${prefix}${event ? `.${event}` : ''}.${
      op.method === 'get' ? 'read' : op.method
    }`;
    channels[name] = {
      description: op.summary,
      [op.method === 'post' ? 'publish' : 'subscribe']: {
        operationId: camel(name.split(/[^A-Za-z0-9]+/).filter(Boolean)),
        message: { $ref: '#/components/messages/Event' },
      },
    };
  }
  return {
    asyncapi: '2.6.0',
    info: {
      title: `${design.title} Events`,
      version: `${major}.0.0`,
      description,
    },
    channels,
    components: {
      messages: {
        Event: {
          payload: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              occurredAt: { type: 'string', format: 'date-time' },
            },
          },
        },
      },
    },
  };
}

function graphqlSdl(design: ApiDesign): string {
  const type = schemaName(design);
  const fields = design.operations
    .filter(op => op.kind === 'primary')
    .map(op => {
      const name = camel(
        `${op.method} ${op.path.replace(/\{[^}]+\}/g, '')}`
          .split(/[^A-Za-z0-9]+/)
          .filter(Boolean)
          .map(w => w.toLowerCase()),
      );
      return { name, query: op.method === 'get' };
    });
  const queries = fields.filter(f => f.query);
  const mutations = fields.filter(f => !f.query);
  return [
    `"""${design.title}"""`,
    `type ${type} {\n  id: ID!\n  status: String\n  createdAt: String\n}`,
    `type Query {\n${queries
      .map(f => `  ${f.name}(id: ID): ${type}`)
      .join('\n')}\n}`,
    mutations.length > 0
      ? `type Mutation {\n${mutations
          .map(f => `  ${f.name}(id: ID!): ${type}`)
          .join('\n')}\n}`
      : '',
    '',
  ].join('\n\n');
}

// ---------------------------------------------------------------------------
// Entities

const LOCATION = 'url:https://git.bank.example/platform/catalog/blob/main';

function annotations(name: string): Record<string, string> {
  return {
    'backstage.io/managed-by-location': `${LOCATION}/${name}/catalog-info.yaml`,
    'backstage.io/managed-by-origin-location': `${LOCATION}/catalog-info.yaml`,
    'backstage.io/view-url': `https://git.bank.example/platform/${name}/blob/main/catalog-info.yaml`,
    'backstage.io/edit-url': `https://git.bank.example/platform/${name}/edit/main/catalog-info.yaml`,
    'backstage.io/source-location': `url:https://git.bank.example/platform/${name}/`,
  };
}

function uid(kind: number, index: number, seed: number): string {
  const h = (k: number) =>
    mix32(seed ^ mix32(kind * 7919 + index * 31 + k))
      .toString(16)
      .padStart(8, '0');
  return `${h(1)}-${h(2).slice(0, 4)}-4${h(3).slice(1, 4)}-8${h(4).slice(
    1,
    4,
  )}-${h(5)}${h(6).slice(0, 4)}`;
}

function metadata(
  kindId: number,
  index: number,
  seed: number,
  name: string,
  extra: Record<string, unknown> = {},
  namespace = 'default',
): Entity['metadata'] {
  return {
    namespace,
    name,
    uid: uid(kindId, index, seed),
    etag: uid(kindId + 100, index, seed)
      .replace(/-/g, '')
      .slice(0, 20),
    annotations: annotations(name),
    ...extra,
  };
}

function relation(type: string, targetRef: string) {
  return { type, targetRef };
}

/** Where an API lives: its name, namespace and owner as written. */
export interface ApiIdentity {
  name: string;
  namespace: string;
}

function plainName(plan: CatalogPlan, api: number, base: string): string {
  const r = mix32(api ^ plan.seed) % 10;
  if (r < 6) return `${base}-api`;
  return r < 9 ? base : `${base}-service`;
}

/** The name and namespace of an API (cheap: no definition). */
export function apiIdentity(plan: CatalogPlan, api: number): ApiIdentity {
  const role = roleOf(plan, api);
  switch (role.kind) {
    case 'dup-copy': {
      const words = primaryWords(role.original).join('-');
      const suffix =
        COPY_SUFFIXES[
          (role.copy - 1 + role.original / BLOCK) % COPY_SUFFIXES.length
        ];
      return { name: `${words}-${suffix}`, namespace: 'default' };
    }
    case 'overlap-subset':
      return {
        name: `${primaryWords(role.container).join('-')}-lite`,
        namespace: 'default',
      };
    case 'family':
      return {
        name: `${primaryWords(role.base).join('-')}-api-v${role.version}`,
        namespace: 'default',
      };
    case 'collider': {
      const target = apiIdentity(plan, role.target);
      const block = Math.floor(api / BLOCK);
      if (block % 4 === 0) {
        return { name: target.name, namespace: 'partners' };
      }
      const base = primaryWords(role.target).join('-');
      return {
        name: target.name === `${base}-api` ? `${base}-service` : `${base}-api`,
        namespace: 'default',
      };
    }
    default:
      return {
        name: plainName(plan, api, primaryWords(api).join('-')),
        namespace: 'default',
      };
  }
}

export function apiRef(plan: CatalogPlan, api: number): string {
  const { name, namespace } = apiIdentity(plan, api);
  return `api:${namespace}/${name}`;
}

/** The owner an API declares, as written in `spec.owner`. */
function ownerOf(plan: CatalogPlan, api: number, role: ApiRole): string {
  const system = systemOfComponent(componentOfApi(api));
  const team = systemTeam(plan, system);
  const rng = new Rng(plan.seed, STREAM.team, api);
  switch (role.kind) {
    case 'gap-missing':
      return rng.pick(PLACEHOLDER_OWNERS);
    case 'gap-unresolved':
      return `${teamName(team)}-old`;
    case 'gap-not-group':
      return `user:default/${userName(rng.int(plan.users))}`;
    case 'gap-mismatch': {
      let other = plan.ownerTeams[rng.int(plan.ownerTeams.length)];
      if (other === team) {
        other =
          plan.ownerTeams[
            (rng.int(plan.ownerTeams.length - 1) + 1) % plan.ownerTeams.length
          ];
      }
      return teamName(other);
    }
    case 'gap-empty':
      return teamName(plan.emptyTeams[rng.int(plan.emptyTeams.length)]);
    default:
      return teamName(team);
  }
}

/** The lower-case ref of the resolved owner, for the expected gaps. */
export function expectedGaps(plan: CatalogPlan, api: number): string[] {
  const role = roleOf(plan, api);
  switch (role.kind) {
    case 'gap-missing':
      return ['owner-missing'];
    case 'gap-unresolved':
      return ['owner-unresolved'];
    case 'gap-not-group':
      return ['owner-not-group'];
    case 'gap-mismatch':
      return ['owner-mismatch'];
    case 'gap-empty':
      return ['owner-group-empty'];
    default: {
      const team = systemTeam(plan, systemOfComponent(componentOfApi(api)));
      return isOrphanedTeam(team) ? ['owner-orphaned'] : [];
    }
  }
}

/** The API entity at an index, with its definition, as the catalog serves it. */
export function apiEntity(plan: CatalogPlan, api: number): Entity {
  const role = roleOf(plan, api);
  const identity = apiIdentity(plan, api);
  const rng = new Rng(plan.seed, STREAM.api + 100, api);
  const component = componentOfApi(api);
  const system = systemOfComponent(component);
  const systemRng = new Rng(plan.seed, STREAM.system, system);
  const systemStyle = systemRng.int(5);
  let design: ApiDesign;
  let major = 1 + rng.int(3);
  let lifecycle = 'production';
  if (!rng.chance(0.75)) {
    lifecycle = rng.chance(0.8) ? 'experimental' : 'development';
  }
  switch (role.kind) {
    case 'dup-copy':
      design = copyDesign(plan, api, role.original, role.copy);
      break;
    case 'overlap-container':
      design = { ...designOf(plan, api, 14), type: 'openapi' };
      break;
    case 'dup-original':
    case 'broken':
      design = { ...designOf(plan, api), type: 'openapi' };
      break;
    case 'overlap-subset':
      design = subsetDesign(plan, api, role.container);
      break;
    case 'family':
      design = familyDesign(plan, role.base, role.version);
      major = role.version;
      lifecycle = role.deprecated ? 'deprecated' : 'production';
      break;
    default:
      design = designOf(plan, api);
  }
  if (role.kind === 'family') {
    design = { ...design, title: `${design.title} v${role.version}` };
  }
  const style = rng.chance(0.97) ? systemStyle : rng.int(5);
  const description =
    `Manage the ${design.title.toLowerCase()} of the ${design.area} area, ` +
    'owned and operated by the team named in the catalog.';
  let definition: string;
  if (role.kind === 'broken') {
    definition = `openapi: 3.0.3\ninfo:\n  title: ${design.title}\n  version: 1.0.0\npaths:\n  /x: {get: {responses: {200: {description: ok}}}\n   bad: [\n`;
  } else if (design.type === 'asyncapi') {
    definition = toYaml(asyncApiDocument(design, major, description));
  } else if (design.type === 'graphql') {
    definition = graphqlSdl(design);
  } else {
    const options = { major, minor: rng.int(8), style, rng, description };
    definition = design.json
      ? JSON.stringify(openApiDocument(design, options), null, 2)
      : openApiYaml(design, options);
  }
  const owner = ownerOf(plan, api, role);
  const ownerRef = owner.includes(':') ? owner : `group:default/${owner}`;
  const systemRef = `system:default/${systemName(system)}`;
  const namespaced = identity.namespace !== 'default';
  const extra: Record<string, unknown> = {
    title: `${design.title} API`,
    tags: [design.area, design.type === 'openapi' ? 'rest' : design.type],
  };
  if (!(api % BLOCK === 60 && Math.floor(api / BLOCK) % 3 === 0)) {
    extra.description = description;
  }
  const meta = metadata(
    1,
    api,
    plan.seed,
    identity.name,
    extra,
    identity.namespace,
  );
  if (plan.stations.length > 0 && rng.chance(0.1)) {
    meta.annotations!['apiops/station'] = rng.pick(plan.stations);
  }
  const relations = [
    relation('ownedBy', ownerRef.toLowerCase()),
    relation('partOf', systemRef),
  ];
  if (hasProvider(role)) {
    relations.push(
      relation(
        'apiProvidedBy',
        `component:default/${componentName(component)}`,
      ),
    );
  }
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: meta,
    spec: {
      type: design.type,
      lifecycle,
      owner:
        namespaced && !owner.includes(':') ? `group:default/${owner}` : owner,
      system: namespaced ? systemRef : systemName(system),
      definition,
    },
    relations,
  };
}

function groupEntity(plan: CatalogPlan, group: number): Entity {
  const seed = plan.seed;
  if (group === 0) {
    const children: string[] = [];
    for (let d = 0; d < plan.departments; d++) children.push(departmentName(d));
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: metadata(2, group, seed, 'bank', { title: 'The Bank' }),
      spec: {
        type: 'organization',
        profile: { displayName: 'The Bank' },
        children,
      },
      relations: children.map(c => relation('parentOf', `group:default/${c}`)),
    };
  }
  if (group <= plan.departments) {
    const d = group - 1;
    const children: string[] = [];
    for (let t = d; t < plan.teams; t += plan.departments)
      children.push(teamName(t));
    const name = departmentName(d);
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: metadata(2, group, seed, name),
      spec: {
        type: 'department',
        profile: { displayName: capitalize(name.replace(/-/g, ' ')) },
        parent: 'bank',
        children,
      },
      relations: [
        relation('childOf', 'group:default/bank'),
        ...children.map(c => relation('parentOf', `group:default/${c}`)),
      ],
    };
  }
  const t = group - 1 - plan.departments;
  const name = teamName(t);
  const members: string[] = [];
  const k = plan.nonEmptyIndex[t];
  if (k >= 0) {
    const ne = plan.nonEmptyTeams.length;
    for (let u = k; u < plan.users; u += ne) members.push(userName(u));
    for (let u = 7 * k; u < plan.users; u += 7 * ne) members.push(userName(u));
  }
  const meta = metadata(2, group, seed, name);
  if (isOrphanedTeam(t)) meta.annotations!['backstage.io/orphan'] = 'true';
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: meta,
    spec: {
      type: 'team',
      profile: {
        displayName: capitalize(name.replace(/-/g, ' ')),
        email: `${name}@bank.example`,
      },
      parent: departmentName(t % plan.departments),
      children: [],
    },
    relations: [
      relation(
        'childOf',
        `group:default/${departmentName(t % plan.departments)}`,
      ),
      ...members.map(m => relation('hasMember', `user:default/${m}`)),
    ],
  };
}

function userEntity(plan: CatalogPlan, user: number): Entity {
  const ne = plan.nonEmptyTeams.length;
  const teams = [plan.nonEmptyTeams[user % ne]];
  if (user % 7 === 0) teams.push(plan.nonEmptyTeams[(user / 7) % ne]);
  const name = userName(user);
  const memberOf = [...new Set(teams.map(teamName))];
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: metadata(3, user, plan.seed, name),
    spec: {
      profile: {
        displayName: name.replace(/[.-]/g, ' '),
        email: `${name}@bank.example`,
      },
      memberOf,
    },
    relations: memberOf.map(g => relation('memberOf', `group:default/${g}`)),
  };
}

function componentEntity(plan: CatalogPlan, component: number): Entity {
  const system = systemOfComponent(component);
  const team = teamName(systemTeam(plan, system));
  const provides: string[] = [];
  for (const api of [2 * component, 2 * component + 1]) {
    if (api < plan.apis && hasProvider(roleOf(plan, api))) {
      const { name, namespace } = apiIdentity(plan, api);
      provides.push(
        namespace === 'default' ? name : `api:${namespace}/${name}`,
      );
    }
  }
  const consumes: string[] = [];
  for (let k = 0; k < component % 3; k++) {
    const api = mix32(component * 3 + k + plan.seed) % plan.apis;
    const { name, namespace } = apiIdentity(plan, api);
    consumes.push(namespace === 'default' ? name : `api:${namespace}/${name}`);
  }
  const toRef = (ref: string) =>
    ref.includes(':') ? ref : `api:default/${ref}`;
  const name = componentName(component);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: metadata(4, component, plan.seed, name, {
      title: `Service ${component}`,
      description: `Back-end service ${component} of ${systemName(system)}.`,
    }),
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: team,
      system: systemName(system),
      providesApis: provides,
      consumesApis: consumes,
    },
    relations: [
      relation('ownedBy', `group:default/${team}`),
      relation('partOf', `system:default/${systemName(system)}`),
      ...provides.map(ref => relation('providesApi', toRef(ref))),
      ...consumes.map(ref => relation('consumesApi', toRef(ref))),
    ],
  };
}

function systemEntity(plan: CatalogPlan, system: number): Entity {
  const team = teamName(systemTeam(plan, system));
  const domain = domainName(system % plan.domains);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: metadata(5, system, plan.seed, systemName(system), {
      description: `System ${system}.`,
    }),
    spec: { owner: team, domain },
    relations: [
      relation('ownedBy', `group:default/${team}`),
      relation('partOf', `domain:default/${domain}`),
    ],
  };
}

function domainEntity(plan: CatalogPlan, domain: number): Entity {
  const team = teamName(plan.ownerTeams[domain % plan.ownerTeams.length]);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: metadata(6, domain, plan.seed, domainName(domain)),
    spec: { owner: team },
    relations: [relation('ownedBy', `group:default/${team}`)],
  };
}

function resourceEntity(plan: CatalogPlan, resource: number): Entity {
  const system = resource % plan.systems;
  const team = teamName(systemTeam(plan, system));
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: metadata(7, resource, plan.seed, `database-${resource}`),
    spec: { type: 'database', owner: team, system: systemName(system) },
    relations: [relation('ownedBy', `group:default/${team}`)],
  };
}

/** The kinds in the order the generator serves them, with their counts. */
export function kindCounts(plan: CatalogPlan): Array<[string, number]> {
  return [
    ['Group', plan.groups],
    ['User', plan.users],
    ['Component', plan.components],
    ['System', plan.systems],
    ['Domain', plan.domains],
    ['Resource', plan.resources],
    ['API', plan.apis],
  ];
}

export function entityAt(
  plan: CatalogPlan,
  kind: string,
  index: number,
): Entity {
  switch (kind) {
    case 'Group':
      return groupEntity(plan, index);
    case 'User':
      return userEntity(plan, index);
    case 'Component':
      return componentEntity(plan, index);
    case 'System':
      return systemEntity(plan, index);
    case 'Domain':
      return domainEntity(plan, index);
    case 'Resource':
      return resourceEntity(plan, index);
    case 'API':
      return apiEntity(plan, index);
    default:
      throw new Error(`unknown kind ${kind}`);
  }
}

/**
 * The entities of the given kinds, lazily, in pages of `pageSize` (pages
 * may mix kinds, as the catalog's do).
 */
export function* entityPages(
  plan: CatalogPlan,
  kinds: readonly string[],
  pageSize = PAGE_SIZE,
): Generator<Entity[]> {
  const wanted = new Set(kinds.map(k => k.toLocaleLowerCase('en-US')));
  let page: Entity[] = [];
  for (const [kind, count] of kindCounts(plan)) {
    if (!wanted.has(kind.toLocaleLowerCase('en-US'))) continue;
    for (let i = 0; i < count; i++) {
      page.push(entityAt(plan, kind, i));
      if (page.length === pageSize) {
        yield page;
        page = [];
      }
    }
  }
  if (page.length > 0) yield page;
}

// ---------------------------------------------------------------------------
// Ground truth

export interface PlantedTruth {
  /** Duplicate groups (2 or 3 refs each). */
  duplicateGroups: string[][];
  /** Overlap pairs: [subset, container]. */
  overlapPairs: Array<[string, string]>;
  /** Families with more live versions than allowed: their live members. */
  sprawlFamilies: string[][];
  /** Families that must not be reported (≤ 2 live versions). */
  quietFamilies: string[][];
  /** Name collisions: [collider, target]. */
  collisionPairs: Array<[string, string]>;
  /** Expected ownership gaps, as `ref type` (refs lower case). */
  gaps: Set<string>;
}

/** The planted cases of the catalog, from its plan alone. */
export function plantedTruth(plan: CatalogPlan): PlantedTruth {
  const ref = (api: number) => apiRef(plan, api).toLocaleLowerCase('en-US');
  const truth: PlantedTruth = {
    duplicateGroups: [],
    overlapPairs: [],
    sprawlFamilies: [],
    quietFamilies: [],
    collisionPairs: [],
    gaps: new Set(),
  };
  const nb = plan.blocks;
  for (let b = 0; b < nb; b++) {
    const group = [ref(b * BLOCK), ref(mod(b + 7, nb) * BLOCK + 1)];
    if (b % 5 === 0) group.push(ref(mod(b + 13, nb) * BLOCK + 2));
    truth.duplicateGroups.push(group);
    truth.overlapPairs.push([
      ref(b * BLOCK + 4),
      ref(mod(b - 3, nb) * BLOCK + 3),
    ]);
    const shape = familyShape(b);
    const live: string[] = [];
    const all: string[] = [];
    for (let v = 1; v <= shape.versions; v++) {
      all.push(ref(b * BLOCK + 9 + v));
      if (v > shape.deprecated) live.push(ref(b * BLOCK + 9 + v));
    }
    if (live.length > 2) {
      truth.sprawlFamilies.push(live);
    } else {
      truth.quietFamilies.push(all);
    }
    if (b % 2 === 0) {
      truth.collisionPairs.push([
        ref(b * BLOCK + 30),
        ref(mod(b - 11, nb) * BLOCK + 31),
      ]);
    }
  }
  for (let api = 0; api < plan.apis; api++) {
    for (const gap of expectedGaps(plan, api)) {
      truth.gaps.add(`${ref(api)} ${gap}`);
    }
  }
  return truth;
}
