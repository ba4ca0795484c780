import {
  DEFAULT_NAMESPACE,
  Entity,
  parseEntityRef,
  RELATION_API_PROVIDED_BY,
  RELATION_OWNED_BY,
} from '@backstage/catalog-model';
import { OwnershipIndex } from './OwnershipIndex';
import { EntityRefKey, entityRefKey, relationKeys } from '../refs';
import { EvaluateOwnershipOptions, OwnerGap, OwnershipResult } from './types';

/**
 * Owner names that mean "nobody": an API owned by one of them has the gap
 * `owner-missing`.
 *
 * @public
 */
export const DEFAULT_OWNER_PLACEHOLDERS: readonly string[] = Object.freeze([
  'unknown',
  'tbd',
  'none',
  'n/a',
  'na',
  'todo',
  'nobody',
  '-',
  'unassigned',
]);

/** How many provider owners a mismatch message names before "and N more". */
const MAX_OWNERS_NAMED = 3;

const FIX = 'set spec.owner to the group that is accountable for this API';

function toPlaceholderSet(placeholders: readonly string[]): Set<string> {
  return new Set(
    placeholders.map(placeholder =>
      placeholder.trim().toLocaleLowerCase('en-US'),
    ),
  );
}

const defaultPlaceholderSet = toPlaceholderSet(DEFAULT_OWNER_PLACEHOLDERS);
const placeholderSets = new WeakMap<readonly string[], Set<string>>();

function placeholderSetOf(placeholders?: readonly string[]): Set<string> {
  if (!placeholders || placeholders === DEFAULT_OWNER_PLACEHOLDERS) {
    return defaultPlaceholderSet;
  }
  let set = placeholderSets.get(placeholders);
  if (!set) {
    set = toPlaceholderSet(placeholders);
    placeholderSets.set(placeholders, set);
  }
  return set;
}

function listOwners(owners: string[]): string {
  const named = owners.slice(0, MAX_OWNERS_NAMED).join(', ');
  const more = owners.length - MAX_OWNERS_NAMED;
  return more > 0 ? `${named} and ${more} more` : named;
}

function mismatchGap(
  api: Entity,
  ref: EntityRefKey,
  index: OwnershipIndex,
): OwnerGap | undefined {
  const providers = new Set([
    ...index.getProviders(entityRefKey(api)),
    ...relationKeys(api, RELATION_API_PROVIDED_BY),
  ]);
  const providerOwners = new Set<string>();
  for (const provider of providers) {
    const owner = index.getOwner(provider);
    if (owner) {
      providerOwners.add(owner);
    }
  }
  if (providerOwners.size === 0 || providerOwners.has(ref)) {
    return undefined;
  }
  const owners = [...providerOwners].sort();
  return {
    type: 'owner-mismatch',
    severity: 'warning',
    message:
      `The owner ${ref} owns none of the components that provide this API ` +
      `(${owners.length === 1 ? 'owner' : 'owners'}: ${listOwners(owners)}): ` +
      `either the API or its ${
        providers.size === 1 ? 'provider' : 'providers'
      } ` +
      'name the wrong owner.',
  };
}

/**
 * Checks who owns an API: whether its owner is declared and real, a group
 * with members, not orphaned, and the owner of at least one of the components
 * providing the API.
 *
 * The owner is `spec.owner` (else the API's `ownedBy` relation), normalized as
 * the catalog does (`team-a` → `group:default/team-a`, in the API's
 * namespace). A missing or placeholder owner gives `owner-missing` and no
 * other gap. Otherwise the gaps are, in this order: `owner-unresolved`,
 * `owner-not-group`, `owner-group-empty`, `owner-orphaned`, `owner-mismatch`.
 * `owner-mismatch` needs at least one provider whose owner is known; the
 * providers are the components named by the API's `apiProvidedBy` relations
 * and those that declare they provide it in the index.
 *
 * Runs in time proportional to the API's own providers: everything else is
 * an O(1) lookup in the index (a group's member count is computed once per
 * group).
 *
 * @param api - The API entity, from the catalog or raw YAML.
 * @param index - The index of the catalog's groups, users and components.
 * @param options - Placeholder owner names; {@link DEFAULT_OWNER_PLACEHOLDERS}
 *   when absent.
 * @public
 */
export function evaluateOwnership(
  api: Entity,
  index: OwnershipIndex,
  options: EvaluateOwnershipOptions = {},
): OwnershipResult {
  const owner = api.spec?.owner;
  const declared = typeof owner === 'string' ? owner : undefined;
  const written = declared?.trim() || relationKeys(api, RELATION_OWNED_BY)[0];
  if (!written) {
    return {
      declared,
      resolved: false,
      gaps: [
        {
          type: 'owner-missing',
          severity: 'error',
          message: `The API declares no owner: ${FIX}.`,
        },
      ],
    };
  }

  const placeholders = placeholderSetOf(options.placeholders);
  let parsed;
  try {
    parsed = parseEntityRef(written, {
      defaultKind: 'group',
      defaultNamespace: api.metadata.namespace || DEFAULT_NAMESPACE,
    });
  } catch {
    parsed = undefined;
  }
  if (
    placeholders.has(written.toLocaleLowerCase('en-US')) ||
    (parsed && placeholders.has(parsed.name.toLocaleLowerCase('en-US')))
  ) {
    return {
      declared,
      resolved: false,
      gaps: [
        {
          type: 'owner-missing',
          severity: 'error',
          message: `The owner "${written}" is a placeholder, not a real owner: ${FIX}.`,
        },
      ],
    };
  }
  if (!parsed) {
    return {
      declared,
      resolved: false,
      gaps: [
        {
          type: 'owner-unresolved',
          severity: 'error',
          message: `The owner "${written}" is not a valid entity ref, so it matches no entity in the catalog: ${FIX}.`,
        },
      ],
    };
  }

  const ref = entityRefKey(parsed);
  const entry = index.getEntry(ref);
  const gaps: OwnerGap[] = [];
  const result: OwnershipResult = {
    ref,
    declared,
    resolved: entry !== undefined,
    gaps,
  };
  if (!entry) {
    gaps.push({
      type: 'owner-unresolved',
      severity: 'error',
      message: `The owner ${ref} matches no entity in the catalog: it may be misspelled, or it was removed or never registered.`,
    });
  } else {
    result.kind = entry.kind;
    if (entry.title) {
      result.title = entry.title;
    }
    if (entry.kind === 'group') {
      result.memberCount = index.getMemberCount(ref);
      if (result.memberCount === 0) {
        gaps.push({
          type: 'owner-group-empty',
          severity: 'error',
          message: `The owner ${ref} is a group without members, neither directly nor through its child groups: nobody is accountable for this API.`,
        });
      }
    } else {
      gaps.push({
        type: 'owner-not-group',
        severity: 'warning',
        message: `The owner ${ref} is a ${entry.kind}, not a group: an API should be owned by a team, so that its ownership survives people moving on.`,
      });
    }
    if (entry.orphaned) {
      gaps.push({
        type: 'owner-orphaned',
        severity: 'warning',
        message: `The owner ${ref} is orphaned in the catalog (its location no longer provides it), so it may soon disappear.`,
      });
    }
  }
  const mismatch = mismatchGap(api, ref, index);
  if (mismatch) {
    gaps.push(mismatch);
  }
  return result;
}
