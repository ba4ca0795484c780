import { Page } from '@playwright/test';

/** Where the keyboard focus is, as a test sees it. */
export type FocusInfo = {
  /** Inside one of the plugins' roots (`data-apiops-content`). */
  inPlugin: boolean;
  tag: string;
  id: string;
  role: string | null;
  name: string;
  /** The element or its wrapper shows that it has the focus. */
  indicated: boolean;
};

/**
 * The focused element and whether its focus is visible: an outline or a
 * box shadow on it or on a wrapper up to three levels up (Material UI
 * draws a radio's ring on its wrapper), or, for a text field, Material
 * UI's focused border on its input's wrapper.
 */
export async function focusInfo(page: Page): Promise<FocusInfo> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) {
      return {
        inPlugin: false,
        tag: 'body',
        id: '',
        role: null,
        name: '',
        indicated: false,
      };
    }
    const shows = (node: Element) => {
      const style = getComputedStyle(node);
      const outline =
        style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
      return outline || style.boxShadow !== 'none';
    };
    let indicated = false;
    let node: Element | null = el;
    for (let level = 0; node && level < 4 && !indicated; level++) {
      indicated = shows(node);
      node = node.parentElement;
    }
    if (!indicated && el.closest('.MuiInputBase-root.Mui-focused')) {
      const wrapper = el.closest('.MuiInputBase-root')!;
      const outline = wrapper.querySelector('.MuiOutlinedInput-notchedOutline');
      indicated =
        !!outline && parseFloat(getComputedStyle(outline).borderWidth) >= 2;
    }
    return {
      inPlugin: !!el.closest('[data-apiops-content]'),
      tag: el.tagName.toLowerCase(),
      id: el.id,
      role: el.getAttribute('role'),
      name: (
        el.getAttribute('aria-label') ??
        (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement
          ? el.value
          : el.textContent) ??
        ''
      )
        .trim()
        .slice(0, 80),
      indicated,
    };
  });
}

/**
 * Presses Tab (or Shift+Tab) until `until` holds for the focused element,
 * at most `max` times, and returns each plugin element the focus passed
 * whose focus was not visible.
 */
export async function tabUntil(
  page: Page,
  until: (focus: FocusInfo) => boolean | Promise<boolean>,
  options: { max?: number; backwards?: boolean } = {},
): Promise<{ reached: FocusInfo; unindicated: FocusInfo[] }> {
  const unindicated: FocusInfo[] = [];
  for (let i = 0; i < (options.max ?? 200); i++) {
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
    const focus = await focusInfo(page);
    if (focus.inPlugin && !focus.indicated) {
      unindicated.push(focus);
    }
    if (await until(focus)) {
      return { reached: focus, unindicated };
    }
  }
  throw new Error(
    `The focus did not get there in ${options.max ?? 200} key presses`,
  );
}
