import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { signIn } from './portal';

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
  // The picker appears once the catalog module has labelled the APIs: after
  // the first snapshot and the module's next read of the labels.
  const picker = page.getByRole('textbox', { name: 'APIOps station' });
  await expect(async () => {
    await page.goto('/api-docs');
    await expect(picker).toBeVisible({ timeout: 20_000 });
  }).toPass({ timeout: 300_000 });

  await picker.click();
  await page
    .getByRole('option', { name: /Monitoring.* \(\d+\)$/ })
    .click();
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
