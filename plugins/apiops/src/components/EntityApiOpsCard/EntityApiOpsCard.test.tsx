import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { configure, screen } from '@testing-library/react';
import type { ApiStatus } from '@apiops-backstage/plugin-apiops-common';
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

function renderCard(status: ApiStatus) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityApiOpsCard />
    </EntityProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [
        [
          apiopsApiRef,
          {
            getMethod: jest.fn().mockResolvedValue(methodModel),
            getStatus: jest.fn().mockResolvedValue(status),
          },
        ],
      ],
    },
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
