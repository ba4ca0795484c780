import type {
  Campaign,
  CampaignCondition,
  CampaignConditionType,
  CampaignRequest,
  FindingSeverity,
  FragmentationType,
  OwnerGapType,
} from '@apiops-backstage/plugin-apiops-common';

/** One goal condition as the form edits it: every field of every type. */
export interface ConditionDraft {
  type: CampaignConditionType;
  station: string;
  gapTypes: OwnerGapType[];
  ruleId: string;
  severity: FindingSeverity | '';
  clusterTypes: FragmentationType[];
  maxAgeDays: string;
}

/** A campaign as the form edits it: texts as typed. */
export interface CampaignDraft {
  title: string;
  description: string;
  conditions: ConditionDraft[];
  teams: string;
  systems: string;
  domains: string;
  lifecycles: string;
  startDate: string;
  dueDate: string;
}

/** A condition of a type, its other fields empty. */
export function emptyCondition(
  type: CampaignConditionType = 'no-ownership-gap',
  station = '',
): ConditionDraft {
  return {
    type,
    station,
    gapTypes: [],
    ruleId: '',
    severity: '',
    clusterTypes: [],
    maxAgeDays: '90',
  };
}

function conditionDraftOf(condition: CampaignCondition): ConditionDraft {
  const draft = emptyCondition(condition.type);
  switch (condition.type) {
    case 'station-at-least':
      return { ...draft, station: condition.station };
    case 'no-ownership-gap':
      return { ...draft, gapTypes: [...(condition.gapTypes ?? [])] };
    case 'no-finding':
      return {
        ...draft,
        ruleId: condition.ruleId ?? '',
        severity: condition.severity ?? '',
      };
    case 'no-duplicate-cluster':
      return { ...draft, clusterTypes: [...(condition.types ?? [])] };
    case 'assessment-fresh':
      return { ...draft, maxAgeDays: String(condition.maxAgeDays) };
    default:
      return draft;
  }
}

/** The date of a time as `YYYY-MM-DD` (UTC). */
export function isoDate(time: Date): string {
  return time.toISOString().slice(0, 10);
}

/**
 * The form's values for a campaign, or for a new one: no ownership gaps,
 * from today to in three months.
 */
export function draftOf(
  campaign: Campaign | undefined,
  now: Date,
): CampaignDraft {
  if (!campaign) {
    const due = new Date(now.getTime());
    due.setUTCMonth(due.getUTCMonth() + 3);
    return {
      title: '',
      description: '',
      conditions: [emptyCondition()],
      teams: '',
      systems: '',
      domains: '',
      lifecycles: '',
      startDate: isoDate(now),
      dueDate: isoDate(due),
    };
  }
  return {
    title: campaign.title,
    description: campaign.description ?? '',
    conditions: campaign.conditions.map(conditionDraftOf),
    teams: (campaign.scope.teams ?? []).join(', '),
    systems: (campaign.scope.systems ?? []).join(', '),
    domains: (campaign.scope.domains ?? []).join(', '),
    lifecycles: (campaign.scope.lifecycles ?? []).join(', '),
    startDate: campaign.startDate,
    dueDate: campaign.dueDate,
  };
}

/** A comma-separated list as its values; none when empty. */
function listOf(text: string): string[] | undefined {
  const values = text
    .split(',')
    .map(value => value.trim())
    .filter(Boolean);
  return values.length ? values : undefined;
}

function conditionOf(draft: ConditionDraft): CampaignCondition {
  switch (draft.type) {
    case 'station-at-least':
      return { type: draft.type, station: draft.station };
    case 'no-ownership-gap':
      return draft.gapTypes.length
        ? { type: draft.type, gapTypes: draft.gapTypes }
        : { type: draft.type };
    case 'no-finding':
      return {
        type: draft.type,
        ...(draft.ruleId.trim() ? { ruleId: draft.ruleId.trim() } : {}),
        ...(draft.severity ? { severity: draft.severity } : {}),
      };
    case 'no-duplicate-cluster':
      return draft.clusterTypes.length
        ? { type: draft.type, types: draft.clusterTypes }
        : { type: draft.type };
    default:
      return {
        type: 'assessment-fresh',
        // Not a number: sent as typed, for the backend to name the field.
        maxAgeDays: /^\d+$/.test(draft.maxAgeDays.trim())
          ? Number(draft.maxAgeDays.trim())
          : (draft.maxAgeDays as unknown as number),
      };
  }
}

/**
 * The request the form sends: empty texts and lists left out, so that the
 * backend checks what the user gave (and names the field at fault).
 */
export function requestOf(draft: CampaignDraft): CampaignRequest {
  const scope = {
    ...(listOf(draft.teams) ? { teams: listOf(draft.teams) } : {}),
    ...(listOf(draft.systems) ? { systems: listOf(draft.systems) } : {}),
    ...(listOf(draft.domains) ? { domains: listOf(draft.domains) } : {}),
    ...(listOf(draft.lifecycles)
      ? { lifecycles: listOf(draft.lifecycles) }
      : {}),
  };
  return {
    title: draft.title,
    ...(draft.description.trim() ? { description: draft.description } : {}),
    conditions: draft.conditions.map(conditionOf),
    scope,
    startDate: draft.startDate,
    dueDate: draft.dueDate,
  };
}

/**
 * The field of the form a message of the backend is about (`dueDate: …`,
 * `conditions[1].station: …`, `scope.teams[0]: …`): the key of the form's
 * input, e.g. `dueDate`, `conditions.1`, `teams`.
 */
export function fieldOfMessage(message: string): string | undefined {
  const field = /^([A-Za-z0-9_.[\]-]+): /.exec(message)?.[1];
  if (!field) return undefined;
  const condition = /^conditions\[(\d+)\]/.exec(field);
  if (condition) return `conditions.${condition[1]}`;
  const scope = /^scope\.(teams|systems|domains|lifecycles)/.exec(field);
  if (scope) return scope[1];
  return field.split(/[.[]/)[0];
}
