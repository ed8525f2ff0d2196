// The app shell: start page routes, landmarks, one h1 per page, skip link, 404, small screens,
// print, the Content-Security-Policy, and axe-core on every page.
import { test, expect, checkA11y, waitForApp } from "./fixtures.mjs";

const pages = [
  { path: "/", h1: "Complain about your home, and get an answer on time" },
  { path: "/resident", h1: "Complain about your landlord" },
  { path: "/helper", h1: "Help someone complain" },
  { path: "/association", h1: "Complaints register" },
  { path: "/your-data", h1: "Your data" },
  { path: "/no-such-page", h1: "Page not found" },
];

for (const { path, h1 } of pages) {
  test(`${path} has landmarks, one h1, a skip link and no axe violations`, async ({ page }) => {
    await page.goto(path);
    await waitForApp(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(h1);
    await expect(page.locator("h1")).toHaveCount(1);
    await expect(page.getByRole("banner")).toHaveCount(1);
    await expect(page.getByRole("main")).toHaveCount(1);
    await expect(page.getByRole("contentinfo")).toHaveCount(1);
    await expect(page).toHaveTitle(/Redress/);
    await checkA11y(page, path);
  });
}

test("the start page sends each kind of user to their own area", async ({ page }) => {
  const routes = [
    ["I want to complain about my landlord", "/resident", "Complain about your landlord"],
    ["I am helping someone else complain", "/helper", "Help someone complain"],
    ["We are a housing association", "/association", "Complaints register"],
  ];
  for (const [link, path, h1] of routes) {
    await page.goto("/");
    await page.getByRole("link", { name: link }).click();
    await expect(page).toHaveURL(path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(h1);
    // Each area is live: the residents' and helpers' start a complaint, the association's sets up its register.
    await expect(page.getByTestId(path === "/association" ? "needs-setup" : "start-complaint")).toBeVisible();
  }
});

test("the skip link is the first thing the keyboard reaches, and moves focus to main", async ({ page }) => {
  await page.goto("/");
  await waitForApp(page);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});

test("the keyboard focus is visible", async ({ page }) => {
  await page.goto("/");
  await waitForApp(page);
  const link = page.getByRole("link", { name: /I want to complain/ });
  await link.focus();
  const outline = await link.evaluate((el) => getComputedStyle(el).boxShadow + " " + getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe("none none");
});

test("works at 320px wide without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  for (const { path } of pages) {
    await page.goto(path);
    await waitForApp(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `sideways scroll on ${path}`).toBeLessThanOrEqual(0);
  }
});

test("printing leaves out the header, footer and buttons", async ({ page }) => {
  await page.goto("/your-data");
  await waitForApp(page);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("banner")).toBeHidden();
  await expect(page.getByRole("contentinfo")).toBeHidden();
  await expect(page.getByRole("button", { name: "Download all my data" })).toBeHidden();
  await expect(page.locator("h1")).toBeVisible();
});

test("the Content-Security-Policy allows only this origin and no inline script but the page's own", async ({ page }) => {
  await page.goto("/");
  await waitForApp(page);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toContain("'wasm-unsafe-eval'");
  expect(csp).not.toContain("unsafe-inline");
  expect(csp).not.toContain("__INLINE_SCRIPT_HASHES__");
  // The app starts from a file (boot.js); the one inline script allowed is the page's own, which
  // shows the first question's copy (index.html, src/ui/early.rs), by its hash.
  const inline = await page.locator("script:not([src])").evaluateAll((scripts) => scripts.map((s) => s.textContent));
  expect(inline).toHaveLength(1);
  const digest = await page.evaluate(async (text) => {
    const hash = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
    return btoa(String.fromCharCode(...new Uint8Array(hash)));
  }, inline[0]);
  expect(csp).toMatch(new RegExp(`script-src 'self' 'wasm-unsafe-eval' 'sha256-${digest.replace(/[+/]/g, "\\$&")}'\\s*;`));
  expect(csp.match(/sha256-/g)).toHaveLength(1);
  // An injected inline script is refused by the policy.
  const ran = await page.evaluate(() => {
    window.__inlineRan = false;
    const s = document.createElement("script");
    s.textContent = "window.__inlineRan = true";
    document.body.appendChild(s);
    return window.__inlineRan;
  });
  expect(ran).toBe(false);
});

// The page itself fetches only the main module at start. The service worker (release builds)
// downloads the rest once the page has loaded, in the background and outside the page, so the
// requests it makes are not the page's: offline.spec.mjs checks what it keeps.
test("the start page loads only the app's main module; each area's part is fetched when first used", async ({ page }) => {
  const wasm = [];
  page.on("request", (request) => {
    const name = new URL(request.url()).pathname.split("/").pop();
    if (name.endsWith(".wasm")) wasm.push(name);
  });
  await page.goto("/");
  await waitForApp(page);
  await page.waitForLoadState("networkidle");
  expect(wasm).toEqual(["redress_bg.wasm"]);

  await page.getByRole("link", { name: "We are a housing association" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Complaints register");
  expect(wasm.filter((name) => name.startsWith("split_"))).toEqual([expect.stringMatching(/^split_redress_association\.wasm$/)]);

  await page.getByRole("link", { name: "Your data" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your data");
  expect(wasm.filter((name) => name.startsWith("split_redress_data."))).toHaveLength(1);
  // Nothing is fetched twice.
  expect(new Set(wasm).size).toBe(wasm.length);
});

// The two tests below are about the network, as on a first visit before the service worker has
// kept the app (offline.spec.mjs tests the worker): with it, every part comes from its cache and
// never reaches the network these tests slow down or cut.
test.describe("without the service worker", () => {
test.use({ serviceWorkers: "block" });

test("a part of the app that cannot be fetched gets a clear message, and the app keeps working", async ({ page }) => {
  await page.route(/split_redress_association\.wasm$/, (route) => route.abort("internetdisconnected"));
  await page.goto("/");
  await waitForApp(page);
  await page.getByRole("link", { name: "We are a housing association" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This page could not be loaded");
  await expect(page.getByTestId("part-not-loaded")).toContainText("Check that you are connected to the internet");
  await checkA11y(page, "a part that could not be fetched");

  // The rest of the app still works, and the same page loads once the connection is back.
  await page.getByRole("link", { name: "Your data" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your data");
  await page.unroute(/split_redress_association\.wasm$/);
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Complaints register");
});

test("a page whose part is slow to arrive says it is loading, then shows the page", async ({ page }) => {
  // A slow phone connection: the association's part takes a while.
  await page.route(/split_redress_association\.wasm$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await page.goto("/");
  await waitForApp(page);
  await expect(page.getByTestId("page-loading")).toBeEmpty();
  await page.getByRole("link", { name: "We are a housing association" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Loading the page…" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Complaints register");
  await expect(page.getByTestId("page-loading")).toBeEmpty();
  // A quick navigation (the part is now loaded) never shows the message, not even after the
  // moment a slow one would have shown it (the fixed clock once left it showing for ever).
  await page.getByRole("link", { name: "Start" }).first().click();
  await page.getByRole("link", { name: "We are a housing association" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Complaints register");
  await page.waitForTimeout(1000);
  await expect(page.getByTestId("page-loading")).toBeEmpty();
});
});
