import { renderInTestApp as renderInNewApp } from '@backstage/frontend-test-utils';
import { renderInTestApp as renderInLegacyApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { rootRouteRef } from '../../routes';
import { useCampaignLink } from './useCampaignLink';

function CampaignLink() {
  const link = useCampaignLink();
  return <a href={link('7', 'group:default/accounts-team')}>campaign</a>;
}

const expected = (base: string) =>
  `${base}/campaigns/7?team=group%3Adefault%2Faccounts-team`;

describe('useCampaignLink', () => {
  it('resolves the APIOps page in a legacy app (no route resolution API)', async () => {
    await renderInLegacyApp(<CampaignLink />, {
      mountedRoutes: { '/governance/apiops': rootRouteRef },
    });
    expect(screen.getByRole('link')).toHaveAttribute(
      'href',
      expected('/governance/apiops'),
    );
  });

  it('resolves the APIOps page in an app of the new frontend system', async () => {
    await renderInNewApp(<CampaignLink />, {
      mountedRoutes: { '/governance/apiops': rootRouteRef },
    });
    expect(screen.getByRole('link')).toHaveAttribute(
      'href',
      expected('/governance/apiops'),
    );
  });

  it('falls back to /apiops in an app that does not mount the page', async () => {
    await renderInLegacyApp(<CampaignLink />);
    expect(screen.getByRole('link')).toHaveAttribute(
      'href',
      expected('/apiops'),
    );
  });
});
