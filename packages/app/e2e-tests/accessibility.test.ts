import { expect, test } from '@playwright/test';
import {
  checkAccessibility,
  collectConsoleErrors,
  ensureSnapshot,
  openApiOpsSection,
  openApiOpsTab,
  openEntity,
  PAGE_SECTIONS,
  PLUGIN_CONTENT,
  signIn,
  themeOfPage,
  THEMES,
  useTheme,
  WIDTHS,
} from './helpers';

/**
 * The automated accessibility check (axe, WCAG 2 A and AA) of the APIOps
 * card and tab of an API, the APIOps tab of a group and every section of
 * the APIOps page with the popups it opens, in both of
 * Backstage's themes, at 1280 and 800 px: no serious or critical violation
 * in the plugins' contents or the popups they open, and no error in the
 * console on the way.
 */
for (const theme of THEMES) {
  for (const width of WIDTHS) {
    test.describe(`${theme} theme at ${width} px`, () => {
      test.use({ viewport: { width, height: 900 } });

      test.beforeEach(async ({ page }) => {
        await useTheme(page, theme);
      });

      test('the APIOps tab of an API', async ({ page }, testInfo) => {
        test.setTimeout(180_000);
        const console = collectConsoleErrors(page);
        await signIn(page);
        // The APIOps card on the API's overview first.
        await openEntity(
          page,
          '/catalog/default/api/accounts-api',
          'Accounts API',
        );
        expect(await themeOfPage(page)).toBe(theme);
        await checkAccessibility(page, 'overview card', testInfo);

        await openApiOpsTab(page, 'accounts-api', 'Accounts API');
        await checkAccessibility(page, 'tab', testInfo);

        // The assessment form with a station open (it opens at the first
        // station not passed; the first one is opened if none is).
        const summary = page.locator('[id^="apiops-"][id$="-summary"]');
        await expect(summary.first()).toBeVisible();
        if ((await summary.locator('[aria-expanded="true"]').count()) === 0) {
          await summary.first().click();
        }
        await expect(page.locator('[data-criterion]').first()).toBeVisible();
        await checkAccessibility(page, 'tab, assessment form open', testInfo);

        // The APIOps tab of a group: the APIs it owns.
        await openEntity(
          page,
          '/catalog/default/group/platform-team/apiops',
          'API Platform Team',
        );
        await expect(page.locator(PLUGIN_CONTENT).first()).toBeVisible();
        await checkAccessibility(page, 'group tab', testInfo);

        expect(console.errors()).toEqual([]);
      });

      test('the APIOps page, every section', async ({ page }, testInfo) => {
        test.setTimeout(300_000);
        const console = collectConsoleErrors(page);
        await signIn(page);
        await ensureSnapshot(page);
        expect(await themeOfPage(page)).toBe(theme);
        for (const section of PAGE_SECTIONS) {
          await openApiOpsSection(page, section);
          await checkAccessibility(page, `page, ${section}`, testInfo);
        }

        // A summary tile under the mouse keeps its text readable.
        await openApiOpsSection(page, 'summary');
        await page
          .getByRole('link', { name: 'Compliant', exact: true })
          .hover();
        await checkAccessibility(page, 'page, hovered tile', testInfo, {
          keepPointer: true,
        });

        // Popups the page opens: the filter menu of the APIs' report and
        // the dialog of a new campaign (the guest user is of the platform
        // team, which manages campaigns).
        await openApiOpsSection(page, 'apis');
        await page
          .getByRole('button', { name: /^Governance status/ })
          .first()
          .click();
        await expect(page.getByRole('listbox')).toBeVisible();
        await checkAccessibility(page, 'page, apis filter menu', testInfo);
        await page.keyboard.press('Escape');
        await expect(page.getByRole('listbox')).toHaveCount(0);

        await openApiOpsSection(page, 'campaigns');
        await page.getByRole('button', { name: 'New campaign' }).click();
        await expect(page.getByRole('dialog')).toBeVisible();
        await checkAccessibility(page, 'page, new campaign dialog', testInfo);
        await page.keyboard.press('Escape');
        await expect(page.getByRole('dialog')).toHaveCount(0);

        expect(console.errors()).toEqual([]);
      });
    });
  }
}
