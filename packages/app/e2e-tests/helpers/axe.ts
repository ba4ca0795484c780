import AxeBuilder from '@axe-core/playwright';
import { expect, Page, TestInfo } from '@playwright/test';
import type { Result } from 'axe-core';

/** What is checked: WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const WCAG_TAGS = [
  'wcag2a',
  'wcag2aa',
  'wcag21a',
  'wcag21aa',
  'wcag22aa',
];

/** The impacts a check fails on. */
export const FAILING_IMPACTS = ['serious', 'critical'];

/** The roots of the plugins' contents (`ContentRoot` in the plugin). */
export const PLUGIN_CONTENT = '[data-apiops-content]';

/**
 * Material UI's popups (menus, popovers, dialogs, tooltips): they are
 * rendered at the end of the body, outside the plugins' roots, and are
 * scanned too while one is open.
 */
export const POPUPS = [
  '.MuiPopover-root',
  '.MuiDialog-root',
  '.MuiAutocomplete-popper',
  '[role="tooltip"]',
];

function describe(violations: Result[]): string {
  return violations
    .map(
      v =>
        `${v.impact} ${v.id}: ${v.help}\n${v.nodes
          .slice(0, 8)
          .map(
            n =>
              `  ${n.target.join(' ')}\n    ${n.failureSummary?.replace(
                /\n/g,
                '\n    ',
              )}`,
          )
          .join('\n')}`,
    )
    .join('\n');
}

/**
 * Runs axe on the plugins' contents on the page (and any popup open) and
 * fails on serious or critical violations of WCAG A/AA. The mouse is moved
 * off the content first, so that no hover colour is judged by chance
 * (`keepPointer` judges the hover a test made on purpose). Returns all
 * violations, those of lesser impact included, and attaches them to the
 * test's report.
 */
export async function checkAccessibility(
  page: Page,
  name: string,
  testInfo?: TestInfo,
  options: { keepPointer?: boolean } = {},
): Promise<Result[]> {
  if (!options.keepPointer) {
    await page.mouse.move(0, 0);
  }
  await expect(page.locator(PLUGIN_CONTENT).first()).toBeVisible();
  // No transitions half-way (MUI's fades, the accordions' collapse).
  await page.waitForTimeout(400);
  let builder = new AxeBuilder({ page })
    .withTags(WCAG_TAGS)
    .include(PLUGIN_CONTENT);
  for (const popup of POPUPS) {
    if ((await page.locator(popup).count()) > 0) {
      builder = builder.include(popup);
    }
  }
  const { violations } = await builder.analyze();
  if (testInfo && violations.length > 0) {
    await testInfo.attach(`axe ${name}`, {
      body: describe(violations),
      contentType: 'text/plain',
    });
  }
  const failing = violations.filter(v =>
    FAILING_IMPACTS.includes(v.impact ?? ''),
  );
  expect(failing, `${name}:\n${describe(failing)}`).toEqual([]);
  return violations;
}
