// Offline and updates. After one visit the service worker (scripts/service-worker.js) holds the
// whole build, so every area works with no network at all; a new version installs in the
// background, says whether it changes the rules for deadlines, and takes over only when the user
// chooses it (or on their next visit), never mixing two builds in one page.
import { execFileSync } from "node:child_process";
import { cpSync, readFileSync } from "node:fs";
import { test, expect, checkA11y, waitForApp } from "./fixtures.mjs";
import { AssociationPages, ComplaintFlow, SAM_TAYLOR, YourDataPage } from "./pages.mjs";

/** Waits until the worker has kept the whole build and answers this page's requests. */
async function waitUntilKept(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** The page's `<meta name="redress-NAME">`: which build it is and its rules version. */
function meta(page, name) {
  return page.locator(`meta[name="redress-${name}"]`).getAttribute("content");
}

/** Every request of `page` that failed or was answered with an error, and those not answered by
 * the service worker. */
function watchRequests(page) {
  const seen = { failed: [], notFromWorker: [] };
  page.on("requestfailed", (request) => seen.failed.push(`${request.url()}: ${request.failure()?.errorText}`));
  page.on("response", (response) => {
    if (response.status() >= 400) seen.failed.push(`${response.url()}: ${response.status()}`);
    if (!response.fromServiceWorker()) seen.notFromWorker.push(response.url());
  });
  return seen;
}

/** Makes the test server serve `dir` from now on, as a host does when a new version goes up. The
 * request comes from the test, not from the page. */
async function serve(baseURL, dir) {
  const response = await fetch(`${baseURL}/__serve?dir=${encodeURIComponent(dir)}`, { method: "POST" });
  expect(response.status, await response.text()).toBe(204);
}

/** A next build: a copy of dist with its own build id and the given rules version, made by the
 * same script as a real build (scripts/make-sw.mjs). */
function nextBuild(name, rules) {
  const dir = test.info().outputPath(name);
  cpSync("dist", dir, { recursive: true });
  execFileSync("node", ["scripts/make-sw.mjs", dir, "--profile", "release", "--rules", rules, "--salt", name]);
  const build = /<meta name="redress-build" content="([0-9a-f]+)"/.exec(readFileSync(`${dir}/index.html`, "utf8"))[1];
  return { dir, build };
}

const code = JSON.parse(readFileSync("crates/redress-core/src/policy/data/code-2024.json", "utf8"));
const codeChoice = `${code.id}@${code.version}`;

const distRules = () => /<meta name="redress-rules" content="([0-9a-f]{8})"/.exec(readFileSync("dist/index.html", "utf8"))[1];

test("after one visit, every area works with no network", async ({ page, context }) => {
  const requests = watchRequests(page);
  await page.goto("/");
  await waitForApp(page);
  await waitUntilKept(page);
  requests.notFromWorker.length = 0;
  await context.setOffline(true);

  // A resident starts a complaint (a fresh page load of an app path), answers every question
  // and saves it for tracking.
  const flow = new ComplaintFlow(page);
  await flow.start();
  await flow.answerAll(SAM_TAYLOR);
  await flow.next("This is a complaint");
  await page.getByTestId("save-complaint").click();
  await expect(page.getByRole("heading", { level: 1, name: "Your complaint to Progress Housing Group" })).toBeVisible();
  // The complaint's own address, loaded afresh.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Your complaint to Progress Housing Group" })).toBeVisible();
  await page.goto("/complaints");
  await expect(page.getByTestId("complaints")).toContainText("Progress Housing Group: Damp and mould (Sam Taylor)");

  // The association sets up its register, logs a complaint and opens it.
  const assoc = new AssociationPages(page);
  await assoc.setUp({ organisation: "Riverside Homes", policy: codeChoice, handlers: ["Amira Khan"] });
  await assoc.logNew({ received: "2026-11-30", resident: "Jo Bloggs", category: "Repairs", words: "The boiler is broken." });
  await page.reload();
  await expect(page.getByTestId("case-title")).toContainText("Jo Bloggs");
  await page.goto("/association/register");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText("Jo Bloggs")).toBeVisible();

  // Your data shows both.
  const data = new YourDataPage(page);
  await data.goto();
  await expect.poll(async () => (await data.counts()).cases).toBe(2);
  await checkA11y(page, "Your data, offline");

  expect(requests.failed, "requests that failed").toEqual([]);
  expect(requests.notFromWorker, "responses not from the worker").toEqual([]);
});

