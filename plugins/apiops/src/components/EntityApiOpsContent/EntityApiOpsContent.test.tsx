import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  AppLanguageApi,
  appLanguageApiRef,
} from '@backstage/frontend-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  ApiEvidence,
  ApiStatus,
  Assessment,
  MethodModel,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsApiRef } from '../../api';
import {
  answersAt,
  apiStatus,
  assessment,
  methodModel,
} from '../EntityApiOpsCommon/__fixtures__/apiops';
import { largeDuplicateCluster } from '../FragmentationPanel/__fixtures__/clusters';
import {
  history as changeHistory,
  paymentsFamily,
} from '../Changes/__fixtures__/changes';
import { EntityApiOpsContent } from './EntityApiOpsContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'accounts-api', namespace: 'default' },
  spec: { type: 'openapi', lifecycle: 'production', owner: 'accounts-team' },
};

// The whole tab renders in each test; give it time on a slow machine.
configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(60_000);

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

type MockApiOpsApi = Record<
  | 'getMethod'
  | 'getStatus'
  | 'listAssessments'
  | 'recordAssessment'
  | 'refreshApi'
  | 'getEvidence'
  | 'listApiChanges'
  | 'getApiVersions',
  jest.Mock
>;

function mockApiOpsApi(overrides: Partial<MockApiOpsApi> = {}): MockApiOpsApi {
  return {
    getMethod: jest.fn().mockResolvedValue(methodModel),
    getStatus: jest.fn().mockResolvedValue(apiStatus()),
    listAssessments: jest
      .fn()
      .mockResolvedValue({ items: [assessment()] as Assessment[] }),
    recordAssessment: jest.fn(),
    refreshApi: jest.fn(),
    getEvidence: jest.fn().mockResolvedValue({
      entityRef: 'api:default/accounts-api',
      providers: [],
    }),
    listApiChanges: jest
      .fn()
      .mockResolvedValue({ items: [], deprecations: [] }),
    getApiVersions: jest
      .fn()
      .mockResolvedValue({ members: [], comparisons: [] }),
    ...overrides,
  };
}

/** The error the client throws for a backend answer of `status`. */
function responseError(status: number, name: string, message: string) {
  return ResponseError.fromResponse({
    status,
    statusText: status === 400 ? 'Bad Request' : 'Forbidden',
    ok: false,
    headers: { get: () => 'application/json; charset=utf-8' },
    text: async () =>
      JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
      }),
  } as unknown as Response);
}

/** The app language API of an app shown in `language`. */
function appLanguage(language: string): AppLanguageApi {
  return {
    getAvailableLanguages: () => ({ languages: ['en', language] }),
    getLanguage: () => ({ language }),
    setLanguage: jest.fn(),
    // never changes: only subscribed to
    language$: () =>
      ({
        subscribe: () => ({ unsubscribe: () => {}, closed: false }),
      } as unknown as ReturnType<AppLanguageApi['language$']>),
  };
}

function renderTab(
  apiopsApi: MockApiOpsApi,
  options: {
    allowed?: boolean;
    annotations?: Record<string, string>;
    /** The app's language; English by default. */
    language?: string;
  } = {},
) {
  const { allowed = true, annotations, language } = options;
  // usePermission caches decisions per entity across renders (SWR): an API
  // of its own keeps a denial from leaking into the tests after it.
  const shown: Entity = {
    ...entity,
    metadata: {
      ...entity.metadata,
      ...(allowed ? {} : { name: 'denied-api' }),
      ...(annotations ? { annotations } : {}),
    },
  };
  return renderInTestApp(
    <EntityProvider entity={shown}>
      <EntityApiOpsContent />
    </EntityProvider>,
    {
      mountedRoutes,
      apis: [
        [apiopsApiRef, apiopsApi],
        mockApis.permission({
          authorize: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
        }),
        ...(language
          ? [[appLanguageApiRef, appLanguage(language)] as const]
          : []),
      ],
    },
  );
}

// Role queries over the whole tab are slow (it is a large tree): the helpers
// look things up by id or attribute first, then by role within.

/** The station the metro map highlights, once the tab has loaded. */
async function highlightedStation() {
  return waitFor(() => {
    const map = document.querySelector(
      '[role="region"][aria-label^="Stations of the API Productization Cycle"]',
    );
    const current = map?.querySelector('li[aria-current="step"]');
    expect(current).toBeTruthy();
    return current as HTMLElement;
  });
}

/** The met / not met / unknown group of a criterion, under one station. */
function criterionGroup(stationId: string, criterionLabel: string) {
  // The criteria of an open station are in the region its header controls.
  const station = document.getElementById(`apiops-${stationId}-criteria`);
  expect(station).toHaveAttribute('role', 'region');
  return within(station!).getByRole('radiogroup', { name: criterionLabel });
}

/** The submit button of the assessment form, once the form is there. */
async function submitButton() {
  const label = await screen.findByText('Record assessment');
  return label.closest('button')!;
}

/**
 * A matcher of the sentence around a `<time>` (an element of the tag with
 * one as a child) whose whole text matches: the cards' subheaders and facts
 * put times in their sentences.
 */
function spanText(pattern: RegExp, tag = 'SPAN') {
  return (_content: string, element: Element | null) =>
    element?.tagName === tag &&
    Array.from(element.children).some(child => child.tagName === 'TIME') &&
    pattern.test(element.textContent ?? '');
}

