import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createAssessmentAction } from './createAssessmentAction';

const BASE_URL = 'http://localhost:7007/api/apiops';
const ASSESSMENTS_URL = `${BASE_URL}/entities/api/default/new-api/assessments`;

const strategyAnswers = {
  'business-goals-defined': 'met',
  'market-research-done': 'met',
  'stakeholder-approval': 'not-met',
  'metrics-feedback-available': 'unknown',
};

const recorded = {
  id: 'a-1',
  entityRef: 'api:default/new-api',
  cycle: 'api-productization-cycle',
  station: 'api-product-strategy',
  answers: strategyAnswers,
  evidence: {},
  notes: {},
  assessedBy: 'user:default/ada',
  createdAt: '2026-12-07T01:00:00.000Z',
};

function errorBody(name: string, message: string) {
  return {
    error: { name, message },
    request: { method: 'POST', url: '/' },
    response: { statusCode: name === 'NotFoundError' ? 404 : 400 },
  };
}

describe('apiops:assessment:create', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const userCredentials = mockCredentials.user('user:default/ada');
  const auth = mockServices.auth.mock({
    getPluginRequestToken: jest.fn(async () => ({ token: 'user-token' })),
  });
  const discovery = mockServices.discovery.mock({
    getBaseUrl: jest.fn(async () => BASE_URL),
  });
  const action = createAssessmentAction({ auth, discovery });

  function context(input: Record<string, unknown>, isDryRun = false) {
    // createMockActionContext keeps only some of the fields it is given
    return {
      ...createMockActionContext({ input: input as any }),
      isDryRun,
      getInitiatorCredentials: async () => userCredentials,
    };
  }

  /** The backend answers 404 to every POST; returns the count of attempts. */
  function answerNotFound(): () => number {
    let attempts = 0;
    server.use(
      http.post(ASSESSMENTS_URL, () => {
        attempts += 1;
        return HttpResponse.json(
          errorBody(
            'NotFoundError',
            'No entity api:default/new-api in the catalog',
          ),
          { status: 404 },
        );
      }),
    );
    return () => attempts;
  }

  beforeEach(() => jest.clearAllMocks());

  it('records the assessment with the token of the user who runs the template', async () => {
    let sent: { authorization: string | null; body: unknown } | undefined;
    server.use(
      http.post(ASSESSMENTS_URL, async ({ request }) => {
        sent = {
          authorization: request.headers.get('authorization'),
          body: await request.json(),
        };
        return HttpResponse.json(recorded, { status: 201 });
      }),
    );
    const ctx = context({
      entityRef: 'api:default/new-api',
      answers: strategyAnswers,
      note: 'First assessment',
    });

    await action.handler(ctx);

    expect(auth.getPluginRequestToken).toHaveBeenCalledWith({
      onBehalfOf: userCredentials,
      targetPluginId: 'apiops',
    });
    expect(sent).toEqual({
      authorization: 'Bearer user-token',
      body: { answers: strategyAnswers, note: 'First assessment' },
    });
    expect(ctx.output).toHaveBeenCalledWith('assessmentId', 'a-1');
    expect(ctx.output).toHaveBeenCalledWith('station', 'api-product-strategy');
    expect(ctx.output).toHaveBeenCalledWith('entityRef', 'api:default/new-api');
  });

  it('takes a bare name as an API in the default namespace', async () => {
    server.use(
      http.post(ASSESSMENTS_URL, () =>
        HttpResponse.json(recorded, { status: 201 }),
      ),
    );
    const ctx = context({ entityRef: 'new-api', answers: strategyAnswers });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('assessmentId', 'a-1');
  });

  it.each([
    [{ entityRef: 'api:default/', answers: strategyAnswers }, /^entityRef: /],
    [{ entityRef: '', answers: strategyAnswers }, /^entityRef: /],
    [
      { entityRef: 'new-api', answers: {} },
      /^answers: must answer at least one criterion/,
    ],
    [
      { entityRef: 'new-api', answers: { 'Business Goals': 'met' } },
      /^answers\["Business Goals"\]: must be a kebab-case criterion id/,
    ],
    [
      { entityRef: 'new-api', answers: { 'business-goals-defined': 'yes' } },
      /^answers\.business-goals-defined: must be one of met, not-met, unknown/,
    ],
    [
      { entityRef: 'new-api', cycle: 'Not A Cycle', answers: strategyAnswers },
      /^cycle: must be a kebab-case cycle id/,
    ],
    [
      {
        entityRef: 'new-api',
        answers: strategyAnswers,
        evidence: { 'business-goals-defined': 'ftp://x' },
      },
      /^evidence\.business-goals-defined: must be an http\(s\) URL/,
    ],
    [
      {
        entityRef: 'new-api',
        answers: strategyAnswers,
        notes: { 'api-design': 'x' },
      },
      /^notes\.api-design: must be for a criterion that has an answer/,
    ],
    [
      { entityRef: 'new-api', answers: strategyAnswers, note: '  ' },
      /^note: must not be blank/,
    ],
    [
      {
        entityRef: 'new-api',
        answers: strategyAnswers,
        waitTimeoutSeconds: 3600,
      },
      /^waitTimeoutSeconds: must be a number of seconds from 0 to 300/,
    ],
    [
      { entityRef: 'new-api', answers: strategyAnswers, waitForEntity: 'yes' },
      /^waitForEntity: must be true or false/,
    ],
  ])('fails on bad input %j, naming the field', async (input, message) => {
    let called = false;
    server.use(
      http.post(ASSESSMENTS_URL, () => {
        called = true;
        return HttpResponse.json(recorded, { status: 201 });
      }),
    );
    await expect(action.handler(context(input))).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(message),
    });
    expect(called).toBe(false);
  });

  it.each([
    [
      400,
      'InputError',
      "answers.no-such-criterion: not a criterion of the cycle 'api-productization-cycle'",
    ],
    [
      400,
      'InputError',
      "cycle: unknown cycle 'nope'; known cycles are api-productization-cycle",
    ],
    [
      403,
      'NotAllowedError',
      'You may not record assessments of api:default/new-api',
    ],
  ])(
    'forwards the backend’s %s answer',
    async (status, name, backendMessage) => {
      server.use(
        http.post(ASSESSMENTS_URL, () =>
          HttpResponse.json(errorBody(name, backendMessage), { status }),
        ),
      );
      await expect(
        action.handler(
          context({
            entityRef: 'api:default/new-api',
            answers: strategyAnswers,
          }),
        ),
      ).rejects.toMatchObject({
        name,
        message: `Could not record the assessment of api:default/new-api: ${backendMessage}`,
      });
    },
  );

  it('waits for an entity that is not in the catalog yet', async () => {
    let attempts = 0;
    server.use(
      http.post(ASSESSMENTS_URL, () => {
        attempts += 1;
        return attempts < 3
          ? HttpResponse.json(
              errorBody(
                'NotFoundError',
                'No entity api:default/new-api in the catalog',
              ),
              { status: 404 },
            )
          : HttpResponse.json(recorded, { status: 201 });
      }),
    );
    const ctx = context({
      entityRef: 'api:default/new-api',
      answers: strategyAnswers,
    });
    await action.handler(ctx);
    expect(attempts).toBe(3); // at 0, 0.5 and 1.5 s
    expect(ctx.output).toHaveBeenCalledWith('assessmentId', 'a-1');
  });

  it('records once per input when a task is resumed, also in steps with each', async () => {
    let posts = 0;
    server.use(
      http.post(`${BASE_URL}/entities/api/default/:name/assessments`, () => {
        posts += 1;
        return HttpResponse.json(
          { ...recorded, id: `a-${posts}` },
          { status: 201 },
        );
      }),
    );
    // The scaffolder's checkpoints: a result stored per key survives a resume.
    const stored = new Map<string, unknown>();
    async function run(entityRef: string) {
      const ctx = {
        ...context({ entityRef, answers: strategyAnswers }),
        async checkpoint(opts: { key: string; fn: () => Promise<any> }) {
          if (!stored.has(opts.key)) {
            stored.set(opts.key, await opts.fn());
          }
          return stored.get(opts.key);
        },
      };
      await action.handler(ctx as any);
      return ctx.output;
    }

    await run('api:default/new-api');
    const resumed = await run('api:default/new-api');
    expect(posts).toBe(1);
    expect(resumed).toHaveBeenCalledWith('assessmentId', 'a-1');

    const other = await run('api:default/other-api');
    expect(posts).toBe(2);
    expect(other).toHaveBeenCalledWith('assessmentId', 'a-2');
  });

  it('gives up after the wait with an error naming the entity', async () => {
    const attempts = answerNotFound();
    const started = Date.now();
    await expect(
      action.handler(
        context({
          entityRef: 'api:default/new-api',
          answers: strategyAnswers,
          waitTimeoutSeconds: 1,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message:
        'entityRef: api:default/new-api did not appear in the catalog within 1 s (Could not record the assessment of api:default/new-api: No entity api:default/new-api in the catalog)',
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(attempts()).toBe(3); // at 0, 0.5 and 1 s
  });

  it('does not wait when waitForEntity is false', async () => {
    const attempts = answerNotFound();
    await expect(
      action.handler(
        context({
          entityRef: 'api:default/new-api',
          answers: strategyAnswers,
          waitForEntity: false,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message:
        'Could not record the assessment of api:default/new-api: No entity api:default/new-api in the catalog',
    });
    expect(attempts()).toBe(1);
  });

  describe('in a dry run', () => {
    const method = {
      cycle: 'api-productization-cycle',
      criteria: Object.keys(strategyAnswers).map(id => ({ id, label: id })),
      stations: [
        { id: 'api-product-strategy', criteria: Object.keys(strategyAnswers) },
        { id: 'api-consumer-experience', criteria: ['api-roadmap-defined'] },
      ],
    };

    it('checks the criteria against the method and records nothing', async () => {
      let posted = false;
      let authorization: string | null = null;
      server.use(
        http.get(`${BASE_URL}/method`, ({ request }) => {
          authorization = request.headers.get('authorization');
          return HttpResponse.json(method);
        }),
        http.post(ASSESSMENTS_URL, () => {
          posted = true;
          return HttpResponse.json(recorded, { status: 201 });
        }),
      );
      const ctx = context(
        { entityRef: 'api:default/new-api', answers: strategyAnswers },
        true,
      );
      await action.handler(ctx);
      expect(posted).toBe(false);
      expect(authorization).toBe('Bearer user-token');
      expect(ctx.output).toHaveBeenCalledWith(
        'station',
        'api-product-strategy',
      );
      expect(ctx.output).not.toHaveBeenCalledWith(
        'assessmentId',
        expect.anything(),
      );
    });

    it('fails on a criterion the cycle does not have', async () => {
      server.use(
        http.get(`${BASE_URL}/method`, () => HttpResponse.json(method)),
      );
      await expect(
        action.handler(
          context(
            {
              entityRef: 'api:default/new-api',
              answers: { 'no-such-criterion': 'met' },
            },
            true,
          ),
        ),
      ).rejects.toMatchObject({
        name: 'InputError',
        message:
          "answers.no-such-criterion: not a criterion of the cycle 'api-productization-cycle'",
      });
    });

    it('forwards the backend’s answer on an unknown cycle', async () => {
      server.use(
        http.get(`${BASE_URL}/method`, () =>
          HttpResponse.json(
            errorBody('InputError', "cycle: unknown cycle 'nope'"),
            {
              status: 400,
            },
          ),
        ),
      );
      await expect(
        action.handler(
          context(
            { entityRef: 'new-api', cycle: 'nope', answers: strategyAnswers },
            true,
          ),
        ),
      ).rejects.toMatchObject({
        name: 'InputError',
        message:
          "Could not read the method to check the assessment: cycle: unknown cycle 'nope'",
      });
    });
  });
});