test("the first visit fetches only the main module; the worker keeps the rest in the background", async ({ page }) => {
  const wasm = [];
  page.on("request", (request) => {
    if (request.url().endsWith(".wasm")) wasm.push(new URL(request.url()).pathname.split("/").pop());
  });
  await page.goto("/");
  await waitForApp(page);
  await waitUntilKept(page);
  expect(wasm).toEqual(["redress_bg.wasm"]);
  // The worker's own list is every file of the build, and its cache holds each of them.
  const kept = await page.evaluate(async () => {
    const [name] = await caches.keys();
    const cache = await caches.open(name);
    return { name, paths: (await cache.keys()).map((r) => new URL(r.url).pathname).sort() };
  });
  const build = await meta(page, "build");
  expect(kept.name).toBe(`redress-${build}`);
  const sw = readFileSync("dist/sw.js", "utf8");
  const listed = [...sw.matchAll(/^ {2}\["([^"]+)", "sha256-/gm)].map((m) => m[1]).sort();
  expect(kept.paths).toEqual(listed);
  for (const part of ["/index.html", "/manifest.webmanifest", "/icons/icon-512.png", "split_redress_association.wasm", "split_redress_resident.wasm", "split_redress_data.wasm"]) {
    expect(listed.some((p) => p.endsWith(part)), `${part} is kept`).toBe(true);
  }
});

test("the main module is preloaded, once, on a visit from the network, and not on one the worker serves", async ({ page }) => {
  const main = [];
  page.on("request", (request) => {
    if (request.url().endsWith("/redress_bg.wasm")) main.push({ fromWorker: false, request });
  });
  page.on("response", (response) => {
    const seen = main.find((m) => m.request === response.request());
    if (seen) seen.fromWorker = response.fromServiceWorker();
  });
  const preloads = () => page.locator('head link[rel="preload"][href$="/redress_bg.wasm"]');
  // A first visit: no worker serves the page, so the download starts from <head>, and the app
  // uses that download instead of fetching the file a second time.
  await page.goto("/complaint/who");
  await waitForApp(page);
  await expect(preloads()).toHaveCount(1);
  expect(await preloads().evaluate((link) => ({ as: link.as, type: link.type, crossOrigin: link.crossOrigin }))).toEqual({ as: "fetch", type: "application/wasm", crossOrigin: "anonymous" });
  await waitUntilKept(page);
  expect(main.map((m) => m.fromWorker)).toEqual([false]);
  // The next visit comes from the worker's cache: no preload (it only held back the first paint),
  // and the app fetches the file itself, from the worker, once.
  main.length = 0;
  await page.reload();
  await waitForApp(page);
  await expect(page.locator("#who-resident")).toBeEnabled();
  await expect(preloads()).toHaveCount(0);
  expect(main.map((m) => m.fromWorker)).toEqual([true]);
});

test("on a first visit to a page with a part of its own, the worker is registered only once the page is drawn", async ({ page }) => {
  // The order of events, not their timing: when the page registers the worker (whose install
  // downloads the whole build), the guided complaint's page, which comes with its part, has been
  // drawn (its title is set as it is drawn; the start page's is "Redress").
  await page.addInitScript(() => {
    const register = ServiceWorkerContainer.prototype.register;
    ServiceWorkerContainer.prototype.register = function (...args) {
      window.__titleWhenRegistered = document.title;
      return register.apply(this, args);
    };
  });
  const wasm = [];
  page.on("request", (request) => {
    if (request.url().endsWith(".wasm") && !request.serviceWorker()) wasm.push(new URL(request.url()).pathname.split("/").pop());
  });
  await page.goto("/complaint/who");
  await expect(page.locator("#who-resident")).toBeVisible();
  await waitUntilKept(page);
  expect(await page.evaluate(() => window.__titleWhenRegistered)).toBe("Who is making this complaint? – Redress");
  expect(wasm).toContain("split_redress_complaint.wasm");
});

test("the app can be installed: a manifest with a name, standalone display and icons", async ({ page, request }) => {
  await page.goto("/");
  await waitForApp(page);
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  const manifest = await (await request.get(href)).json();
  expect(manifest).toMatchObject({ short_name: "Redress", start_url: "/", scope: "/", display: "standalone", theme_color: "#1d4d6b", background_color: "#ffffff" });
  expect(manifest.name).toContain("Redress");
  const sizes = manifest.icons.map((i) => `${i.sizes} ${i.purpose}`);
  expect(sizes).toEqual(expect.arrayContaining(["192x192 any", "512x512 any", "512x512 maskable"]));
  for (const icon of manifest.icons) {
    const response = await request.get(icon.src);
    expect(response.headers()["content-type"]).toBe("image/png");
    // A PNG whose width and height are what the manifest says.
    const png = await response.body();
    const [w, h] = icon.sizes.split("x").map(Number);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)], icon.src).toEqual([w, h]);
  }
  await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute("content", manifest.theme_color);
});

