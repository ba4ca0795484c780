import type { GovernanceRule } from '../types';
import { assessmentFreshRule } from './assessmentFreshRule';
import { definitionParsesRule } from './definitionParsesRule';
import { deprecatedStillConsumedRule } from './deprecatedStillConsumedRule';
import { descriptionPresentRule } from './descriptionPresentRule';
import { knownLifecycleRule } from './knownLifecycleRule';
import { lifecycleStationConsistencyRule } from './lifecycleStationConsistencyRule';
import { providersKnownRule } from './providersKnownRule';
import { stationAnnotationConsistencyRule } from './stationAnnotationConsistencyRule';
import { systemPresentRule } from './systemPresentRule';
import { validOwnerRule } from './validOwnerRule';

/**
 * The governance rules that come with APIOps, in the order they run.
 *
 * @public
 */
export const builtinRules: ReadonlyArray<GovernanceRule> = Object.freeze([
  validOwnerRule,
  knownLifecycleRule,
  lifecycleStationConsistencyRule,
  descriptionPresentRule,
  systemPresentRule,
  definitionParsesRule,
  providersKnownRule,
  deprecatedStillConsumedRule,
  assessmentFreshRule,
  stationAnnotationConsistencyRule,
] as GovernanceRule[]);
