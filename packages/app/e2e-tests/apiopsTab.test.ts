import { expect, test } from '@playwright/test';
import { openEntity, signIn } from './portal';

test('the APIOps tab shows the station, the owner and the lifecycle', async ({
  page,
}) => {
  await signIn(page);
  await openEntity(page, '/catalog/default/api/accounts-api', 'Accounts API');

  // The entity page's own tabs, not the sidebar's APIOps page.
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'APIOps', exact: true })
    .click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/api\/accounts-api\/apiops$/,
  );

  // accounts-api declares its station with the apiops/station annotation.
  const map = page.getByRole('region', { name: /^Stations of the / });
  await expect(map.locator('[aria-current="step"]')).toContainText(
    'Monitoring',
  );
  const main = page.getByRole('main');
  await expect(
    main.getByRole('link', { name: 'Accounts Team' }).first(),
  ).toBeVisible();
  await expect(
    main.getByText('production', { exact: true }).first(),
  ).toBeVisible();
});

test('recording an assessment moves the API to the next station at once', async ({
  page,
}) => {
  await signIn(page);
  await openEntity(
    page,
    '/catalog/default/api/card-status-api',
    'Card Status API',
  );
  await page.goto('/catalog/default/api/card-status-api/apiops');

  const map = page.getByRole('region', { name: /^Stations of the / });
  if (test.info().retry === 0) {
    // A fresh portal: nobody has assessed the API yet.
    await expect(page.getByText('Unassessed').first()).toBeVisible();
    await expect(map.locator('[aria-current="step"]')).toHaveCount(0);
  }

  // Every criterion of the first station met, the rest unknown. The
  // section is opened again if a refresh of the tab closed it.
  const strategy = page.locator('#apiops-api-product-strategy-criteria');
  const met = strategy.getByRole('radio', { name: 'Met', exact: true });
  for (let i = 0; i < 4; i++) {
    await expect(async () => {
      if (!(await strategy.isVisible())) {
        await page
          .getByRole('button', { name: /^API Product Strategy/ })
          .click();
      }
      await met.nth(i).check({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
  }
  await expect(
    page.getByRole('button', { name: /^API Product Strategy.*4 of 4 met/ }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Record assessment' }).click();

  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'Assessment recorded. The API is now at' }),
  ).toBeVisible();
  await expect(map.locator('[aria-current="step"]')).toContainText(
    'API Consumer Experience',
  );
  await expect(page.getByText('Assessment history')).toBeVisible();
  await expect(page.getByText(/First assessment/).first()).toBeVisible();
});

test('components have no APIOps tab', async ({ page }) => {
  await signIn(page);
  await openEntity(
    page,
    '/catalog/default/component/payment-limits-service',
    'payment-limits-service',
  );
  await expect(page.getByRole('tab', { name: 'APIOps' })).toHaveCount(0);
  await expect(
    page.getByRole('main').getByRole('link', { name: 'APIOps', exact: true }),
  ).toHaveCount(0);
});

test('an assessment that would move an API back warns and records nothing without a confirmation', async ({
  page,
}) => {
  await signIn(page);
  await openEntity(page, '/catalog/default/api/accounts-api', 'Accounts API');
  await page.goto('/catalog/default/api/accounts-api/apiops');
  const map = page.getByRole('region', { name: /^Stations of the / });
  // accounts-api stands at Monitoring by its apiops/station annotation.
  await expect(map.locator('[aria-current="step"]')).toContainText(
    'Monitoring',
  );

  // One criterion of the first station met, the rest unknown: the API would
  // land at the first station.
  const strategy = page.locator('#apiops-api-product-strategy-criteria');
  await expect(async () => {
    if (!(await strategy.isVisible())) {
      await page.getByRole('button', { name: /^API Product Strategy/ }).click();
    }
    await strategy
      .getByRole('radio', { name: 'Met', exact: true })
      .first()
      .check({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });

  const warning = page.getByText(
    /^This assessment moves the API back from .*Monitoring.* to /,
  );
  await expect(warning).toBeVisible();
  await expect(
    page.getByRole('list', { name: 'Earlier stations holding the API back' }),
  ).toBeVisible();
  await expect(
    page.getByRole('button', { name: 'Mark earlier stations met' }),
  ).toBeVisible();
  await expect(
    page.getByRole('checkbox', { name: /^Yes, record the API at / }),
  ).not.toBeChecked();

  // Submitting without the confirmation records nothing and says why.
  await page.getByRole('button', { name: 'Record assessment' }).click();
  await expect(
    page.getByText(
      'These answers move the API back to an earlier station: confirm the move in the warning above, or change the answers.',
    ),
  ).toBeVisible();
  await expect(map.locator('[aria-current="step"]')).toContainText(
    'Monitoring',
  );
});
