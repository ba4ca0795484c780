import { expect, test } from '@playwright/test';
import { openEntity, signIn } from './portal';

test('the APIOps page lists a planted ownership gap after a snapshot', async ({
  page,
}) => {
  await signIn(page);
  // The catalog ingests the example organization after start-up; the last
  // file of the location is the APIs, so wait for one of them.
  await openEntity(page, '/catalog/default/api/fx-rates-api', 'FX Rates API');

  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'APIOps', exact: true })
    .click();
  await expect(page).toHaveURL(/\/apiops$/);

  // A snapshot taken now sees the whole example catalog.
  await page.getByRole('button', { name: 'Run snapshot now' }).first().click();
  await expect(
    page.getByText('Snapshot finished: the reports are up to date.'),
  ).toBeVisible({ timeout: 120_000 });

  // The Unowned APIs tile opens the ownership section filtered to them.
  await page.getByRole('link', { name: /Unowned APIs/ }).click();
  await expect(page).toHaveURL(/\/apiops\/ownership\?.*gapType=owner-missing/);

  // fx-rates-api is owned by group:default/treasury-ops, which does not exist.
  const row = page.getByRole('row').filter({ hasText: 'FX Rates API' });
  await expect(row.first()).toBeVisible();
  await expect(row.first()).toContainText('Owner unresolved');
  await expect(row.first()).toContainText('treasury-ops');

  // The filtered view is a URL that can be shared: opened afresh, the same.
  const shared = page.url();
  await page.goto('about:blank');
  await page.goto(shared);
  await expect(row.first()).toContainText('Owner unresolved');
  const types = await page
    .getByRole('row')
    .filter({ hasText: /Owner (missing|unresolved)/ })
    .count();
  const allRows = await page.getByRole('row').count();
  // Every data row (all but the header) is of the two unowned types.
  expect(types).toBe(allRows - 1);
});