test("a new version waits until it is chosen, says whether its rules change, and never mixes with the old", async ({ page, context, baseURL }) => {
  const same = nextBuild("next-same-rules", distRules());
  const changed = nextBuild("next-new-rules", "0123abcd");
  await page.goto("/complaint/who");
  await waitForApp(page);
  await waitUntilKept(page);
  const first = await meta(page, "build");
  const banner = page.getByTestId("update-banner");
  await expect(banner).toBeEmpty();
  // A second window of Redress, open all along.
  const other = await context.newPage();
  await other.goto("/your-data");
  await waitForApp(other);

  try {
    // A new version with the same rules goes up; the browser finds it when a page is opened.
    await serve(baseURL, same.dir);
    await page.reload();
    await expect(banner).toHaveText(/A new version of Redress is ready\. It uses the same rules for deadlines\./);
    // It waits: this page is still the old build.
    expect(await meta(page, "build")).toBe(first);

    // Before it is chosen, a newer one goes up, with new rules: it takes the waiting one's place.
    await serve(baseURL, changed.dir);
    await page.reload();
    await expect(banner).toContainText("A new version of Redress is ready. It has updated rules (version 0123abcd): some deadlines may change.");
    expect(await meta(page, "build")).toBe(first);
    await checkA11y(page, "the update banner");

    // "Later" puts it away; the next page load asks again.
    await page.getByRole("button", { name: "Later" }).click();
    await expect(banner).toBeEmpty();
    await page.reload();
    await expect(banner).toContainText("updated rules (version 0123abcd)");
    expect(await meta(page, "build")).toBe(first);

    // Chosen from the keyboard: the page reloads as the new build, and only its cache is left.
    await page.getByRole("button", { name: "Use the new version" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => meta(page, "build")).toBe(changed.build);
    await waitForApp(page);
    await expect(banner).toBeEmpty();
    await expect(page.getByTestId("app-version")).toContainText("Rules for deadlines: version 0123abcd");
    expect(await page.evaluate(() => caches.keys())).toEqual([`redress-${changed.build}`]);

    // The other window is still the old build, and says how to move to the new one.
    expect(await meta(other, "build")).toBe(first);
    const otherBanner = other.getByTestId("update-banner");
    await expect(otherBanner).toContainText("A new version of Redress was chosen in another window.");
    await other.getByRole("button", { name: "Reload this page" }).click();
    await expect.poll(() => meta(other, "build")).toBe(changed.build);

    // And the new build works offline.
    await context.setOffline(true);
    await page.goto("/association");
    await expect(page.getByRole("heading", { level: 1, name: "Complaints register" })).toBeVisible();
    expect(await meta(page, "build")).toBe(changed.build);
  } finally {
    await context.setOffline(false);
    await serve(baseURL, "dist");
  }
});

test("a development build at the same address removes a release build's worker and its copy", async ({ page, baseURL }) => {
  await page.goto("/");
  await waitForApp(page);
  await waitUntilKept(page);
  // A development build's files (trunk serve): its sw.js is scripts/service-worker-dev.js, and its
  // page never registers a worker (here the release page's call is switched off to match).
  const dev = test.info().outputPath("dev");
  cpSync("dist", dev, { recursive: true });
  execFileSync("node", ["scripts/make-sw.mjs", dev, "--profile", "debug"]);
  const devBuild = /<meta name="redress-build" content="([0-9a-f]+)"/.exec(readFileSync(`${dev}/index.html`, "utf8"))[1];
  await page.addInitScript(() => {
    navigator.serviceWorker.register = () => new Promise(() => {});
  });
  try {
    await serve(baseURL, dev);
    // Opening a page makes the browser look at the worker's script: it finds the development
    // one, which removes the copy and itself, and reloads the page from the server.
    await page.reload();
    await expect.poll(() => meta(page, "build")).toBe(devBuild);
    await expect.poll(() => page.evaluate(() => caches.keys())).toEqual([]);
    await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration()) === undefined)).toBe(true);
    await waitForApp(page);
  } finally {
    await serve(baseURL, "dist");
  }
});
