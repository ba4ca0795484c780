import { readFileSync } from 'node:fs';
import { ResponseError } from '@backstage/errors';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AuditChecklistImport } from '@apiops-backstage/plugin-apiops-common';
import { apiopsApiRef } from '../../api';
import { mockApiOpsApi } from '../ApiOpsPage/__fixtures__/reports';
import { methodModel } from '../EntityApiOpsCommon/__fixtures__/apiops';
import { AssessmentForm } from './AssessmentForm';
import { checklistImportSuggestions } from './checklistImport';

jest.setTimeout(30_000);

/** A real output of the method's audit script (see the common package). */
const REPORT_TEXT = readFileSync(
  require.resolve(
    '@apiops-backstage/plugin-apiops-common/src/evidence/audit/__fixtures__/design-audit.full-crud.json',
  ),
  'utf8',
);

const GENERATED_AT = '2026-12-07T07:50:49.709Z';

/** What the backend answers for it (shortened). */
const IMPORTED: AuditChecklistImport = {
  profile: 'full-crud',
  generatedAt: GENERATED_AT,
  checklistSource: 'package-default',
  counts: { pass: 2, partial: 1, gap: 1, na: 1 },
  items: [
    {
      itemId: 'pseudo-identifiers',
      label: 'Uses pseudo identifiers',
      status: 'gap',
      checked: true,
      known: true,
      criteria: ['hide-backend-discrepancies'],
    },
    {
      itemId: 'no-sensitive-data-in-urls',
      label: 'No sensitive data in URLs',
      status: 'pass',
      checked: true,
      known: true,
      criteria: ['hide-backend-discrepancies'],
    },
    {
      itemId: 'general-data-uses-standard-values',
      label: 'Standard values',
      status: 'pass',
      checked: true,
      known: true,
      criteria: ['design-reflects-business-value'],
    },
    {
      itemId: 'design-items-audited',
      label: 'Design items audited',
      status: 'partial',
      checked: true,
      known: true,
      criteria: ['architecture-patterns-validated'],
    },
    {
      itemId: 'only-via-gateway',
      label: 'Only via gateway',
      status: 'gap',
      checked: false,
      known: true,
      criteria: ['api-reusability'],
    },
    {
      itemId: 'graphql-depth-limited',
      label: 'Query depth is limited',
      status: 'pass',
      checked: false,
      known: false,
      criteria: [],
    },
  ],
  criteria: [
    {
      criterionId: 'hide-backend-discrepancies',
      status: 'gap',
      items: [
        { itemId: 'pseudo-identifiers', status: 'gap' },
        { itemId: 'no-sensitive-data-in-urls', status: 'pass' },
      ],
      suggestedAnswer: 'not-met',
    },
    {
      criterionId: 'design-reflects-business-value',
      status: 'pass',
      items: [{ itemId: 'general-data-uses-standard-values', status: 'pass' }],
      suggestedAnswer: 'met',
    },
    {
      criterionId: 'architecture-patterns-validated',
      status: 'partial',
      items: [{ itemId: 'design-items-audited', status: 'partial' }],
      suggestedAnswer: 'unknown',
    },
    {
      criterionId: 'business-goals-defined',
      status: 'na',
      items: [{ itemId: 'concept-items-audited', status: 'na' }],
      suggestedAnswer: 'unknown',
    },
  ],
  unknownItems: ['graphql-depth-limited'],
  unknownCriteria: ['audit-passed'],
};

const labelOf = (id: string) =>
  methodModel.criteria.find(c => c.id === id)!.label;

async function render(api: ReturnType<typeof mockApiOpsApi>) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [apiopsApiRef, api],
        mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
      ]}
    >
      <AssessmentForm
        entityRef="api:default/accounts-api"
        method={methodModel}
        stationId="api-product-strategy"
        onRecorded={() => {}}
      />
    </TestApiProvider>,
  );
}

async function pick(text: string, name = 'design-audit.full-crud.json') {
  const input = await screen.findByLabelText(
    "Audit checklist JSON from the method's CLI",
  );
  fireEvent.change(input, {
    target: { files: [new File([text], name, { type: 'application/json' })] },
  });
}

describe('checklistImportSuggestions', () => {
  it('answers met and not-met criteria, notes partial ones, and leaves out those with no applicable item', () => {
    expect(checklistImportSuggestions(IMPORTED, methodModel)).toEqual([
      {
        criterionId: 'hide-backend-discrepancies',
        answer: 'not-met',
        items:
          'Uses pseudo identifiers (gap); No sensitive data in URLs (pass)',
      },
      {
        criterionId: 'design-reflects-business-value',
        answer: 'met',
        items: 'Standard values (pass)',
      },
      {
        criterionId: 'architecture-patterns-validated',
        items: 'Design items audited (partial)',
      },
    ]);
  });
});

