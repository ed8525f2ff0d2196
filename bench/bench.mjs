// Redress's browser benchmark (a benchmark, not a test: it prints figures and checks nothing).
// Run it with `bash bench/run.sh`, which builds the release app and the 10,000-case bundle first.
// It serves `dist`, or the build named by DIST (to compare two builds).
//
// In headless Chromium, against the release build served gzipped on loopback, it measures:
// 1. importing a bundle of 10,000 realistic cases through the real "Your data" page
//    (validate + preview, then the one-transaction write), and, as the baseline, a plain
//    JavaScript IndexedDB bulk put of the same records in one transaction; then the ratio
//    (nine runs of each, alternating; the median and the range);
// 2. the size of the wasm, JS and CSS, raw and gzipped, and the wasm a browser fetches to show
//    the start page and each area's first page;
// 3. the page's JS heap and wasm memory after the import;
// 4. assessing 10,000 cases with the policy engine, in the browser;
// 5. the time from navigation to an interactive start page under a mobile throttle
//    (4x CPU slowdown, 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip, gzipped assets);
// 6. under the same throttle, the time to the guided complaint's first question being
//    interactive, from a cold start and from the service worker's cache, beside a static HTML
//    page with the same question (bench/static-question.html) and that page with no network
//    at all (the floor under the figure from the cache), alternating runs (phone.mjs).
//
// `node bench/bench.mjs --phone` runs only 2 and 6 (no bundle needed). REDRESS_BENCH_PORT sets
// the port (4180 by default); PHONE_RUNS the number of runs of each side in 6 (7 by default).
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromiumLaunch } from "../playwright.config.mjs";
import { PHONE, firstQuestion, throttle } from "./phone.mjs";

const port = Number(process.env.REDRESS_BENCH_PORT || 4180);
const base = `http://127.0.0.1:${port}`;
const flags = process.argv.slice(2).filter((a) => a.startsWith("--"));
const phoneOnly = flags.includes("--phone");
const bundlePath = process.argv.slice(2).find((a) => !a.startsWith("--")) ?? "bench/results/bundle-10k.json";
const dist = process.env.DIST ?? "dist";
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const ms = (n) => `${Math.round(n)} ms`;
const IMPORT_RUNS = 9;

// The server serves a copy of the build with the static page beside it (at STATIC_PATH, the
// build's stylesheet put in its link), so both come from one server, gzipped alike.
const served = mkdtempSync(join(tmpdir(), "redress-bench-"));
cpSync(dist, served, { recursive: true });
const css = /<link rel="stylesheet" href="([^"]+)"/.exec(readFileSync(join(dist, "index.html"), "utf8"))[1];
const STATIC_PATH = "/bench-static-question.html";
// The static page's body is index.html's own copy of the first question, which is what the app
// shows first (src/ui/early.rs): the comparison is of the same markup.
const early = /(<div id="early">[\s\S]*?)<!-- end of #early -->/.exec(readFileSync("index.html", "utf8"))?.[1];
if (!early) {
  console.error("index.html has no <div id=\"early\">…<!-- end of #early --> for the static page.");
  process.exit(1);
}
const staticPage = readFileSync("bench/static-question.html", "utf8").replace("__CSS__", css).replace("__EARLY__", early.trim());
writeFileSync(join(served, STATIC_PATH), staticPage);
const server = spawn("node", ["tests/e2e/serve.mjs", served, String(port)], { stdio: ["ignore", "pipe", "inherit"] });
await new Promise((resolve) => server.stdout.once("data", resolve));
const browser = await chromium.launch(chromiumLaunch);

try {
  if (!phoneOnly) await importAndMore();
  await sizes();
  await startPage();
  await firstQuestion(browser, base, STATIC_PATH);
} finally {
  await browser.close();
  server.kill();
  rmSync(served, { recursive: true, force: true });
}

