import { Page } from '@playwright/test';

/** Backstage's two built-in themes, by their ids. */
export const THEMES = ['light', 'dark'] as const;

/** A Backstage theme id. */
export type ThemeId = (typeof THEMES)[number];

/** Widths the portal is tried at: a laptop and a narrow window. */
export const WIDTHS = [1280, 800] as const;

/**
 * Makes the app start in a theme: Backstage's app theme API reads the
 * theme id from `localStorage.theme` when the app loads, so it is set
 * before every page of the test loads.
 */
export async function useTheme(page: Page, theme: ThemeId) {
  await page.addInitScript(id => {
    window.localStorage.setItem('theme', id);
  }, theme);
}

/** Checks that the app shows the theme: the body's background colour. */
export async function themeOfPage(page: Page): Promise<ThemeId> {
  // Backstage's light page is #F5F5F5, the dark one #333333.
  const background = await page.evaluate(
    () => getComputedStyle(document.body).backgroundColor,
  );
  const [r] = background.match(/\d+/g)!.map(Number);
  return r > 128 ? 'light' : 'dark';
}
