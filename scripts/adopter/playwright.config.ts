import { defineConfig } from '@playwright/test';

/**
 * Browser checks of the adopter test (scripts/adopter/run.mjs): a fresh
 * Backstage app, built and served by its own backend at ADOPTER_BASE_URL,
 * with the APIOps packages installed from their tarballs.
 */
export default defineConfig({
  testDir: '.',
  testMatch: 'adopter.test.ts',
  timeout: 300_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: process.env.ADOPTER_BASE_URL,
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
  outputDir: '../../.test-results/adopter-artifacts',
});
