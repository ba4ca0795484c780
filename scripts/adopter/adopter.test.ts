import { expect, Page, test } from '@playwright/test';

/*
 * What an adopter sees in a fresh app after following docs/install.md: the
 * APIOps card, tab and page, an assessment recorded, the catalog filters fed
 * by the catalog module's labels, and the scaffolder action. The app under
 * test is ADOPTER_FLAVOUR (`new` or `legacy` frontend system).
 */

const flavour = process.env.ADOPTER_FLAVOUR ?? 'new';

async function signIn(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  // The sidebar's APIOps item: the app has booted and the plugin is in it.
  const apiopsItem = sidebarItem(page, 'APIOps');
  await expect(enter.or(apiopsItem).first()).toBeVisible({ timeout: 90_000 });
  if (await enter.isVisible()) {
    await enter.click();
  }
  await expect(apiopsItem).toBeVisible();
}

function sidebarItem(page: Page, name: string) {
  return page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name, exact: true });
}

/** Opens an entity page, reloading while the catalog is still ingesting. */
async function openEntity(page: Page, path: string, heading: string) {
  await expect(async () => {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: heading })).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 180_000 });
}

test.describe.configure({ mode: 'serial' });

test(`${flavour} frontend: the APIOps card and tab of an API`, async ({
  page,
}) => {
  await signIn(page);
  await openEntity(page, '/catalog/default/api/accounts-api', 'Accounts API');

  // The card on the overview: accounts-api declares the Monitoring station.
  const card = page
    .locator('article, .MuiCard-root')
    .filter({ has: page.getByText('APIOps', { exact: true }) })
    .first();
  await expect(card).toBeVisible();
  await expect(card).toContainText('Monitoring');

  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'APIOps', exact: true })
    .or(page.getByRole('tab', { name: 'APIOps', exact: true }))
    .first()
    .click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/api\/accounts-api\/apiops$/,
  );
  const map = page.getByRole('region', { name: /^Stations of the / });
  await expect(map.locator('[aria-current="step"]')).toContainText(
    'Monitoring',
  );
});

test(`${flavour} frontend: an assessment is recorded from the tab`, async ({
  page,
}) => {
  await signIn(page);
  await openEntity(
    page,
    '/catalog/default/api/card-status-api',
    'Card Status API',
  );
  await page.goto('/catalog/default/api/card-status-api/apiops');

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
  await page.getByRole('button', { name: 'Record assessment' }).click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'Assessment recorded. The API is now at' }),
  ).toBeVisible();
  const map = page.getByRole('region', { name: /^Stations of the / });
  await expect(map.locator('[aria-current="step"]')).toContainText(
    'API Consumer Experience',
  );
});

test(`${flavour} frontend: the APIOps page from the sidebar`, async ({
  page,
}) => {
  await signIn(page);
  await sidebarItem(page, 'APIOps').click();
  await expect(page).toHaveURL(/\/apiops$/);
  await expect(
    page.getByRole('heading', { name: 'APIOps', exact: true }).first(),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Run snapshot now' }).first().click();
  await expect(
    page.getByText('Snapshot finished: the reports are up to date.'),
  ).toBeVisible({ timeout: 180_000 });
  // The Unowned APIs tile opens the ownership section filtered to them.
  await page.getByRole('link', { name: /Unowned APIs/ }).click();
  await expect(page).toHaveURL(/\/apiops\/ownership\?.*gapType=/);
  const row = page.getByRole('row').filter({ hasText: 'FX Rates API' });
  await expect(row.first()).toContainText('Owner unresolved');
});

test(`${flavour} frontend: the API explorer filtered by a station lists exactly the APIs at it`, async ({
  page,
}) => {
  test.setTimeout(420_000);
  await signIn(page);
  // What the backend says is at accounts-api's station (the labels the
  // catalog module copies onto the entities).
  const labels = await page.evaluate(async () => {
    const refresh = await fetch('/api/auth/guest/refresh?env=development', {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    const token = (await refresh.json()).backstageIdentity.token;
    const res = await fetch('/api/apiops/reports/labels', {
      headers: { Authorization: `Bearer ${token}` },
    });
    return (await res.json()) as {
      groups: Array<{ station?: string; entityRefs: string[] }>;
    };
  });
  const stationOf = (ref: string) =>
    labels.groups.find(g => g.entityRefs.includes(ref))?.station;
  const station = stationOf('api:default/accounts-api');
  expect(station).toBe('monitoring-and-improving');
  const expected = labels.groups
    .filter(g => g.station === station)
    .flatMap(g => g.entityRefs)
    .map(ref => ref.replace(/^api:default\//, ''))
    .sort();
  expect(expected).toContain('accounts-api');

  // The picker counts the APIs at each station when it opens: wait until
  // the catalog module has labelled every API of the station (after the
  // ingestion, a snapshot and the module's next read of the labels).
  const picker = page.getByRole('textbox', { name: 'APIOps station' });
  const option = page.getByRole('option', {
    name: new RegExp(`Monitoring.* \\(${expected.length}\\)$`),
  });
  await expect(async () => {
    await page.goto('/api-docs');
    await picker.click({ timeout: 20_000 });
    await expect(option).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 300_000 });
  await option.click();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/apiopsStation/);

  const listed = page
    .getByRole('table')
    .locator('a[href*="/catalog/default/api/"]');
  await expect(async () => {
    const hrefs = await listed.evaluateAll(links =>
      links.map(link => link.getAttribute('href') ?? ''),
    );
    const names = [
      ...new Set(hrefs.map(href => href.replace(/^.*\/api\//, ''))),
    ].sort();
    expect(names).toEqual(expected);
  }).toPass({ timeout: 30_000 });
});

test(`${flavour} frontend: the scaffolder has the APIOps action`, async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/create/actions');
  await expect(
    page.getByText('apiops:assessment:create', { exact: true }).first(),
  ).toBeVisible();
});