const HIDE_BACKEND = 'hide-backend-discrepancies';
const hideBackendLabel = methodModel.criteria.find(
  c => c.id === HIDE_BACKEND,
)!.label;

describe('EntityApiOpsContent', () => {
  it('highlights the station of the API on the metro map, with its stage and source', async () => {
    const apiopsApi = mockApiOpsApi();
    renderTab(apiopsApi);

    const current = await highlightedStation();
    expect(current).toHaveTextContent('API Design');
    expect(current).toHaveTextContent('Design');
    expect(screen.getByText('The latest assessment')).toBeInTheDocument();
    expect(screen.queryByText('Unassessed')).not.toBeInTheDocument();
    expect(apiopsApi.getStatus).toHaveBeenCalledWith({
      kind: 'api',
      namespace: 'default',
      name: 'accounts-api',
    });
    expect(apiopsApi.getMethod).toHaveBeenCalledWith({ locale: 'en' });
  });

  it('shows the fragmentation clusters of the API, linking to the other APIs', async () => {
    const apiopsApi = mockApiOpsApi({
      getStatus: jest
        .fn()
        .mockResolvedValue(
          apiStatus({ fragmentation: [largeDuplicateCluster] }),
        ),
    });
    renderTab(apiopsApi);

    const clusters = within(
      await screen.findByRole('list', {
        name: 'Fragmentation clusters of this API',
      }),
    );
    expect(
      clusters.getByRole('heading', { name: 'Duplicate' }),
    ).toBeInTheDocument();
    expect(
      clusters.getByRole('link', { name: 'Ledger Accounts API' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/api/ledger-accounts-api/apiops',
    );
    expect(
      clusters.queryByRole('link', { name: 'Accounts API' }),
    ).not.toBeInTheDocument();
  });

  it('shows an unassessed API clearly, with no station highlighted', async () => {
    const apiopsApi = mockApiOpsApi({
      getStatus: jest.fn().mockResolvedValue(
        apiStatus({
          station: {
            id: 'unassessed',
            source: 'none',
            cycle: 'api-productization-cycle',
          },
          latestAssessment: undefined,
        }),
      ),
      listAssessments: jest.fn().mockResolvedValue({ items: [] }),
    });
    renderTab(apiopsApi);

    expect(
      await screen.findByText(
        /No assessment has been recorded for this API and/,
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText('Unassessed').length).toBeGreaterThan(0);
    expect(screen.getByText('Nothing yet')).toBeInTheDocument();
    expect(
      screen.queryByRole('listitem', { current: 'step' }),
    ).not.toBeInTheDocument();
    expect(
      await screen.findByText(
        'No assessment has been recorded for this API yet.',
      ),
    ).toBeInTheDocument();
    // Without an assessment, every criterion starts unknown.
    expect(
      within(
        criterionGroup('api-product-strategy', methodModel.criteria[0].label),
      ).getByRole('radio', { name: 'Unknown' }),
    ).toBeChecked();
  });

  it('shows a station conflict between assessment and annotation', async () => {
    const status = apiStatus();
    status.station = {
      ...status.station,
      annotation: 'monitoring-and-improving',
      conflict: {
        assessment: 'api-design',
        annotation: 'monitoring-and-improving',
        message: 'They disagree',
      },
    };
    renderTab(
      mockApiOpsApi({ getStatus: jest.fn().mockResolvedValue(status) }),
    );

    expect(
      await screen.findByText('The assessment and the annotation disagree'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /places this API at API Design, but the apiops\/station annotation in its catalog-info.yaml says API Monitoring & Improvement/,
      ),
    ).toBeInTheDocument();
  });

  it('shows the owner with its gaps and each governance finding with its fix', async () => {
    const status: ApiStatus = apiStatus({
      owner: {
        ref: 'group:default/ghost-team',
        declared: 'ghost-team',
        resolved: true,
        kind: 'group',
        title: 'Ghost Team',
        memberCount: 0,
        gaps: [
          {
            type: 'owner-group-empty',
            severity: 'warning',
            message: 'The owner group:default/ghost-team has no members',
          },
        ],
      },
      governance: {
        status: 'non-compliant',
        findings: [
          {
            ruleId: 'description-present',
            severity: 'warning',
            message: 'The API has no description',
            path: 'metadata.description',
            fix: 'Add a description to catalog-info.yaml',
          },
          {
            ruleId: 'valid-owner',
            severity: 'error',
            message: 'The owner has no members',
            path: 'spec.owner',
            fix: 'Add members to the owning group',
          },
        ],
      },
    });
    renderTab(
      mockApiOpsApi({ getStatus: jest.fn().mockResolvedValue(status) }),
    );

    const owner = await screen.findByRole('link', { name: /ghost-team/i });
    expect(owner).toHaveAttribute('href', '/catalog/default/group/ghost-team');
    expect(screen.getByText('Ghost Team')).toBeInTheDocument();
    expect(screen.getByText('Owner group empty')).toBeInTheDocument();
    expect(
      screen.getByText('The owner group:default/ghost-team has no members'),
    ).toBeInTheDocument();

    expect(screen.getByText('Non-compliant')).toBeInTheDocument();
    const findings = within(
      screen.getByRole('list', { name: 'Governance findings' }),
    ).getAllByRole('listitem');
    // Worst first.
    expect(findings[0]).toHaveTextContent('The owner has no members');
    expect(findings[0]).toHaveTextContent('spec.owner');
    expect(findings[0]).toHaveTextContent(
      'How to fixAdd members to the owning group',
    );
    expect(findings[1]).toHaveTextContent('The API has no description');
    expect(findings[1]).toHaveTextContent(
      'How to fixAdd a description to catalog-info.yaml',
    );
  });

  it('says so when no snapshot has seen the API yet', async () => {
    const status = apiStatus({ governance: undefined, snapshotAt: undefined });
    status.owner = { ...status.owner, gaps: undefined };
    renderTab(
      mockApiOpsApi({ getStatus: jest.fn().mockResolvedValue(status) }),
    );

    expect(
      await screen.findByText(/Not yet in a snapshot: ownership gaps show/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Not yet in a snapshot: governance findings show/),
    ).toBeInTheDocument();
  });

  it('renders without report data, as the backend answers a caller not allowed apiops.report.read', async () => {
    // After a snapshot, but without `fragmentation`, `owner.gaps` and
    // `governance`: the backend omits them without apiops.report.read.
    const status = apiStatus({
      governance: undefined,
      fragmentation: undefined,
      reportData: 'withheld',
    });
    status.owner = { ...status.owner, gaps: undefined };
    renderTab(
      mockApiOpsApi({ getStatus: jest.fn().mockResolvedValue(status) }),
    );

    expect(await highlightedStation()).toHaveTextContent(/design/i);
    // Each panel says why it is empty: the permission, not the snapshot.
    expect(
      screen.getByText(
        'Ownership gaps are report data: they need the permission apiops.report.read, which you do not have.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Governance findings are report data: they need the permission apiops.report.read, which you do not have.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Fragmentation is report data: it needs the permission apiops.report.read, which you do not have.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Not yet in a snapshot/)).not.toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /accounts-team/i }),
    ).toHaveAttribute('href', '/catalog/default/group/accounts-team');
    expect(
      screen.queryByRole('list', { name: 'Governance findings' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('list', {
        name: 'Fragmentation clusters of this API',
      }),
    ).not.toBeInTheDocument();
    expect(await submitButton()).toBeInTheDocument();
  });

  it('pre-fills the form from the latest assessment', async () => {
    const latest = assessment({
      answers: { ...answersAt('api-design'), 'api-consistency': 'not-met' },
      evidence: { 'api-consistency': 'https://ci.example.com/lint/42' },
      notes: { 'api-consistency': 'Two naming styles' },
    });
    renderTab(
      mockApiOpsApi({
        getStatus: jest
          .fn()
          .mockResolvedValue(apiStatus({ latestAssessment: latest })),
      }),
    );

    // The current station is open.
    const consistency = methodModel.criteria.find(
      c => c.id === 'api-consistency',
    )!.label;
    const group = await waitFor(() =>
      criterionGroup('api-design', consistency),
    );
    expect(within(group).getByRole('radio', { name: 'Not met' })).toBeChecked();
    const field = group.parentElement!;
    // The fields' names say which criterion and station they are of.
    expect(
      within(field).getByRole('textbox', {
        name: `Evidence link for “${consistency}” (API Design)`,
      }),
    ).toHaveValue('https://ci.example.com/lint/42');
    expect(
      within(field).getByRole('textbox', {
        name: `Note on “${consistency}” (API Design)`,
      }),
    ).toHaveValue('Two naming styles');
    expect(
      within(criterionGroup('api-design', hideBackendLabel)).getByRole(
        'radio',
        { name: 'Met' },
      ),
    ).toBeChecked();
  });

  it('records an assessment with one answer per shared criterion and moves the station without a reload', async () => {
    const user = userEvent.setup();
    const recorded = assessment({
      id: '2',
      station: 'api-consumer-experience',
      answers: {
        ...answersAt('api-design'),
        [HIDE_BACKEND]: 'not-met',
      },
      createdAt: '2026-11-26T15:00:00.000Z',
    });
    const apiopsApi = mockApiOpsApi({
      recordAssessment: jest.fn().mockResolvedValue(recorded),
    });
    renderTab(apiopsApi);
    await submitButton();

    // The criterion is shared by four stations; answering it under API
    // Design answers it under API Delivery too.
    await user.click(
      within(criterionGroup('api-design', hideBackendLabel)).getByRole(
        'radio',
        { name: 'Not met' },
      ),
    );
    await user.click(document.getElementById('apiops-api-delivery-summary')!);
    expect(
      within(criterionGroup('api-delivery', hideBackendLabel)).getByRole(
        'radio',
        { name: 'Not met' },
      ),
    ).toBeChecked();
    const delivery = criterionGroup('api-delivery', hideBackendLabel)
      .parentElement!;
    await user.click(within(delivery).getByLabelText('Evidence link'));
    await user.paste('  https://wiki.example.com/facade  ');
    await user.click(screen.getByLabelText('Note on this assessment'));
    await user.paste('Re-run');
    expect(
      screen.getByText(
        'With these answers the API will be at API Consumer Experience.',
      ),
    ).toBeInTheDocument();

    // Not met under API Design is not met under API Consumer Experience
    // too: the API moves back, which needs a confirmation.
    const warning = await screen.findByText(
      'This assessment moves the API back from API Design to API Consumer Experience',
    );
    const holding = within(warning.closest('[role="alert"]') as HTMLElement);
    expect(
      holding.getByRole('list', {
        name: 'Earlier stations holding the API back',
      }),
    ).toHaveTextContent(`API Consumer Experience: ${hideBackendLabel} not met`);
    await user.click(await submitButton());
    expect(
      await screen.findByText(/These answers move the API back/),
    ).toBeInTheDocument();
    expect(apiopsApi.recordAssessment).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(
      holding.getByRole('checkbox', {
        name: 'Yes, record the API at API Consumer Experience',
      }),
    );
    await user.click(
      holding.getByRole('checkbox', {
        name: 'Yes, record the API at API Consumer Experience',
      }),
    );

    apiopsApi.getStatus.mockResolvedValue(
      apiStatus({
        station: {
          id: 'api-consumer-experience',
          source: 'assessment',
          cycle: 'api-productization-cycle',
          lifecycleStage: 'strategy',
        },
        latestAssessment: recorded,
      }),
    );
    apiopsApi.listAssessments.mockResolvedValue({
      items: [recorded, assessment()],
    });
    await user.click(await submitButton());

    expect(apiopsApi.recordAssessment).toHaveBeenCalledTimes(1);
    const [ref, body] = apiopsApi.recordAssessment.mock.calls[0];
    expect(ref).toEqual({
      kind: 'api',
      namespace: 'default',
      name: 'accounts-api',
    });
    expect(body).toEqual({
      cycle: 'api-productization-cycle',
      answers: { ...answersAt('api-design'), [HIDE_BACKEND]: 'not-met' },
      evidence: { [HIDE_BACKEND]: 'https://wiki.example.com/facade' },
      note: 'Re-run',
    });
    // Each of the 21 criteria once, however many stations share it.
    expect(Object.keys(body.answers)).toHaveLength(methodModel.criteria.length);

    const recordedMessage = await screen.findByText(
      'Assessment recorded. The API is now at API Consumer Experience.',
    );
    // The focus goes to the outcome, not to the top of the page.
    await waitFor(() =>
      expect(recordedMessage.closest('[role="status"]')).toHaveFocus(),
    );
    await waitFor(() =>
      expect(
        document.querySelector('li[aria-current="step"]'),
      ).toHaveTextContent('API Consumer Experience'),
    );
    expect(apiopsApi.getStatus).toHaveBeenCalledTimes(2);
    // The history reloads with the new record and what it changed.
    expect(
      await screen.findByText(
        'Moved from API Design to API Consumer Experience',
      ),
    ).toBeInTheDocument();
    // The reports wait for the next snapshot, or a refresh: the tab says so.
    expect(
      await screen.findByText(
        /^Assessment recorded: this tab shows it now\. The APIOps page and the group tabs show it after the next snapshot\. Refresh this API to show it there at once\.$/,
      ),
    ).toBeInTheDocument();
  });

  it('refreshes the API for the platform team, and every card says when its data was computed', async () => {
    const user = userEvent.setup();
    const refreshedAt = new Date().toISOString();
    const apiopsApi = mockApiOpsApi({
      refreshApi: jest.fn().mockResolvedValue({
        outcome: 'applied',
        status: apiStatus({ refreshedAt }),
      }),
    });
    renderTab(apiopsApi);
    expect(
      await screen.findByText(spanText(/^Checked by the snapshot taken \S/)),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        spanText(
          /^Evaluated \S.*, with the ownership checks and catalog relations of the snapshot taken \S/,
        ),
      ),
    ).toBeInTheDocument();

    apiopsApi.getStatus.mockResolvedValue(apiStatus({ refreshedAt }));
    await user.click(
      await screen.findByRole('button', { name: 'Refresh this API now' }),
    );
    expect(apiopsApi.refreshApi).toHaveBeenCalledWith({
      kind: 'api',
      namespace: 'default',
      name: 'accounts-api',
    });
    expect(
      await screen.findByText(spanText(/^Checked by a refresh of this API \S/)),
    ).toBeInTheDocument();
    expect(apiopsApi.getStatus).toHaveBeenCalledTimes(2);
    expect(
      screen.getByText(
        spanText(/^As a refresh of this API computed it \S/, 'DD'),
      ),
    ).toBeInTheDocument();
  });

  it('checks evidence links before sending anything', async () => {
    const user = userEvent.setup();
    const apiopsApi = mockApiOpsApi();
    renderTab(apiopsApi);
    await submitButton();

    const field = criterionGroup('api-design', hideBackendLabel).parentElement!;
    const evidence = within(field).getByLabelText('Evidence link');
    await user.click(evidence);
    await user.paste('ftp://files.example.com/report');
    await user.tab();
    expect(
      within(field).getByText(
        'Enter an absolute http(s) link, e.g. https://example.com/report',
      ),
    ).toBeInTheDocument();
    expect(evidence).toHaveAttribute('aria-invalid', 'true');

    await user.click(await submitButton());
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Some evidence links are not valid http(s) links',
    );
    expect(apiopsApi.recordAssessment).not.toHaveBeenCalled();

    await user.clear(evidence);
    await user.paste('https://files.example.com/report');
    expect(
      within(field).queryByText(/Enter an absolute http\(s\) link/),
    ).not.toBeInTheDocument();
  });

  it('shows the message of a 400 answer next to the form', async () => {
    const user = userEvent.setup();
    const apiopsApi = mockApiOpsApi({
      recordAssessment: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            400,
            'InputError',
            "answers.api-consistency: not a criterion of the cycle 'x'",
          ),
        ),
    });
    renderTab(apiopsApi);
    await user.click(await submitButton());

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      "The assessment was not recorded: answers.api-consistency: not a criterion of the cycle 'x'",
    );
    expect(alert).toHaveFocus();
    expect(
      screen.getByRole('button', { name: 'Record assessment' }),
    ).toBeEnabled();
  });

  it('explains to a user the policy denies why they cannot assess, without a form', async () => {
    renderTab(mockApiOpsApi(), { allowed: false });
    await highlightedStation();

    expect(
      await screen.findByText(
        /Only the owners of this API and the platform team can record assessments/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Record assessment' }),
    ).not.toBeInTheDocument();
    expect(screen.queryByRole('radiogroup')).not.toBeInTheDocument();
  });

  it('shows the same explanation when the server answers 403', async () => {
    const user = userEvent.setup();
    const apiopsApi = mockApiOpsApi({
      recordAssessment: jest
        .fn()
        .mockRejectedValue(
          await responseError(403, 'NotAllowedError', 'Unauthorized'),
        ),
    });
    renderTab(apiopsApi);
    await user.click(await submitButton());

    expect(
      await screen.findByText(
        /Only the owners of this API and the platform team can record assessments/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Record assessment' }),
    ).not.toBeInTheDocument();
  });

  it('shows the history with what changed, and loads older records', async () => {
    const user = userEvent.setup();
    const first = assessment({
      id: '1',
      station: 'api-product-strategy',
      answers: answersAt('api-product-strategy'),
      assessedBy: 'external:github-actions',
      createdAt: '2026-11-20T09:00:00.000Z',
    });
    const second = assessment({
      id: '2',
      station: 'api-consumer-experience',
      answers: answersAt('api-consumer-experience'),
      createdAt: '2026-11-24T09:00:00.000Z',
    });
    const third = assessment({
      id: '3',
      station: 'api-consumer-experience',
      answers: answersAt('api-consumer-experience'),
      note: 'Nothing new',
      createdAt: '2026-11-26T09:00:00.000Z',
    });
    const apiopsApi = mockApiOpsApi({
      listAssessments: jest
        .fn()
        .mockResolvedValueOnce({ items: [third, second], nextCursor: 'c2' })
        .mockResolvedValueOnce({ items: [first] }),
    });
    renderTab(apiopsApi);

    const history = await screen.findByRole('list', {
      name: 'Assessments, newest first',
    });
    const records = () =>
      within(history)
        .getAllByRole('listitem')
        .filter(item => item.parentElement === history);
    let items = records();
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('No answer changed.');
    expect(items[0]).toHaveTextContent('Nothing new');
    expect(
      within(items[0]).getByRole('link', { name: /ada\.lindqvist/i }),
    ).toHaveAttribute('href', '/catalog/default/user/ada.lindqvist');
    expect(items[1]).toHaveTextContent(
      'Load older assessments to see what changed.',
    );
    expect(items[0].querySelector('time')).toHaveAttribute(
      'datetime',
      '2026-11-26T09:00:00.000Z',
    );

    await user.click(
      screen.getByRole('button', { name: 'Load older assessments' }),
    );

    await waitFor(() => expect(records()).toHaveLength(3));
    expect(apiopsApi.listAssessments).toHaveBeenLastCalledWith(
      { kind: 'api', namespace: 'default', name: 'accounts-api' },
      { limit: 10, cursor: 'c2' },
    );
    items = records();
    expect(items[1]).toHaveTextContent(
      'Moved from API Product Strategy to API Consumer Experience',
    );
    expect(items[1]).toHaveTextContent('4 answers changed:');
    expect(items[1]).toHaveTextContent(
      `${methodModel.criteria[3].label} Unknown → Met`,
    );
    expect(items[2]).toHaveTextContent(
      'First assessment: 0 met, 0 not met, 21 unknown.',
    );
    expect(items[2]).toHaveTextContent('external:github-actions');
    expect(within(items[2]).queryByRole('link')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Load older assessments' }),
    ).not.toBeInTheDocument();
  });
});

describe('EntityApiOpsContent assessments that never mislead', () => {
  const lastStation = methodModel.stations[methodModel.stations.length - 1];

  /** An API at the last station by its annotation, never assessed. */
  function annotatedAtLastStation() {
    return mockApiOpsApi({
      getStatus: jest.fn().mockResolvedValue(
        apiStatus({
          station: {
            id: lastStation.id,
            source: 'annotation',
            cycle: 'api-productization-cycle',
            lifecycleStage: lastStation.lifecycleStage,
            annotation: lastStation.id,
          },
          latestAssessment: undefined,
        }),
      ),
      listAssessments: jest.fn().mockResolvedValue({ items: [] }),
    });
  }

  it('warns of no move when the answers keep the API where it is', async () => {
    renderTab(mockApiOpsApi());
    await submitButton();
    expect(
      screen.getByText('With these answers the API will be at API Design.'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/moves the API back/)).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Mark earlier stations met' }),
    ).not.toBeInTheDocument();
  });

  it('opens an API placed by its annotation at its station and warns that the answers move it back to the first', async () => {
    const user = userEvent.setup();
    const apiopsApi = annotatedAtLastStation();
    renderTab(apiopsApi);
    await submitButton();

    // The form opens at the API's station, not at the first one.
    const [first] = lastStation.criteria;
    const group = await waitFor(() =>
      criterionGroup(
        lastStation.id,
        methodModel.criteria.find(c => c.id === first)!.label,
      ),
    );
    expect(
      document.getElementById('apiops-api-product-strategy-criteria'),
    ).not.toBeInTheDocument();
    await user.click(within(group).getByRole('radio', { name: 'Met' }));

    const alert = (
      await screen.findByText(
        `This assessment moves the API back from ${lastStation.title} to API Product Strategy`,
      )
    ).closest('[role="alert"]') as HTMLElement;
    const holding = within(alert).getByRole('list', {
      name: 'Earlier stations holding the API back',
    });
    // Every earlier station is named, with the criteria it misses.
    expect(within(holding).getAllByRole('listitem')).toHaveLength(
      methodModel.stations.length - 1,
    );
    expect(holding).toHaveTextContent(
      `API Product Strategy: ${methodModel.criteria[0].label}`,
    );
    // Each of those stations says so in the form too.
    expect(
      document.getElementById('apiops-api-product-strategy-summary'),
    ).toHaveTextContent('Holds the API back');
    expect(
      document.getElementById(`apiops-${lastStation.id}-summary`),
    ).not.toHaveTextContent('Holds the API back');
    expect(
      screen.getByText(
        'With these answers the API will be at API Product Strategy.',
      ),
    ).toBeInTheDocument();
  });

  it('marks the criteria of every earlier station met, and records them once the user submits', async () => {
    const user = userEvent.setup();
    const apiopsApi = annotatedAtLastStation();
    apiopsApi.recordAssessment.mockResolvedValue(
      assessment({ station: lastStation.id }),
    );
    renderTab(apiopsApi);
    await submitButton();

    await user.click(
      await screen.findByRole('button', { name: 'Mark earlier stations met' }),
    );

    expect(screen.queryByText(/moves the API back/)).not.toBeInTheDocument();
    expect(screen.queryByText('Holds the API back')).not.toBeInTheDocument();
    expect(
      screen.getByText(
        `With these answers the API will be at ${lastStation.title}.`,
      ),
    ).toBeInTheDocument();
    // Nothing is recorded until the user submits.
    expect(apiopsApi.recordAssessment).not.toHaveBeenCalled();

    await user.click(await submitButton());
    await waitFor(() =>
      expect(apiopsApi.recordAssessment).toHaveBeenCalledTimes(1),
    );
    const [, body] = apiopsApi.recordAssessment.mock.calls[0];
    const earlier = new Set(
      methodModel.stations.slice(0, -1).flatMap(station => station.criteria),
    );
    for (const criterionId of earlier) {
      expect([criterionId, body.answers[criterionId]]).toEqual([
        criterionId,
        'met',
      ]);
    }
    for (const criterionId of lastStation.criteria.filter(
      id => !earlier.has(id),
    )) {
      expect(body.answers[criterionId]).toBe('unknown');
    }
  });

  it('opens at the first station the latest assessment does not pass, with its answers', async () => {
    // The answers pass API Delivery (its criteria are all shared with
    // earlier stations): the first station they do not pass is API Audit.
    renderTab(
      mockApiOpsApi({
        getStatus: jest.fn().mockResolvedValue(
          apiStatus({
            latestAssessment: assessment({ answers: answersAt('api-audit') }),
          }),
        ),
      }),
    );
    await submitButton();

    expect(
      document.getElementById('apiops-api-audit-criteria'),
    ).toBeInTheDocument();
    expect(
      document.getElementById('apiops-api-design-criteria'),
    ).not.toBeInTheDocument();
    expect(
      document.getElementById('apiops-api-delivery-summary'),
    ).toHaveTextContent('4 of 4 met');
    expect(
      screen.getByText('With these answers the API will be at API Audit.'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/moves the API back/)).not.toBeInTheDocument();
  });

  it("uses the cycle of the API's apiops/cycle annotation for the tab and records the assessment in it", async () => {
    const user = userEvent.setup();
    const otherCycle = {
      ...methodModel,
      cycle: 'api-platform-cycle',
      cycles: [
        ...methodModel.cycles,
        {
          ...methodModel.cycles[0],
          id: 'api-platform-cycle',
          title: 'API Platform Cycle',
        },
      ],
    };
    const apiopsApi = mockApiOpsApi({
      getMethod: jest
        .fn()
        .mockImplementation(async ({ cycle }: { cycle?: string }) =>
          cycle === 'api-platform-cycle' ? otherCycle : methodModel,
        ),
      getStatus: jest.fn().mockResolvedValue(
        apiStatus({
          station: {
            id: 'api-design',
            source: 'assessment',
            cycle: 'api-platform-cycle',
            lifecycleStage: 'design',
          },
          latestAssessment: assessment({ cycle: 'api-platform-cycle' }),
        }),
      ),
      recordAssessment: jest
        .fn()
        .mockResolvedValue(assessment({ cycle: 'api-platform-cycle' })),
    });
    renderTab(apiopsApi, {
      annotations: { 'apiops/cycle': 'api-platform-cycle' },
    });
    await submitButton();

    expect(apiopsApi.getMethod).toHaveBeenCalledWith(
      expect.objectContaining({ cycle: 'api-platform-cycle' }),
    );
    expect(screen.getAllByText(/API Platform Cycle/).length).toBeGreaterThan(0);
    expect(screen.queryByText(/Unknown cycle/)).not.toBeInTheDocument();
    // The API's station in its own cycle is current.
    expect(await highlightedStationOf('API Platform Cycle')).toHaveTextContent(
      'API Design',
    );

    await user.click(await submitButton());
    await waitFor(() =>
      expect(apiopsApi.recordAssessment).toHaveBeenCalledTimes(1),
    );
    expect(apiopsApi.recordAssessment.mock.calls[0][1].cycle).toBe(
      'api-platform-cycle',
    );
  });

  it("shows the steps and resources of the API's station and the next one, in its cycle and the app's language", async () => {
    // The automation cycle of 4.2.1 in Finnish, as the backend serves it:
    // no steps of the cycle, resources of its own.
    const automation: MethodModel = {
      ...methodModel,
      locale: 'fi',
      cycle: 'automation-cycle',
      cycles: [
        {
          ...methodModel.cycles[0],
          id: 'automation-cycle',
          title: 'Automaatiosykli',
        },
      ],
      stations: methodModel.stations.map(station => ({
        ...station,
        steps: [],
        resources:
          station.id === 'api-design' ? ['automationWorkflowCanvas'] : [],
        ...(station.id === 'api-design' && {
          title: 'Automaation työnkulun suunnittelu',
        }),
      })),
      resources: [
        {
          id: 'automationWorkflowCanvas',
          category: 'canvas',
          title: 'Automaation työnkulkukanvas',
          description: '',
          canvas: 'automationWorkflowCanvas',
          canvasCreatorUrl:
            'https://canvascreator.apiopscycles.com/?canvas=automationWorkflowCanvas&locale=fi',
          draft: false,
        },
      ],
    };
    const apiopsApi = mockApiOpsApi({
      getMethod: jest.fn().mockResolvedValue(automation),
      getStatus: jest.fn().mockResolvedValue(
        apiStatus({
          station: {
            id: 'api-design',
            source: 'assessment',
            cycle: 'automation-cycle',
            lifecycleStage: 'design',
          },
          latestAssessment: assessment({ cycle: 'automation-cycle' }),
        }),
      ),
    });
    renderTab(apiopsApi, {
      annotations: { 'apiops/cycle': 'automation-cycle' },
      language: 'fi',
    });

    const now = await screen.findByRole('region', {
      name: 'Now: Automaation työnkulun suunnittelu',
    });
    expect(apiopsApi.getMethod).toHaveBeenCalledWith({
      locale: 'fi',
      cycle: 'automation-cycle',
    });
    expect(
      within(now).getByRole('link', { name: /^Automaation työnkulkukanvas/ }),
    ).toHaveAttribute(
      'href',
      'https://canvascreator.apiopscycles.com/?canvas=automationWorkflowCanvas&locale=fi',
    );
    expect(
      within(now).getByText(/has no steps of the Automaatiosykli/),
    ).toBeInTheDocument();
    const next = screen.getByRole('region', { name: 'Next: API Delivery' });
    expect(
      within(next).getByText(
        'The method recommends no resource for this station.',
      ),
    ).toBeInTheDocument();
  });

  it('says so when the annotation names a cycle the method does not have, and falls back to the default', async () => {
    const apiopsApi = mockApiOpsApi({
      getMethod: jest
        .fn()
        .mockImplementation(async ({ cycle }: { cycle?: string }) => {
          if (cycle) {
            throw await responseError(
              400,
              'InputError',
              `cycle: unknown APIOps Cycles cycle '${cycle}'`,
            );
          }
          return methodModel;
        }),
    });
    renderTab(apiopsApi, { annotations: { 'apiops/cycle': 'no-such-cycle' } });

    expect(
      await screen.findByText('Unknown cycle no-such-cycle'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /names the cycle no-such-cycle, which the method does not have\. The tab shows the API Productization Cycle instead/,
      ),
    ).toBeInTheDocument();
    expect(await submitButton()).toBeInTheDocument();
  });
});

/** The station the metro map of `cycleTitle` highlights. */
async function highlightedStationOf(cycleTitle: string) {
  return waitFor(() => {
    const map = document.querySelector(
      `[role="region"][aria-label^="Stations of the ${cycleTitle}"]`,
    );
    const current = map?.querySelector('li[aria-current="step"]');
    expect(current).toBeTruthy();
    return current as HTMLElement;
  });
}

describe('EntityApiOpsContent definition evidence', () => {
  const evidence: ApiEvidence = {
    entityRef: 'api:default/accounts-api',
    providers: [
      {
        providerId: 'lint',
        title: 'Spectral lint',
        state: 'checked',
        checkedAt: '2026-11-26T12:00:00.000Z',
        findings: [
          {
            ruleId: 'operation-operationId',
            severity: 'warning',
            message: 'Operation must have "operationId".',
            path: "$.paths['/accounts'].get",
            line: 9,
            documentationUrl:
              'https://docs.example.com/rules#operation-operationId',
          },
          {
            ruleId: 'info-description',
            severity: 'info',
            message: 'Info "description" must be present.',
            path: '$.info',
          },
        ],
        findingCount: 2,
        counts: { error: 0, warning: 1, info: 1 },
      },
    ],
    audit: {
      state: 'checked',
      checkedAt: '2026-11-26T12:00:00.000Z',
      profile: 'read-only',
      items: [
        {
          itemId: 'endpoint-descriptions-present',
          label: 'Endpoint descriptions are present',
          stage: 'design',
          status: 'pass',
          reason: 'all 1 operations have a description',
          criteria: ['design-reflects-business-value'],
          stations: ['api-design'],
          guidelines: [],
        },
        {
          itemId: 'paths-max-two-resources',
          label: 'Paths have at most two resources',
          stage: 'design',
          status: 'gap',
          reason: '1 of 1 paths have more than 2 segments besides parameters',
          details: ['/a/b/c'],
          criteria: ['api-consistency'],
          stations: ['api-design'],
          guidelines: [],
        },
      ],
      criteria: [
        {
          criterionId: 'design-reflects-business-value',
          status: 'pass',
          items: [{ itemId: 'endpoint-descriptions-present', status: 'pass' }],
          suggestedAnswer: 'met',
        },
        {
          criterionId: 'api-consistency',
          status: 'gap',
          items: [{ itemId: 'paths-max-two-resources', status: 'gap' }],
          suggestedAnswer: 'not-met',
        },
      ],
      counts: { pass: 1, partial: 0, gap: 1, na: 0 },
    },
  };
  const labelOf = (id: string) =>
    methodModel.criteria.find(c => c.id === id)!.label;

  it('shows the lint findings by severity with their JSON paths, and the audit evidence per criterion', async () => {
    renderTab(
      mockApiOpsApi({ getEvidence: jest.fn().mockResolvedValue(evidence) }),
    );

    const warnings = await screen.findByRole('list', {
      name: 'Warning lint findings',
    });
    expect(warnings).toHaveTextContent('Operation must have "operationId".');
    expect(warnings).toHaveTextContent(
      "Where: $.paths['/accounts'].get (line 9)",
    );
    expect(
      within(warnings).getByRole('link', {
        name: 'Documentation of operation-operationId, Opens in a new window',
      }),
    ).toHaveAttribute(
      'href',
      'https://docs.example.com/rules#operation-operationId',
    );
    expect(
      screen.getByRole('list', { name: 'Info lint findings' }),
    ).toHaveTextContent('$.info');

    const criteria = screen.getByRole('list', {
      name: 'Criteria with audit evidence',
    });
    expect(criteria).toHaveTextContent(labelOf('api-consistency'));
    expect(criteria).toHaveTextContent('Paths have at most two resources:');
    expect(criteria).toHaveTextContent(
      '1 of 1 paths have more than 2 segments besides parameters: /a/b/c',
    );
    expect(criteria).toHaveTextContent('Suggests: Not met');
  });

  it('pre-fills the criteria the audit evidences, and records nothing until the person submits', async () => {
    const user = userEvent.setup();
    const apiopsApi = mockApiOpsApi({
      getEvidence: jest.fn().mockResolvedValue(evidence),
    });
    renderTab(apiopsApi);

    await user.click(
      await screen.findByRole('button', {
        name: 'Pre-fill from the audit evidence',
      }),
    );

    expect(
      await screen.findByText(
        'Pre-filled 2 criteria from the audit evidence: review them and record the assessment.',
      ),
    ).toBeInTheDocument();
    expect(
      within(
        criterionGroup('api-design', labelOf('api-consistency')),
      ).getByRole('radio', { name: 'Not met' }),
    ).toBeChecked();
    expect(
      within(
        criterionGroup('api-design', labelOf('design-reflects-business-value')),
      ).getByRole('radio', { name: 'Met' }),
    ).toBeChecked();
    expect(apiopsApi.recordAssessment).not.toHaveBeenCalled();
  });

  it('says the evidence needs apiops.report.read when the backend refuses it', async () => {
    renderTab(
      mockApiOpsApi({
        getEvidence: jest
          .fn()
          .mockRejectedValue(
            await responseError(403, 'NotAllowedError', 'Not allowed'),
          ),
      }),
    );

    expect(
      await screen.findByText(
        'Lint findings are report data: they need the permission apiops.report.read, which you do not have.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Audit evidence is report data: it needs the permission apiops.report.read, which you do not have.',
      ),
    ).toBeInTheDocument();
  });

  it('shows the changes of the API with the consumers a breaking one affects, and its versions', async () => {
    const apiopsApi = mockApiOpsApi({
      listApiChanges: jest.fn().mockResolvedValue(changeHistory()),
      getApiVersions: jest.fn().mockResolvedValue(paymentsFamily()),
    });
    renderTab(apiopsApi);

    const changes = await screen.findByTestId('apiops-changes');
    const timeline = await within(changes).findByRole('list', {
      name: 'Change events, newest first',
    });
    expect(apiopsApi.listApiChanges).toHaveBeenCalledWith(
      { kind: 'api', namespace: 'default', name: 'accounts-api' },
      { limit: 10, cursor: undefined },
    );
    expect(
      within(timeline).getByRole('link', { name: 'Checkout Web' }),
    ).toHaveAttribute('href', '/catalog/default/component/checkout-web');
    expect(
      await screen.findByRole('button', {
        name: 'Compare versions side by side',
      }),
    ).toBeInTheDocument();
  });
});
