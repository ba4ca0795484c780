import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ApiSnapshotResult,
  Assessment,
  GovernanceRuleset,
  governanceStatus,
  systemOf,
} from '@apiops-backstage/plugin-apiops-common';
import { StoredApiResult } from '../database/SnapshotStore';
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
  const findings = ruleset.evaluate({
    entity,
    ownership,
    station,
    latestAssessment: latest,
    stationStages: stationStagesOf(method, station.cycle),
    providers: inputs.providers,
    consumers: inputs.consumers,
    definitionProblem: inputs.definitionProblem,
    now,
  });
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

const stageCache = new WeakMap<
  MethodCatalog,
  Map<string, Record<string, string>>
>();

/** Station id → lifecycle stage, for a cycle (computed once per cycle). */
function stationStagesOf(
  method: MethodCatalog,
  cycle: string,
): Record<string, string> {
  let byCycle = stageCache.get(method);
  if (!byCycle) {
    byCycle = new Map();
    stageCache.set(method, byCycle);
  }
  let stages = byCycle.get(cycle);
  if (!stages) {
    stages = Object.fromEntries(
      method
        .getModel({ cycle })
        .stations.map(station => [station.id, station.lifecycleStage]),
    );
    byCycle.set(cycle, stages);
  }
  return stages;
}
