import { expect, Page, test } from '@playwright/test';

/** Signs in with the guest provider once the app has booted. */
async function signIn(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  const catalogLink = page.getByRole('link', { name: 'Catalog', exact: true });
  await expect(enter.or(catalogLink).first()).toBeVisible({ timeout: 90_000 });
  if (await enter.isVisible()) {
    await enter.click();
  }
  await expect(catalogLink).toBeVisible();
}

/** Opens an entity page, reloading while the catalog is still ingesting. */
async function openEntity(page: Page, path: string, heading: string) {
  await expect(async () => {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: heading })).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 120_000 });
}

test('the APIOps tab shows the owner and lifecycle the catalog has', async ({
  page,
}) => {
  await signIn(page);
  await openEntity(page, '/catalog/default/api/accounts-api', 'Accounts API');

  await page
    .getByRole('tab', { name: 'APIOps' })
    .or(page.getByRole('link', { name: 'APIOps' }))
    .first()
    .click();

  await expect(page).toHaveURL(
    /\/catalog\/default\/api\/accounts-api\/apiops$/,
  );
  await expect(page.getByText('Ownership and lifecycle')).toBeVisible();
  const main = page.getByRole('main');
  await expect(
    main.getByRole('link', { name: 'accounts-team' }).last(),
  ).toBeVisible();
  await expect(
    main.getByText('production', { exact: true }).last(),
  ).toBeVisible();
});

test('the APIOps tab is on API pages only', async ({ page }) => {
  await signIn(page);
  await openEntity(
    page,
    '/catalog/default/group/accounts-team',
    'Accounts Team',
  );

  await expect(page.getByRole('tab', { name: 'APIOps' })).toHaveCount(0);
  await expect(
    page.getByRole('link', { name: 'APIOps', exact: true }),
  ).toHaveCount(0);
});
