import { expect, test } from '@playwright/test';
import { ensureSnapshot, openApiOpsTab, signIn } from './helpers';

test('the payments API v1 tab compares v1 with v2 side by side', async ({
  page,
}) => {
  await signIn(page);
  await ensureSnapshot(page);
  await openApiOpsTab(page, 'payments-api-v1', 'Payments API v1');

  // payments-api-v1, -v2 and -v3 are one version family of the example.
  await page
    .getByRole('button', { name: 'Compare versions side by side' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Version comparison' });
  const pair = dialog.getByRole('region', { name: /^Comparison of v1 .* v2 / });
  await expect(pair).toBeVisible({ timeout: 60_000 });
  await expect(
    pair.getByText(
      /^A consumer of v1 .* moving to v2 .* must adapt to \d+ breaking changes?, listed first\.$/,
    ),
  ).toBeVisible();
  // Breaking changes first, each with the values of both versions.
  const first = pair.getByRole('row').nth(1);
  await expect(first.getByRole('cell').first()).toHaveText('Breaking');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

test('a snapshot of an unchanged catalog records no change', async ({
  page,
}) => {
  await signIn(page);
  await ensureSnapshot(page);
  await page.goto('/apiops/changes?changeClass=all');
  await expect(
    page.getByRole('tab', { name: 'Changes', selected: true }),
  ).toBeVisible();
  // The example catalog's definitions do not change between its snapshots:
  // the first is the baseline, the later ones find nothing, of any class.
  await page.getByRole('button', { name: 'Run snapshot now' }).first().click();
  await expect(
    page.getByText('Snapshot finished: the reports are up to date.'),
  ).toBeVisible({ timeout: 120_000 });
  await expect(page.getByText('No change matches the filters.')).toBeVisible({
    timeout: 60_000,
  });
  await expect(page).toHaveURL(/changeClass=all/);
});
