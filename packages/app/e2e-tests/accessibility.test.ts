import { expect, test } from '@playwright/test';
import {
  checkAccessibility,
  collectConsoleErrors,
  ensureSnapshot,
  openApiOpsSection,
  openApiOpsTab,
  PAGE_SECTIONS,
  signIn,
  themeOfPage,
  THEMES,
  useTheme,
  WIDTHS,
} from './helpers';

/**
 * The automated accessibility check (axe, WCAG 2 A and AA) of the APIOps
 * tab of an API and of every section of the APIOps page, in both of
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
        const console = collectConsoleErrors(page);
        await signIn(page);
        await openApiOpsTab(page, 'accounts-api', 'Accounts API');
        expect(await themeOfPage(page)).toBe(theme);
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

        // A popup the page opens: the filter of the APIs' report.
        await openApiOpsSection(page, 'apis');
        const filter = page.getByRole('button', { name: /Governance status/ });
        if ((await filter.count()) > 0) {
          await filter.first().click();
          await expect(page.getByRole('listbox')).toBeVisible();
          await checkAccessibility(page, 'page, apis filter menu', testInfo);
          await page.keyboard.press('Escape');
        }

        expect(console.errors()).toEqual([]);
      });
    });
  }
}
