import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { openEntity, signIn } from './portal';

/** examplePortal.entitiesDirectory of app-config.e2e.yaml */
const entitiesDirectory = path.resolve(
  __dirname,
  '../../../.test-results/e2e-entities',
);

const created: string[] = [];

test.afterEach(() => {
  for (const file of created.splice(0)) {
    fs.rmSync(file, { force: true });
  }
});

test('the example template registers an API that shows its recorded station', async ({
  page,
}) => {
  // A name of its own per run, and its file removed afterwards: the entity
  // files outlive the in-memory catalog.
  const name = `e2e-api-${Date.now().toString(36)}`;
  const title = `E2E ${name}`;
  created.push(path.join(entitiesDirectory, `api-default-${name}.yaml`));

  await signIn(page);
  await page.getByRole('link', { name: 'Create', exact: true }).click();
  await expect(page).toHaveURL(/\/create/);
  await openEntity(
    page,
    '/create/templates/default/register-api-with-strategy-assessment',
    'Register an API and its strategy assessment',
  );

  // Step 1: the API.
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Title').fill(title);
  // The pickers list the catalog's groups and systems by title.
  const owner = page.getByRole('textbox', { name: 'Owner' });
  await owner.click();
  await owner.pressSequentially('Payments');
  await page.getByRole('option', { name: /Payments Team/ }).click();
  const system = page.getByRole('textbox', { name: 'System' });
  await system.click();
  await system.pressSequentially('Payments');
  await page.getByRole('option', { name: /Payments Hub/ }).click();
  await page.getByRole('button', { name: 'Next' }).click();

  // Step 2: the strategy criteria; one not met keeps the API at strategy.
  await page.getByLabel('The business goals of the API are defined').click();
  await page.getByRole('option', { name: 'met', exact: true }).click();
  await page.getByLabel('The stakeholders approve the API').click();
  await page.getByRole('option', { name: 'not-met', exact: true }).click();
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  await expect(page.getByText('api-product-strategy')).toBeVisible({
    timeout: 90_000,
  });

  await openEntity(page, `/catalog/default/api/${name}`, title);
  await page.goto(`/catalog/default/api/${name}/apiops`);
  const map = page.getByRole('region', { name: /^Stations of the / });
  await expect(map.locator('[aria-current="step"]')).toContainText('Strategy');
});
