// Playwright: end-to-end tests in Debian's headless Chromium against the release build
// (`trunk build --release` → dist/), served on loopback by tests/e2e/serve.mjs.
import { defineConfig } from "@playwright/test";

// REDRESS_E2E_PORT lets two checkouts run their end-to-end tests at once.
const port = Number(process.env.REDRESS_E2E_PORT || 4173);

export const chromiumLaunch = {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: "chromium",
    // Not the machine's: the UK's language and time zone, so "today" and every date the app
    // shows are the same wherever the tests run. (The clock is fixed per test in
    // tests/e2e/fixtures.mjs. A date field's order of day and month follows the browser's own
    // language instead; tests type dates with `typeDate` in tests/e2e/pages.mjs, which finds it.)
    locale: "en-GB",
    timezoneId: "Europe/London",
    launchOptions: chromiumLaunch,
    acceptDownloads: true,
    trace: "off",
  },
  webServer: {
    command: `node tests/e2e/serve.mjs dist ${port} --switchable`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
