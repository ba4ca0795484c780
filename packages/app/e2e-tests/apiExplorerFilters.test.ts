import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { openEntity, signIn } from './portal';

/**
 * The APIs that the example catalog declares at a station (the
 * `apiops/station` annotation): nobody assesses them in the browser tests,
 * so the catalog module must label exactly these with that station.
 */
function declaredAt(station: string): string[] {
  const dir = path.resolve(__dirname, '../../../examples/apis');
  return fs
    .readdirSync(dir)
    .filter(file => file.endsWith('.yaml'))
    .flatMap(file =>
      parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8')).map(
        doc => doc.toJS(),
      ),
    )
    .filter(
      entity =>
        entity?.kind === 'API' &&
        entity.metadata?.annotations?.['apiops/station'] === station,
    )
    .map(entity => entity.metadata.name as string)
    .sort();
}

test('filtering the API explorer by a station lists exactly the APIs at that station', async ({
  page,
}) => {
  // The labels come after the catalog's ingestion, the first snapshot and
  // the module's next read: minutes on a loaded machine.
  test.setTimeout(360_000);
  const expected = declaredAt('monitoring-and-improving');
  expect(expected.length).toBeGreaterThan(1);

  await signIn(page);
  // A snapshot of the whole example catalog (the scheduled first one may
  // have run before the catalog had ingested every API): the last file of
  // the example location is the APIs.
  await openEntity(page, '/catalog/default/api/fx-rates-api', 'FX Rates API');
  const status = await page.evaluate(async () => {
    // The backend of app-config.e2e.yaml; the guest session is its cookie.
    const refresh = await fetch(
      'http://localhost:7107/api/auth/guest/refresh?env=development',
      {
        credentials: 'include',
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
      },
    );
    const token = (await refresh.json()).backstageIdentity.token;
    const res = await fetch('http://localhost:7107/api/apiops/snapshots', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    });
    return res.status;
  });
  expect(status).toBeLessThan(300);
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
  await expect(page).toHaveURL(
    /filters%5BapiopsStation%5D=monitoring-and-improving|filters\[apiopsStation\]=monitoring-and-improving/,
  );

  const links = page
    .getByRole('table')
    .locator('a[href*="/catalog/default/api/"]');
  await expect(async () => {
    const hrefs = await links.evaluateAll(elements =>
      elements.map(element => element.getAttribute('href') ?? ''),
    );
    const names = [
      ...new Set(hrefs.map(href => href.replace(/^.*\/api\//, ''))),
    ].sort();
    expect(names).toEqual(expected);
  }).toPass({ timeout: 30_000 });

  // The link keeps the filter: opened afresh, the list is the same.
  await page.reload();
  await expect(async () => {
    const count = await links.evaluateAll(
      elements =>
        new Set(elements.map(element => element.getAttribute('href'))).size,
    );
    expect(count).toBe(expected.length);
  }).toPass({ timeout: 30_000 });
});