async function importAndMore() {
  const bundleText = readFileSync(bundlePath, "utf8");
  const records = JSON.parse(bundleText).records;
  console.log(`Bundle: ${bundlePath}, ${records.length} records, ${mb(bundleText.length)}`);

  // 1. Import through the app, against the baseline, several times each (alternating, so both
  // see the same machine), as one run on this 2-core machine can be far off. Both are timed in
  // the page with its own clock: the app from the moment the file is chosen (its input's change
  // event) to the frame that shows the preview, and from the click on Import to the frame that
  // shows "Imported" (the user's pause between the two is not counted); the baseline from
  // before its JSON.parse to its transaction's completion.
  const runs = [];
  let memory = null;
  let page = null;
  let context = null;
  for (let run = 0; run < IMPORT_RUNS; run++) {
    if (context) await context.close();
    context = await browser.newContext();
    page = await context.newPage();
    await page.goto(`${base}/your-data`);
    await page.getByTestId("stored-counts").waitFor();
    await page.evaluate(() => {
      const marks = (window.__importMarks = {});
      document.addEventListener("change", () => (marks.chosen = performance.now()), true);
      document.addEventListener("click", () => (marks.confirmed = performance.now()), true);
      // The frame that shows each panel: an animation frame runs just before its paint.
      const shown = (testid, name) => {
        if (!marks[`${name}Seen`] && document.querySelector(`[data-testid="${testid}"]`)) {
          marks[`${name}Seen`] = true;
          requestAnimationFrame(() => (marks[name] = performance.now()));
        }
      };
      new MutationObserver(() => {
        shown("import-preview", "previewed");
        shown("import-done", "done");
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.getByLabel("Choose a file").setInputFiles(bundlePath);
    await page.getByTestId("import-preview").waitFor({ timeout: 120_000 });
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByTestId("import-done").waitFor({ timeout: 120_000 });
    await page.waitForFunction(() => window.__importMarks.done !== undefined);
    const marks = await page.evaluate(() => window.__importMarks);
    const preview = marks.previewed - marks.chosen;
    const write = marks.done - marks.confirmed;

    const baselineContext = await browser.newContext();
    const baselinePage = await baselineContext.newPage();
    await baselinePage.goto(`${base}/`);
    const baseline = await baselinePage.evaluate(async (text) => {
      const start = performance.now();
      const recs = JSON.parse(text).records;
      const db = await new Promise((resolve, reject) => {
        const req = indexedDB.open("baseline", 1);
        req.onupgradeneeded = () => {
          for (const s of ["cases", "drafts", "policies", "settings"]) req.result.createObjectStore(s, { keyPath: "id" });
        };
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      await new Promise((resolve, reject) => {
        const tx = db.transaction(["cases", "drafts", "policies", "settings"], "readwrite");
        const names = { case: "cases", draft: "drafts", policy: "policies", setting: "settings" };
        for (const r of recs) tx.objectStore(names[r.kind]).put(r);
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      return performance.now() - start;
    }, bundleText);
    await baselineContext.close();
    runs.push({ preview, write, app: preview + write, baseline, ratio: (preview + write) / baseline });
    console.log(
      `Import run ${run + 1}: app ${ms(preview + write)} (validate and preview ${ms(preview)}, write ${ms(write)}), ` +
        `baseline ${ms(baseline)}, ratio ${((preview + write) / baseline).toFixed(2)}x`,
    );
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const range = (values) => `${Math.min(...values).toFixed(2)}x-${Math.max(...values).toFixed(2)}x`;
  console.log(`Import via the app, median of ${IMPORT_RUNS}: ${ms(median(runs.map((r) => r.app)))} (validate and preview ${ms(median(runs.map((r) => r.preview)))}, write ${ms(median(runs.map((r) => r.write)))})`);
  console.log(`Baseline (plain JS parse + bulk put), median: ${ms(median(runs.map((r) => r.baseline)))}`);
  console.log(
    `Ratio import / baseline, median: ${median(runs.map((r) => r.ratio)).toFixed(2)}x (runs ${range(runs.map((r) => r.ratio))}; ` +
      `median app / median baseline ${(median(runs.map((r) => r.app)) / median(runs.map((r) => r.baseline))).toFixed(2)}x; target: at most 1.5x and under 2000 ms)`,
  );

  // 3. Memory after the (last) import.
  memory = await page.evaluate(() => ({
    heap: performance.memory ? performance.memory.usedJSHeapSize : null,
    wasm: window.wasmBindings && window.wasmBindings.wasm_memory_bytes ? window.wasmBindings.wasm_memory_bytes() : null,
  }));
  console.log(`After the import: JS heap ${memory.heap ? mb(memory.heap) : "n/a"}, wasm memory ${memory.wasm ? mb(memory.wasm) : "n/a"}`);

  // 4. The engine in the browser.
  const engine = await page.evaluate(() =>
    window.wasmBindings && window.wasmBindings.bench_assess ? window.wasmBindings.bench_assess(10000) : null,
  );
  console.log(`Assess 10,000 cases in the browser: ${engine === null ? "n/a" : ms(engine)} (target: under 50 ms)`);
  const register = await page.evaluate(() =>
    window.wasmBindings && window.wasmBindings.bench_register ? window.wasmBindings.bench_register(10000) : null,
  );
  console.log(`Register: slowest filter-and-sort of 10,000 rows in the browser: ${register === null ? "n/a" : ms(register)} (target: under 100 ms)`);
  await context.close();
}

async function sizes() {
  // 2. Sizes: every built file, then what a browser fetches to show each area's first page (the
  // app is split: the start page needs only the main module; each area's part comes when used).
  const files = readdirSync(dist, { recursive: true }).filter((f) => /\.(wasm|js|css)$/.test(f)).sort();
  const gz = new Map();
  for (const file of files) {
    const raw = readFileSync(join(dist, file));
    gz.set(file.split("/").pop(), gzipSync(raw, { level: 9 }).length);
    console.log(`Size ${file}: ${kb(statSync(join(dist, file)).size)} raw, ${kb(gz.get(file.split("/").pop()))} gzipped`);
  }
  const wasmFiles = files.filter((f) => f.endsWith(".wasm"));
  const sum = (names) => names.reduce((total, name) => total + gz.get(name), 0);
  console.log(`Size of all wasm: ${wasmFiles.length} files, ${kb(sum(wasmFiles.map((f) => f.split("/").pop())))} gzipped`);
  for (const path of ["/", "/resident", "/complaint/who", "/association/register", "/your-data"]) {
    const fresh = await browser.newContext();
    const p = await fresh.newPage();
    const fetched = [];
    p.on("request", (request) => {
      const name = new URL(request.url()).pathname.split("/").pop();
      if (name.endsWith(".wasm")) fetched.push(name);
    });
    await p.goto(`${base}${path}`);
    await p.locator("main h1").waitFor();
    await p.waitForLoadState("networkidle");
    console.log(`wasm fetched to show ${path}: ${fetched.length} file(s), ${kb(sum(fetched))} gzipped (${fetched.join(", ")})`);
    await fresh.close();
  }
}

async function startPage() {
  // 5. Start page under a mobile throttle.
  const mobile = await browser.newContext(PHONE);
  const mobilePage = await mobile.newPage();
  await throttle(mobile, mobilePage, { cacheDisabled: true });
  await mobilePage.goto(`${base}/`, { waitUntil: "commit" });
  await mobilePage.getByTestId("choose-resident").waitFor({ timeout: 120_000 });
  const interactive = await mobilePage.evaluate(() => performance.now());
  console.log(`Start page interactive under mobile throttle: ${ms(interactive)}`);
  await mobile.close();
}
