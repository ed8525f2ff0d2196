// Shared Playwright fixtures: every test runs under a fixed clock, and fails if the page makes a
// request that leaves the app's origin, or logs an uncaught error; `checkA11y` runs axe-core and
// fails on any violation.
import { test as base, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

/** The moment every test runs at unless it chooses another (`test.use({ now })`): midday in
 * London on Tuesday 1 December 2026, the day a test that used the real date failed. No test may
 * depend on the day it is run. */
export const NOW = new Date("2026-12-01T12:00:00Z");

export const test = base.extend({
  now: [NOW, { option: true }],
  // The browser's clock: `new Date()` and `Date.now()` give `now` (timers run as usual). A test
  // moves time on with `page.clock.setFixedTime(later)`.
  context: async ({ context, now }, use) => {
    await context.clock.setFixedTime(now);
    await use(context);
  },
  /** Opens a second browser profile (its own storage) on the same clock. */
  newProfile: async ({ browser, now }, use) => {
    const opened = [];
    await use(async () => {
      const profile = await browser.newContext();
      await profile.clock.setFixedTime(now);
      opened.push(profile);
      return profile;
    });
    await Promise.all(opened.map((p) => p.close()));
  },
  page: async ({ page, baseURL }, use) => {
    const origin = new URL(baseURL).origin;
    const offOrigin = [];
    const pageErrors = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      // blob: and data: URLs never leave the device.
      if (url.protocol === "blob:" || url.protocol === "data:") return;
      if (url.origin !== origin) offOrigin.push(request.url());
    });
    page.on("pageerror", (error) => pageErrors.push(String(error)));
    await use(page);
    expect(offOrigin, "requests that left the origin").toEqual([]);
    expect(pageErrors, "uncaught errors in the page").toEqual([]);
  },
});

export { expect };

/** Runs axe-core on the page as it is now and fails on any violation, listing them. */
export async function checkA11y(page, label) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary, `axe-core violations on ${label}`).toEqual([]);
}

/** Waits until the app has rendered its page heading. */
export async function waitForApp(page) {
  // At /complaint/who the page first shows its own copy of the question (index.html); the app's
  // page is there once that copy has gone.
  await expect(page.locator("#early")).toHaveCount(0);
  await expect(page.locator("main h1")).toBeVisible();
}
