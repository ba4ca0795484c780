import { ConsoleMessage, Page } from '@playwright/test';

/**
 * Messages that are no plugin's error: the development server's hot
 * reload socket, the browser's refusal of a favicon, and React's
 * development-only deprecation warnings about the libraries Backstage
 * builds on: `findDOMNode` in StrictMode (Material UI v4's buttons, links
 * and transitions, first on the sign-in page and the sidebar's logo) and
 * `defaultProps` on function components (material-table, behind
 * Backstage's `Table`). React warns once per component, wherever it is
 * used first. Any other warning React logs (keys, nesting, props) fails.
 */
export const DEFAULT_IGNORED = [
  /webpack-dev-server|\[HMR\]|rspack/i,
  /favicon/i,
  /^Warning: findDOMNode is deprecated/,
  /^Warning: %s: Support for defaultProps will be removed from (function|memo) components/,
];

/**
 * Collects the errors the browser's console shows while a test runs: from
 * `console.error` and uncaught exceptions. `errors()` lists them,
 * without those of the development server or of the app's own chrome
 * that `ignore` matches.
 */
export function collectConsoleErrors(
  page: Page,
  ignore: RegExp[] = DEFAULT_IGNORED,
) {
  const messages: string[] = [];
  const onConsole = (message: ConsoleMessage) => {
    if (message.type() === 'error') {
      const location = message.location().url;
      messages.push(`${message.text()}${location ? ` (${location})` : ''}`);
    }
  };
  page.on('console', onConsole);
  page.on('pageerror', error => messages.push(`Uncaught: ${error.message}`));
  return {
    errors: () =>
      messages.filter(message => !ignore.some(re => re.test(message))),
    all: () => [...messages],
  };
}
