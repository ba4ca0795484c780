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
 * The focused element and whether its focus is visible: an outline on it
 * or on a wrapper up to two levels up (Material UI marks a radio's focus
 * on its wrapper), or, for a text field, Material UI's focused border (2px)
 * around its input.
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
    // An outline, not a shadow: cards and papers have shadows of their own.
    const shows = (node: Element) => {
      const style = getComputedStyle(node);
      return (
        style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
      );
    };
    let indicated = false;
    let node: Element | null = el;
    for (let level = 0; node && level < 3 && !indicated; level++) {
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
 * whose focus was not visible, and how many it passed.
 */
export async function tabUntil(
  page: Page,
  until: (focus: FocusInfo) => boolean | Promise<boolean>,
  options: { max?: number; backwards?: boolean } = {},
): Promise<{
  reached: FocusInfo;
  unindicated: FocusInfo[];
  /** How many plugin elements the focus passed. */
  visited: number;
}> {
  const unindicated: FocusInfo[] = [];
  let visited = 0;
  for (let i = 0; i < (options.max ?? 200); i++) {
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
    const focus = await focusInfo(page);
    if (focus.inPlugin) {
      visited++;
      if (!focus.indicated) unindicated.push(focus);
    }
    if (await until(focus)) {
      return { reached: focus, unindicated, visited };
    }
  }
  throw new Error(
    `The focus did not get there in ${options.max ?? 200} key presses`,
  );
}
