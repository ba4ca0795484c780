import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ApiSnapshotResult,
  Assessment,
  GovernanceFinding,
  GovernanceRuleset,
  governanceStatus,
  systemOf,
} from '@apiops-backstage/plugin-apiops-common';
import { StoredApiResult } from '../database/SnapshotStore';
import { withoutDefinition } from '../definitions';
import { resolveStation } from '../lifecycle/resolveStation';
import { MethodCatalog } from '../method';

/**
 * Everything one API's result is computed from besides the entity itself.
 *
 * @internal
 */
export interface EvaluateApiInput {
  entity: Entity;
  /** The API's latest assessment, if any. */
  latest: Assessment | undefined;
  /** The API's owner and its gaps, from the catalog index. */
  ownership: ApiSnapshotResult['owner'];
  /** Rule inputs that come from the rest of the catalog. */
  inputs: StoredApiResult['inputs'];
  method: MethodCatalog;
  ruleset: GovernanceRuleset;
  now: Date;
  /**
   * The findings of the definition evidence (lint) about the API's
   * definition, added after the rules' (see {@link storedEvidenceFindings}).
   */
  evidenceFindings?: readonly GovernanceFinding[];
}

/**
 * The definition evidence findings of a stored result (those with a
 * `source`), so that a result evaluated again keeps what the snapshot found
 * in the definition.
 *
 * @internal
 */
export function storedEvidenceFindings(
  stored: StoredApiResult,
): GovernanceFinding[] {
  // Results stored before there was evidence may lack parts: none then.
  return (stored.result?.governance?.findings ?? []).filter(
    finding => finding.source !== undefined,
  );
}

/**
 * One API's station, ownership and governance: the same pure computation for
 * the snapshot (every API) and for `GET …/status` (one API, at once after an
 * assessment, with the rule inputs the latest snapshot kept).
 *
 * @internal
 */
export function evaluateApi(input: EvaluateApiInput): StoredApiResult {
  const { entity, latest, ownership, inputs, method, ruleset, now } = input;
  const station = resolveStation(entity, latest, method);
  const ruleFindings = ruleset.evaluate({
    entity: withoutDefinition(entity),
    ownership,
    station,
    latestAssessment: latest,
    ...cycleFactsOf(method, station.cycle),
    providers: inputs.providers,
    consumers: inputs.consumers,
    definitionProblem: inputs.definitionProblem,
    now,
  });
  const findings = input.evidenceFindings?.length
    ? [...ruleFindings, ...input.evidenceFindings]
    : ruleFindings;
  const lifecycle = entity.spec?.lifecycle;
  return {
    result: {
      entityRef: stringifyEntityRef(entity),
      title: entity.metadata.title ?? entity.metadata.name,
      system: systemOf(entity),
      lifecycle: typeof lifecycle === 'string' ? lifecycle : undefined,
      station,
      owner: ownership,
      governance: { status: governanceStatus(findings), findings },
    },
    inputs,
  };
}

interface CycleFacts {
  stationStages: Record<string, string>;
  stationCriteria: Record<string, readonly string[]>;
}

const factsCache = new WeakMap<MethodCatalog, Map<string, CycleFacts>>();

/**
 * Station id → lifecycle stage and station id → criteria, for a cycle
 * (computed once per cycle).
 */
function cycleFactsOf(method: MethodCatalog, cycle: string): CycleFacts {
  let byCycle = factsCache.get(method);
  if (!byCycle) {
    byCycle = new Map();
    factsCache.set(method, byCycle);
  }
  let facts = byCycle.get(cycle);
  if (!facts) {
    const { stations } = method.getModel({ cycle });
    facts = {
      stationStages: Object.fromEntries(
        stations.map(station => [station.id, station.lifecycleStage]),
      ),
      stationCriteria: Object.fromEntries(
        stations.map(station => [station.id, [...station.criteria]]),
      ),
    };
    byCycle.set(cycle, facts);
  }
  return facts;
}
