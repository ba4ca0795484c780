import { expect, test } from '@playwright/test';
import {
  collectConsoleErrors,
  ensureSnapshot,
  focusInfo,
  openApiOpsSection,
  openApiOpsTab,
  PageSection,
  signIn,
  tabUntil,
  THEMES,
  useTheme,
} from './helpers';

/** The first station of the default cycle and its assessment section. */
const STATION = 'api-product-strategy';
const SUMMARY_ID = `apiops-${STATION}-summary`;

/**
 * An assessment recorded with the keyboard alone (Tab, Shift+Tab, Enter,
 * Space, arrow keys and typing): each of the plugin's controls on the way
 * shows its focus, and after the submission the focus is on the result,
 * and stays there while the tab refreshes.
 */
for (const theme of THEMES) {
  test(`an assessment recorded with the keyboard only (${theme} theme)`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await useTheme(page, theme);
    const console = collectConsoleErrors(page);
    await signIn(page);
    // One API per theme, so that each starts unassessed on a fresh portal.
    const [api, title] =
      theme === 'light'
        ? ['feature-flags-api', 'Feature Flags API']
        : ['branch-locator-api', 'Branch and ATM Locator API'];
    await openApiOpsTab(page, api, title);
    await page.mouse.move(0, 0);

    // From the top of the page to the first station of the form.
    await page.locator('body').focus();
    const walk = await tabUntil(page, focus => focus.id === SUMMARY_ID, {
      max: 300,
    });
    const unindicated = [...walk.unindicated];
    const header = page.locator(`#${SUMMARY_ID}`);
    await expect(header).toBeFocused();
    expect(walk.reached.indicated).toBe(true);
    if ((await header.getAttribute('aria-expanded')) !== 'true') {
      await page.keyboard.press('Enter');
    }
    await expect(header).toHaveAttribute('aria-expanded', 'true');

    // Each criterion: Met with the arrow keys, an evidence link, a note.
    const criteria = page.locator(
      `#apiops-${STATION}-criteria [data-criterion]`,
    );
    const count = await criteria.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      const criterion = criteria.nth(i);
      const met = criterion.getByRole('radio', { name: 'Met', exact: true });
      // Tab reaches the group's checked radio; the arrows move to Met.
      await page.keyboard.press('Tab');
      for (let k = 0; k < 3 && !(await met.isChecked()); k++) {
        await page.keyboard.press('ArrowRight');
      }
      await expect(met).toBeChecked();
      await expect(met).toBeFocused();
      const radio = await focusInfo(page);
      if (!radio.indicated) unindicated.push(radio);

      const evidence = criterion.getByRole('textbox', {
        name: /^Evidence link for “.+” \(.+\)$/,
      });
      await page.keyboard.press('Tab');
      await expect(evidence).toBeFocused();
      // Select what a retry of the test left there, and replace it.
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(`https://example.com/evidence/${i + 1}`);
      const field = await focusInfo(page);
      if (!field.indicated) unindicated.push(field);

      const note = criterion.getByRole('textbox', {
        name: /^Note on “.+” \(.+\)$/,
      });
      await page.keyboard.press('Tab');
      await expect(note).toBeFocused();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('Checked with the keyboard');
    }
    await expect(
      page.getByRole('button', {
        name: new RegExp(`${count} of ${count} met`),
      }),
    ).toBeVisible();

    // Shift+Tab goes back to the last note, Tab forward to the submit.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const submit = page.getByRole('button', { name: 'Record assessment' });
    const toSubmit = await tabUntil(
      page,
      focus => focus.name === 'Record assessment',
      { max: 60 },
    );
    unindicated.push(...toSubmit.unindicated);
    await expect(submit).toBeFocused();
    expect(toSubmit.reached.indicated).toBe(true);
    await page.keyboard.press('Enter');

    // The focus moves to the result, visibly, and stays there.
    const result = page
      .getByRole('status')
      .filter({ hasText: 'Assessment recorded. The API is now at' });
    await expect(result).toBeVisible();
    await expect(result).toBeFocused();
    await expect(page.getByText('Assessment history')).toBeVisible();
    // The tab has fetched the API's new status and history by now.
    await page.waitForLoadState('networkidle');
    await expect(result).toBeFocused();
    const focus = await focusInfo(page);
    expect(focus.inPlugin).toBe(true);
    expect(focus.indicated).toBe(true);

    // Keyboard users go on from there: Shift+Tab stays in the form.
    await page.keyboard.press('Shift+Tab');
    expect((await focusInfo(page)).inPlugin).toBe(true);

    expect(unindicated, 'focused without a visible indicator').toEqual([]);
    expect(console.errors()).toEqual([]);
  });
}

/**
 * Every control of the APIOps page's sections, reached with Tab, shows
 * its focus (the key figures, the section tabs, the tables' sort headers,
 * filters and links).
 */
test('the APIOps page shows the focus on every control', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const console = collectConsoleErrors(page);
  await signIn(page);
  await ensureSnapshot(page);
  const sections: PageSection[] = ['summary', 'apis', 'teams'];
  for (const section of sections) {
    await openApiOpsSection(page, section);
    await page.mouse.move(0, 0);
    await page.locator('body').focus();
    let entered = false;
    const walk = await tabUntil(
      page,
      focus => {
        entered ||= focus.inPlugin;
        return entered && !focus.inPlugin;
      },
      { max: 250 },
    );
    expect(entered).toBe(true);
    // The section's tabs at least, and the controls of the section.
    expect(walk.visited).toBeGreaterThan(6);
    testInfo.annotations.push({
      type: 'focus',
      description: `${section}: ${walk.visited} controls`,
    });
    expect(walk.unindicated, `${section}: focused without a ring`).toEqual([]);
  }
  expect(console.errors()).toEqual([]);
});
