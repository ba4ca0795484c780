import { expect, Page } from '@playwright/test';
import { openEntity } from '../portal';

/** The sections of the APIOps page, by their paths under `/apiops`. */
export const PAGE_SECTIONS = [
  'summary',
  'apis',
  'ownership',
  'fragmentation',
  'changes',
  'teams',
  'campaigns',
] as const;

/** A section of the APIOps page. */
export type PageSection = (typeof PAGE_SECTIONS)[number];

/**
 * Opens the APIOps tab of an API (waiting for the catalog to have it) and
 * waits for the tab's content: the metro map of its cycle.
 */
export async function openApiOpsTab(page: Page, name: string, heading: string) {
  await openEntity(page, `/catalog/default/api/${name}`, heading);
  await page.goto(`/catalog/default/api/${name}/apiops`);
  await expect(
    page.getByRole('region', { name: /^Stations of the / }),
  ).toBeVisible();
}

/** Opens a section of the APIOps page and waits for its heading. */
export async function openApiOpsSection(page: Page, section: PageSection) {
  await page.goto(section === 'summary' ? '/apiops' : `/apiops/${section}`);
  await expect(
    page.getByRole('tablist', { name: 'Sections of the APIOps page' }),
  ).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveCount(0, {
    timeout: 60_000,
  });
}

/**
 * Makes sure the reports have a snapshot: on a fresh portal the APIOps
 * page offers to run the first one, which is run and waited for.
 */
export async function ensureSnapshot(page: Page) {
  // The catalog ingests the APIs last: wait for one before the snapshot.
  await openEntity(page, '/catalog/default/api/fx-rates-api', 'FX Rates API');
  await page.goto('/apiops');
  const run = page.getByRole('button', { name: 'Run snapshot now' }).first();
  const sections = page.getByRole('tablist', {
    name: 'Sections of the APIOps page',
  });
  await expect(run.or(sections).first()).toBeVisible({ timeout: 60_000 });
  if (await sections.isVisible()) {
    return;
  }
  await run.click();
  await expect(
    page.getByText('Snapshot finished: the reports are up to date.'),
  ).toBeVisible({ timeout: 120_000 });
}
