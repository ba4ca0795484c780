import { expect, Page, test } from '@playwright/test';
import { openApiOpsTab, signIn } from './helpers';

/*
 * The lint demo of the example portal (examples/lint/README.md), as an API
 * owner meets it: the lint module and the method's audit checklist check
 * the definitions in their own background task (app-config.yaml: 40 s after
 * start-up, then every two minutes), and the APIOps tab shows what they
 * found.
 */

/** Reloads the tab until the background task has checked the definition. */
async function waitForEvidence(page: Page, evidence: RegExp) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(evidence).first()).toBeVisible({
      timeout: 10_000,
    });
  }).toPass({ timeout: 300_000 });
}

test('a definition without operation ids, descriptions and contact shows its lint findings with their paths and the audit gaps', async ({
  page,
}) => {
  test.setTimeout(420_000);
  await signIn(page);
  await openApiOpsTab(page, 'savings-sweeps-api', 'Savings Sweeps API');
  await waitForEvidence(page, /^Linted /);

  const lint = page.getByRole('list', { name: /lint findings$/ });
  for (const rule of [
    'operation-operationId',
    'operation-description',
    'info-contact',
    'info-description',
  ]) {
    await expect(lint.getByText(rule).first()).toBeVisible();
  }
  // Each finding says where: the JSON path of the operation or the info.
  await expect(
    lint.getByText("$.paths['/sweep-rules'].get", { exact: false }).first(),
  ).toBeVisible();
  await expect(
    lint.getByText('$.info', { exact: false }).first(),
  ).toBeVisible();

  // The audit items that the definition fails, per criterion.
  const criteria = page.getByRole('list', {
    name: 'Criteria with audit evidence',
  });
  await expect(criteria).toBeVisible();
  await expect(criteria.getByText('Gap').first()).toBeVisible();
  await expect(criteria.getByText(/Suggests: not met/i).first()).toBeVisible();
});

test('the same API done right passes, and its audit evidence pre-fills the form', async ({
  page,
}) => {
  test.setTimeout(420_000);
  await signIn(page);
  await openApiOpsTab(page, 'round-ups-api', 'Round-ups API');
  await waitForEvidence(page, /^Linted /);

  await expect(
    page.getByText('No findings: the definition passes every lint rule.'),
  ).toBeVisible();
  const criteria = page.getByRole('list', {
    name: 'Criteria with audit evidence',
  });
  await expect(criteria.getByText('Gap')).toHaveCount(0);

  await page
    .getByRole('button', { name: 'Pre-fill from the audit evidence' })
    .click();
  await expect(
    page.getByText(/^Pre-filled \d+ criteria from the audit evidence/),
  ).toBeVisible();
  // Pre-filled, not recorded: the person still submits.
  await expect(
    page.getByRole('button', { name: 'Record assessment' }),
  ).toBeEnabled();
});
