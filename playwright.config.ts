// Browser tests in real Chromium. Uses Debian's /usr/bin/chromium when present (or CHROMIUM_PATH),
// otherwise Playwright's own browser, so the config works on both kinds of machine.
import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

const executablePath =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const port = Number(process.env.PORT ?? 4173);
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  reporter: [['list']],
  globalSetup: './tests/e2e/support/global-setup.ts',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: { executablePath, args: chromiumArgs },
    // The offline service worker would answer requests before page.route sees them (and carry
    // state between tests): off everywhere, except in tests that opt in (offline.spec.ts).
    serviceWorkers: 'block',
  },
  projects: [
    // Everything else, with a scripted speechSynthesis where narration is involved.
    { name: 'main', testIgnore: /real-speech\.spec\.ts/ },
    // Real speech: Chromium over speech-dispatcher + espeak-ng into a PulseAudio null sink.
    // One file, run serially, so only one browser talks to speech-dispatcher at a time.
    {
      name: 'real-speech',
      testMatch: /real-speech\.spec\.ts/,
      fullyParallel: false,
      use: { launchOptions: { executablePath, args: [...chromiumArgs, '--enable-speech-dispatcher'] } },
    },
  ],
  webServer: {
    command: `npm run build && npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
