export {
  CAMPAIGN_CONDITION_TYPES,
  CAMPAIGN_STATES,
  apiCampaignFailureSchema,
  campaignConditionSchema,
  campaignCountsSchema,
  campaignFailingApiSchema,
  campaignFailureReasonSchema,
  campaignProgressPointSchema,
  campaignProgressReportSchema,
  campaignProgressSchema,
  campaignRequestLimits,
  campaignRequestSchema,
  campaignSchema,
  campaignScopeSchema,
  campaignTeamProgressSchema,
  campaignWithProgressSchema,
  parseCampaignRequest,
} from './schemas';
export type {
  ApiCampaignFailure,
  Campaign,
  CampaignCondition,
  CampaignConditionType,
  CampaignCounts,
  CampaignFailingApi,
  CampaignFailureReason,
  CampaignProgress,
  CampaignProgressPoint,
  CampaignProgressReport,
  CampaignRequest,
  CampaignScope,
  CampaignState,
  CampaignTeamProgress,
  CampaignWithProgress,
  ParsedCampaignRequest,
} from './schemas';
export {
  CAMPAIGN_DUE_SOON_DAYS,
  campaignCounts,
  campaignMoments,
  campaignStateOf,
} from './campaignState';
export {
  evaluateCampaignGoal,
  isInCampaignScope,
} from './evaluateCampaignGoal';
export type {
  CampaignApiFacts,
  CampaignScopeFacts,
} from './evaluateCampaignGoal';
