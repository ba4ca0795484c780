import type {
  CampaignFailingApi,
  CampaignTeamProgress,
  CampaignWithProgress,
} from '@apiops-backstage/plugin-apiops-common';
import type { CampaignsApi } from '../../../api';

/** The campaign of the example portal, overdue, with what remains. */
export const overdueCampaign: CampaignWithProgress = {
  id: '3',
  title: 'No ownership gaps in production APIs',
  description: 'Every production API has a real, populated owning team.',
  conditions: [
    { type: 'no-ownership-gap' },
    { type: 'station-at-least', station: 'api-design' },
  ],
  scope: {
    lifecycles: ['production'],
    teams: ['group:default/retail-banking'],
  },
  startDate: '2027-01-04',
  dueDate: '2027-03-31',
  revision: 2,
  createdBy: 'user:default/ada.lindqvist',
  createdAt: '2027-01-03T09:00:00.000Z',
  updatedBy: 'user:default/ada.lindqvist',
  updatedAt: '2027-01-05T09:00:00.000Z',
  progress: {
    inScope: 42,
    met: 37,
    remaining: 5,
    share: 37 / 42,
    state: 'overdue',
    snapshotId: '12',
    computedAt: '2027-04-02T08:00:00.000Z',
    outdated: false,
    overdueTeams: 2,
    withoutTeam: { inScope: 2, met: 0, remaining: 2, share: 0 },
  },
};

export const upcomingCampaign: CampaignWithProgress = {
  ...overdueCampaign,
  id: '4',
  title: 'Every API assessed this quarter',
  conditions: [{ type: 'assessment-fresh', maxAgeDays: 90 }],
  scope: {},
  startDate: '2027-07-01',
  dueDate: '2027-09-30',
  progress: {
    inScope: 0,
    met: 0,
    remaining: 0,
    state: 'upcoming',
    outdated: true,
    overdueTeams: 0,
  },
};

export const campaignTeams: CampaignTeamProgress[] = [
  {
    groupRef: 'group:default/retail-banking',
    title: 'Retail Banking',
    inScope: 12,
    met: 10,
    remaining: 2,
    share: 10 / 12,
    overdue: true,
  },
  {
    groupRef: 'group:default/accounts-team',
    title: 'Accounts',
    inScope: 6,
    met: 5,
    remaining: 1,
    share: 5 / 6,
    overdue: true,
  },
];

export const failingApis: CampaignFailingApi[] = [
  {
    entityRef: 'api:default/payment-limits-api',
    title: 'Payment Limits API',
    owner: 'group:default/accounts-team',
    lifecycle: 'production',
    reasons: [
      {
        condition: 'no-ownership-gap',
        message:
          'The owner group:default/accounts-team owns none of the components that provide this API',
        fix: 'Give the API the owner of the components that provide it.',
      },
    ],
  },
];

/** A mocked campaigns client answering the fixtures. */
export function mockCampaignsApi(
  overrides: Partial<jest.Mocked<CampaignsApi>> = {},
): jest.Mocked<CampaignsApi> {
  return {
    listCampaigns: jest
      .fn()
      .mockResolvedValue({ items: [overdueCampaign, upcomingCampaign] }),
    getCampaign: jest.fn().mockResolvedValue(overdueCampaign),
    createCampaign: jest.fn().mockResolvedValue(overdueCampaign),
    updateCampaign: jest.fn().mockResolvedValue(overdueCampaign),
    deleteCampaign: jest.fn().mockResolvedValue(undefined),
    getCampaignProgress: jest.fn().mockResolvedValue({
      campaign: overdueCampaign,
      points: [
        {
          snapshotId: '10',
          computedAt: '2027-01-04T08:00:00.000Z',
          inScope: 42,
          met: 35,
        },
        {
          snapshotId: '12',
          computedAt: '2027-04-02T08:00:00.000Z',
          inScope: 42,
          met: 37,
        },
      ],
    }),
    listCampaignTeams: jest.fn().mockResolvedValue({ items: campaignTeams }),
    listCampaignFailures: jest.fn().mockResolvedValue({ items: failingApis }),
    downloadCampaignFailuresCsv: jest
      .fn()
      .mockResolvedValue(new Blob(['entityRef\n'], { type: 'text/csv' })),
    listApiCampaignFailures: jest.fn().mockResolvedValue({
      items: [{ campaign: overdueCampaign, reasons: failingApis[0].reasons }],
    }),
    ...overrides,
  };
}
