export { ApiCampaigns } from './ApiCampaigns';
export { CampaignDetail } from './CampaignDetail';
export { CampaignsSection } from './CampaignsSection';
export { GroupCampaigns } from './GroupCampaigns';
