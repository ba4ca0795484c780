import { isObject } from './deprecations';

type Doc = Record<string, unknown>;

/** The sections whose entries are compared one by one, per kind of document. */
const ENTRY_SECTIONS = {
  openapi: ['paths', 'webhooks'],
  asyncapi: ['channels', 'operations'],
} as const;

const LOCAL_COMPONENT = /^#\/components\/([^/]+)\/([^/]+)$/;

/** A component by its section and name (`schemas/Account`). */
type ComponentKey = string;

/**
 * The two documents without the parts that cannot contribute a change, so
 * that the differ walks only what changed: an entry of `paths` (`channels`,
 * …) that is the same in both and reaches, through its `$ref`s, only
 * components that are the same in both is left out of both, and so is a
 * component that is the same in both and that no remaining entry or changed
 * component reaches. Everything else (the info, servers, security, changed
 * entries and the components they reach) stays as it is.
 *
 * The differ (api-smart-diff) follows local `$ref`s and reports a changed
 * component at every operation that uses it, so an entry is only left out
 * when none of what it reaches changed. An entry with a `$ref` that is not a
 * local component (another file, a path of the document) always stays.
 * Entries are the same when their JSON is: a reordered but equal entry
 * stays, which costs time, never a change.
 *
 * @internal
 */
export function withoutUnchangedParts(
  spec: 'openapi' | 'asyncapi',
  before: Doc,
  after: Doc,
): { before: Doc; after: Doc } {
  const components = compareComponents(before, after);
  const reachesChange = changeReach(components);
  const keptBefore: Doc = { ...before };
  const keptAfter: Doc = { ...after };
  const reached = new Set<ComponentKey>();
  for (const section of ENTRY_SECTIONS[spec]) {
    const left = before[section];
    const right = after[section];
    if (!isObject(left) || !isObject(right)) continue;
    const leftKept: Doc = {};
    const rightKept: Doc = {};
    for (const name of new Set([...Object.keys(left), ...Object.keys(right)])) {
      const same =
        name in left &&
        name in right &&
        JSON.stringify(left[name]) === JSON.stringify(right[name]);
      const refs = same ? refsOf(left[name]) : undefined;
      if (refs && !refs.some(ref => reachesChange(ref))) continue;
      if (name in left) leftKept[name] = left[name];
      if (name in right) rightKept[name] = right[name];
      for (const ref of [...refsOf(left[name]), ...refsOf(right[name])]) {
        if (ref) reached.add(ref);
      }
    }
    keptBefore[section] = leftKept;
    keptAfter[section] = rightKept;
  }
  for (const [key, state] of components.states) {
    if (state !== 'same') reached.add(key);
  }
  const kept = closure(reached, components);
  keptBefore.components = keptComponents(before.components, kept);
  keptAfter.components = keptComponents(after.components, kept);
  if (before.components === undefined) delete keptBefore.components;
  if (after.components === undefined) delete keptAfter.components;
  return { before: keptBefore, after: keptAfter };
}

interface Components {
  /** `same`: equal JSON in both; `changed`: otherwise (or in one only). */
  states: Map<ComponentKey, 'same' | 'changed'>;
  /** The local components each component refers to (both sides). */
  refs: Map<ComponentKey, Array<ComponentKey | undefined>>;
}

function compareComponents(before: Doc, after: Doc): Components {
  const states = new Map<ComponentKey, 'same' | 'changed'>();
  const refs = new Map<ComponentKey, Array<ComponentKey | undefined>>();
  const left = isObject(before.components) ? before.components : {};
  const right = isObject(after.components) ? after.components : {};
  for (const section of new Set([
    ...Object.keys(left),
    ...Object.keys(right),
  ])) {
    const l = isObject(left[section]) ? left[section] : {};
    const r = isObject(right[section]) ? right[section] : {};
    for (const name of new Set([...Object.keys(l), ...Object.keys(r)])) {
      const key = `${section}/${name}`;
      const same =
        name in l &&
        name in r &&
        JSON.stringify(l[name]) === JSON.stringify(r[name]);
      states.set(key, same ? 'same' : 'changed');
      refs.set(key, [...refsOf(l[name]), ...refsOf(r[name])]);
    }
  }
  return { states, refs };
}

/**
 * Whether a reference (undefined: not a local component) reaches a change:
 * a component that changed, is missing, or refers on, directly or not, to
 * one that did or to something that is not a local component. Found
 * backwards from the changes, so that cycles of components need no care.
 */
function changeReach(components: Components) {
  const referrers = new Map<ComponentKey, ComponentKey[]>();
  const tainted = new Set<ComponentKey>();
  for (const [key, refs] of components.refs) {
    if (components.states.get(key) !== 'same') tainted.add(key);
    for (const ref of refs) {
      if (ref === undefined || !components.states.has(ref)) tainted.add(key);
      else referrers.set(ref, [...(referrers.get(ref) ?? []), key]);
    }
  }
  const queue = [...tainted];
  while (queue.length > 0) {
    for (const referrer of referrers.get(queue.pop()!) ?? []) {
      if (!tainted.has(referrer)) {
        tainted.add(referrer);
        queue.push(referrer);
      }
    }
  }
  return (ref: ComponentKey | undefined): boolean =>
    ref === undefined || !components.states.has(ref) || tainted.has(ref);
}

/** The components reached from some, following their references. */
function closure(
  from: Set<ComponentKey>,
  components: Components,
): Set<ComponentKey> {
  const kept = new Set<ComponentKey>();
  const queue = [...from];
  while (queue.length > 0) {
    const key = queue.pop()!;
    if (kept.has(key)) continue;
    kept.add(key);
    for (const ref of components.refs.get(key) ?? []) {
      if (ref && !kept.has(ref)) queue.push(ref);
    }
  }
  return kept;
}

function keptComponents(components: unknown, kept: Set<ComponentKey>): unknown {
  if (!isObject(components)) return components;
  const out: Doc = {};
  for (const [section, entries] of Object.entries(components)) {
    if (!isObject(entries)) {
      out[section] = entries;
      continue;
    }
    const sectionOut: Doc = {};
    for (const [name, value] of Object.entries(entries)) {
      if (kept.has(`${section}/${name}`)) sectionOut[name] = value;
    }
    out[section] = sectionOut;
  }
  return out;
}

/**
 * The `$ref`s in a value: each a local component key, or undefined for a
 * reference that is not one (another file, a path of the document).
 */
function refsOf(value: unknown): Array<ComponentKey | undefined> {
  const out: Array<ComponentKey | undefined> = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (!isObject(node)) return;
    for (const [key, child] of Object.entries(node)) {
      if (key === '$ref') {
        const match =
          typeof child === 'string' ? LOCAL_COMPONENT.exec(child) : null;
        out.push(match ? `${decode(match[1])}/${decode(match[2])}` : undefined);
      } else {
        visit(child);
      }
    }
  };
  visit(value);
  return out;
}

/** A JSON pointer token as the name it stands for. */
function decode(token: string): string {
  let name = token.replace(/~1/g, '/').replace(/~0/g, '~');
  try {
    name = decodeURIComponent(name);
  } catch {
    // not percent-encoded: as it is
  }
  return name;
}
