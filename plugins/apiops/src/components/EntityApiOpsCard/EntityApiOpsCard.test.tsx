import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { configure, screen } from '@testing-library/react';
import type {
  ApiStatus,
  MethodModel,
} from '@apiops-backstage/plugin-apiops-common';
import { apiopsApiRef } from '../../api';
import {
  apiStatus,
  methodModel,
} from '../EntityApiOpsCommon/__fixtures__/apiops';
import { EntityApiOpsCard } from './EntityApiOpsCard';

configure({ asyncUtilTimeout: 5000 });

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'accounts-api', namespace: 'default' },
  spec: { type: 'openapi', lifecycle: 'production', owner: 'accounts-team' },
};

function renderCard(
  status: ApiStatus,
  options: {
    annotations?: Record<string, string>;
    getMethod?: jest.Mock;
  } = {},
) {
  const { annotations, getMethod } = options;
  return renderInTestApp(
    <EntityProvider
      entity={{ ...entity, metadata: { ...entity.metadata, annotations } }}
    >
      <EntityApiOpsCard />
    </EntityProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [
        [
          apiopsApiRef,
          {
            getMethod: getMethod ?? jest.fn().mockResolvedValue(methodModel),
            getStatus: jest.fn().mockResolvedValue(status),
          },
        ],
      ],
    },
  );
}

/** The method of the automation cycle, its design station titled its own way. */
const automationCycle: MethodModel = {
  ...methodModel,
  cycle: 'automation-cycle',
  stations: methodModel.stations.map(station =>
    station.id === 'api-design'
      ? { ...station, title: 'Automation Workflow Design' }
      : station,
  ),
};

/** The method of the cycle asked for: the automation or the default cycle. */
function methodOfCycle() {
  return jest
    .fn()
    .mockImplementation(async ({ cycle }: { cycle?: string }) =>
      cycle === 'automation-cycle' ? automationCycle : methodModel,
    );
}

describe('EntityApiOpsCard', () => {
  it('sums up station, owner and governance, and links to the APIOps tab', async () => {
    renderCard(apiStatus());

    expect(await screen.findByText('API Design')).toBeInTheDocument();
    expect(screen.getByText('· Design')).toBeInTheDocument();
    expect(screen.getByText('No ownership gaps')).toBeInTheDocument();
    expect(screen.getByText('Compliant')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Open the APIOps tab/ }),
    ).toHaveAttribute('href', '/catalog/default/api/accounts-api/apiops');
  });

  it('counts ownership gaps and findings of an unassessed API', async () => {
    const status = apiStatus({
      station: {
        id: 'unassessed',
        source: 'none',
        cycle: 'api-productization-cycle',
      },
      governance: {
        status: 'non-compliant',
        findings: [
          { ruleId: 'valid-owner', severity: 'error', message: 'No owner' },
          { ruleId: 'system-set', severity: 'warning', message: 'No system' },
        ],
      },
    });
    status.owner = {
      declared: 'unknown',
      resolved: false,
      gaps: [
        { type: 'owner-missing', severity: 'error', message: 'No owner' },
        { type: 'owner-mismatch', severity: 'warning', message: 'Mismatch' },
      ],
    };
    renderCard(status);

    expect(await screen.findByText('Unassessed')).toBeInTheDocument();
    expect(screen.getByText('2 ownership gaps')).toBeInTheDocument();
    expect(screen.getByText('Non-compliant')).toBeInTheDocument();
    expect(screen.getByText(/2 findings/)).toBeInTheDocument();
  });

  it("shows the station in the API's own cycle (its apiops/cycle annotation)", async () => {
    const getMethod = methodOfCycle();
    renderCard(
      apiStatus({
        station: {
          id: 'api-design',
          source: 'assessment',
          cycle: 'automation-cycle',
          lifecycleStage: 'design',
        },
      }),
      { annotations: { 'apiops/cycle': 'automation-cycle' }, getMethod },
    );

    expect(
      await screen.findByText('Automation Workflow Design'),
    ).toBeInTheDocument();
    expect(getMethod).toHaveBeenCalledWith(
      expect.objectContaining({ cycle: 'automation-cycle' }),
    );
    expect(screen.queryByText('API Design')).not.toBeInTheDocument();
  });

  it("shows no station of another cycle than the API's", async () => {
    // The status still has the station of the default cycle (e.g. the
    // annotation changed since): it is no station of the automation cycle.
    renderCard(apiStatus(), {
      annotations: { 'apiops/cycle': 'automation-cycle' },
      getMethod: methodOfCycle(),
    });

    expect(await screen.findByText('Unassessed')).toBeInTheDocument();
    expect(screen.queryByText('API Design')).not.toBeInTheDocument();
  });

  it('says so when no snapshot has seen the API yet', async () => {
    const status = apiStatus({ governance: undefined });
    status.owner = { ...status.owner, gaps: undefined };
    renderCard(status);

    expect(await screen.findAllByText('Not yet in a snapshot')).toHaveLength(2);
  });

  it('names the permission when the report data is withheld', async () => {
    const status = apiStatus({ governance: undefined, reportData: 'withheld' });
    status.owner = { ...status.owner, gaps: undefined };
    renderCard(status);

    expect(
      await screen.findAllByText('Needs the permission apiops.report.read'),
    ).toHaveLength(2);
    expect(screen.queryByText('Not yet in a snapshot')).not.toBeInTheDocument();
  });
});
