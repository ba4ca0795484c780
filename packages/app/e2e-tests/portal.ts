import { expect, Page } from '@playwright/test';

/** Signs in with the guest provider once the app has booted. */
export async function signIn(page: Page) {
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
export async function openEntity(page: Page, path: string, heading: string) {
  await expect(async () => {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: heading })).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 120_000 });
}