describe('ChecklistImport', () => {
  it('posts the file, shows what it maps, pre-fills the form and records the import only when the person submits', async () => {
    const user = userEvent.setup();
    const api = mockApiOpsApi({
      importAuditChecklist: jest.fn().mockResolvedValue(IMPORTED),
      recordAssessment: jest.fn().mockImplementation(async (_entity, req) => ({
        id: '1',
        entityRef: 'api:default/accounts-api',
        cycle: methodModel.cycle,
        station: 'api-product-strategy',
        answers: req.answers,
        evidence: {},
        notes: req.notes ?? {},
        assessedBy: 'user:default/ada',
        createdAt: '2026-12-07T08:00:00.000Z',
      })),
    });
    await render(api);

    expect(
      await screen.findByText(
        /^The JSON file the method's own audit tool writes: run/,
      ),
    ).toHaveTextContent(
      "The JSON file the method's own audit tool writes: run npm run audit:design (or npm run audit:design:full-crud) in a project made with npm create apiops, then pick specs/audit/design-audit.<profile>.json. Nothing is recorded until you submit the assessment.",
    );
    await pick(REPORT_TEXT);

    const criteria = await screen.findByRole('list', {
      name: 'Criteria the imported checklist evidences',
    });
    expect(api.importAuditChecklist).toHaveBeenCalledWith(
      { kind: 'api', namespace: 'default', name: 'accounts-api' },
      JSON.parse(REPORT_TEXT),
      { cycle: methodModel.cycle },
    );
    expect(
      screen.getByText(
        `design-audit.full-crud.json: audit of ${GENERATED_AT}, profile full-crud · 2 pass, 1 partial, 1 gaps, 1 not applicable`,
      ),
    ).toBeInTheDocument();
    expect(within(criteria).getAllByRole('listitem')).toHaveLength(3);
    expect(criteria).toHaveTextContent(labelOf('hide-backend-discrepancies'));
    expect(criteria).toHaveTextContent(
      'Suggests: Not met: Uses pseudo identifiers (Gap); No sensitive data in URLs (Pass)',
    );
    expect(
      screen.getByText(
        'Items not in the checklist this plugin knows (not used): graphql-depth-limited',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Criteria that are not criteria of this cycle (not used): audit-passed',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        "1 manual or not-applicable items keep the checklist's default status in the file: they are not evidence and pre-fill nothing.",
      ),
    ).toBeInTheDocument();

    await user.click(
      screen.getByRole('button', {
        name: 'Pre-fill from the imported checklist',
      }),
    );
    expect(
      await screen.findByText(
        'Pre-filled 3 criteria from design-audit.full-crud.json: review them and record the assessment.',
      ),
    ).toBeInTheDocument();
    expect(api.recordAssessment).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Record assessment' }));
    await waitFor(() => expect(api.recordAssessment).toHaveBeenCalled());
    const [, request] = api.recordAssessment.mock.calls[0];
    expect(request.answers).toMatchObject({
      'hide-backend-discrepancies': 'not-met',
      'design-reflects-business-value': 'met',
      'architecture-patterns-validated': 'unknown',
    });
    const from = `Imported from the method's audit checklist (design-audit.full-crud.json, generated ${GENERATED_AT}): `;
    expect(request.notes).toEqual({
      'hide-backend-discrepancies': `${from}Uses pseudo identifiers (gap); No sensitive data in URLs (pass)`,
      'design-reflects-business-value': `${from}Standard values (pass)`,
      'architecture-patterns-validated': `${from}Design items audited (partial)`,
    });
    expect(request.note).toBe(
      `Evidence imported from the method's audit checklist: design-audit.full-crud.json, generated ${GENERATED_AT}, profile full-crud.`,
    );
  });

  it('says what is wrong with a file that is not JSON, without posting it', async () => {
    const api = mockApiOpsApi({ importAuditChecklist: jest.fn() });
    await render(api);

    await pick('<html>', 'design-audit.full-crud.html');

    expect(
      await screen.findByText(/^design-audit\.full-crud\.html is not JSON: /),
    ).toBeInTheDocument();
    expect(api.importAuditChecklist).not.toHaveBeenCalled();
  });

  it("shows the backend's reason for a file it refuses", async () => {
    const message =
      'stages[2].items[0].currentStatus: must be one of pass, partial, gap, na';
    const api = mockApiOpsApi({
      importAuditChecklist: jest.fn().mockRejectedValue(
        await ResponseError.fromResponse({
          status: 400,
          statusText: 'Bad Request',
          ok: false,
          headers: { get: () => 'application/json; charset=utf-8' },
          text: async () =>
            JSON.stringify({
              error: { name: 'InputError', message },
              response: { statusCode: 400 },
            }),
        } as unknown as Response),
      ),
    });
    await render(api);

    await pick(REPORT_TEXT);

    expect(
      await screen.findByText(
        `design-audit.full-crud.json was not imported: ${message}`,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', {
        name: 'Pre-fill from the imported checklist',
      }),
    ).not.toBeInTheDocument();
  });
});
