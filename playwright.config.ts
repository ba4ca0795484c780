import { defineConfig } from '@playwright/test';
import path from 'node:path';

/**
 * Browser tests against the real portal: the app and backend with the
 * example catalog, on ports of their own (app-config.e2e.yaml). Chromium is
 * the system's (Debian's `chromium`), found by scripts/run.mjs.
 */
const config = ['app-config.yaml', 'app-config.e2e.yaml'].map(file =>
  path.resolve(__dirname, file),
);

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [['list']],
  webServer: {
    command: `node .yarn/releases/yarn-4.13.0.cjs dev ${config
      .map(file => `--config ${file}`)
      .join(' ')}`,
    url: 'http://localhost:7107/api/apiops/health',
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
  use: {
    baseURL: 'http://localhost:3100',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  outputDir: '.test-results/e2e-artifacts',
});
