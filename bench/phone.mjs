// The benchmark's phone: the throttle, and the guided complaint's first question on it, beside a
// static page (section 6 of bench/bench.mjs; docs/benchmarks.md says how it is defined).
//
// "Interactive", the same for both sides: the first animation frame (the frame about to be
// painted) in which the first answer of the first question, the radio button `#who-resident`,
// is in the document with a box on the screen, every stylesheet of the page has loaded, and
// `focus()` makes it the focused element. Its time is `performance.now()` in that frame: from
// the start of the navigation (the page's time origin), so it counts the connection and every
// download it waits for. At /complaint/who the first such frame shows the page's own copy of the
// question (index.html's `#early`), answerable before the app's code has arrived: what is
// done there is carried into the app when it takes over (src/ui/early.rs). The bench also
// times that takeover, the first frame in which the question is the app's own (the copy gone):
// it counts every download, compiling and starting the WebAssembly, reading the saved answers
// from IndexedDB and drawing the page. After the run, once the app has taken over, the driver
// answers it from the keyboard (focus, Space) and checks it is chosen, untimed, on both sides.
//
// The probe is added by the driver (an init script, the same on both sides); the static page
// itself has no script.

/**
 * 4x CPU slowdown, 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip. With `network: false`,
 * only the CPU is slowed (the page's files come from loopback at once).
 */
export async function throttle(context, page, { cacheDisabled = false, network = true } = {}) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  if (cacheDisabled) await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (network) {
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 150,
      downloadThroughput: (1.6 * 1024 * 1024) / 8,
      uploadThroughput: (750 * 1024) / 8,
    });
  }
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  return cdp;
}

export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, locale: "en-GB", timezoneId: "Europe/London" };

/**
 * The init script: waits for the first frame in which the first answer is interactive (`at`),
 * and then for the first in which it is the app's own (`app`: the page's copy of the question,
 * index.html's `#early`, has gone; src/ui/early.rs). On the static page the two are the same.
 */
function probe() {
  const state = (window.__firstQuestion = { at: null, app: null });
  // Every stylesheet in, with its rules (one that failed to load, or is not CSS, has none).
  const styled = () => [...document.querySelectorAll('link[rel="stylesheet"]')].every((link) => link.sheet !== null && link.sheet.cssRules.length > 0);
  const interactive = () => {
    const input = document.getElementById("who-resident");
    const box = input?.getBoundingClientRect();
    if (!(input && input.isConnected && !input.disabled && box.width > 0 && box.height > 0 && styled())) return false;
    const before = document.activeElement;
    input.focus({ preventScroll: true });
    const focused = document.activeElement === input;
    // Leave focus where the page had it: the measure must not change what the page does.
    input.blur();
    if (before && before !== document.body && typeof before.focus === "function") before.focus({ preventScroll: true });
    return focused;
  };
  let waiting = false;
  const frame = () => {
    waiting = false;
    if (state.at === null && interactive()) state.at = performance.now();
    if (state.at !== null && state.app === null && !document.getElementById("early") && interactive()) {
      state.app = performance.now();
      observer.disconnect();
      return;
    }
    // Until the first answer is there, every frame; then at the next change to the page.
    if (state.at === null) ask();
  };
  const ask = () => {
    if (!waiting) {
      waiting = true;
      requestAnimationFrame(frame);
    }
  };
  const observer = new MutationObserver(() => {
    if (document.getElementById("who-resident")) ask();
  });
  observer.observe(document, { childList: true, subtree: true });
}

/**
 * Opens `url` in `page` (throttled), and returns when its first question became interactive and
 * when it became the app's own.
 */
async function timeFirstQuestion(context, page, url, options = {}) {
  // The static page (whose question is the same markup, `#early` included) has no app to wait for.
  const own = options.staticPage ? "at" : "app";
  await page.addInitScript(probe);
  await throttle(context, page, options);
  await page.goto(url, { waitUntil: "commit", timeout: 120_000 });
  try {
    await page.waitForFunction((own) => window.__firstQuestion?.[own] != null, own, { timeout: 120_000, polling: 250 });
  } catch (error) {
    const seen = await page.evaluate(() => ({ times: window.__firstQuestion, early: document.getElementById("early") !== null, text: document.body.innerText.slice(0, 300) }));
    throw new Error(`${url}: the first question did not become the app's own: ${JSON.stringify(seen)}`, { cause: error });
  }
  const times = await page.evaluate(() => {
    // Where the time went before the page could draw: when its response had arrived (from the
    // network or the worker), and when its stylesheet did.
    const [navigation] = performance.getEntriesByType("navigation");
    const css = performance.getEntriesByType("resource").find((entry) => entry.name.endsWith(".css"));
    return { ...window.__firstQuestion, response: navigation.responseEnd, css: css?.responseEnd ?? null };
  });
  // Answered, untimed: from the keyboard, as a resident would.
  await page.focus("#who-resident");
  await page.keyboard.press("Space");
  if (!(await page.isChecked("#who-resident"))) throw new Error(`${url}: the first answer could not be chosen`);
  return times;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (n) => `${Math.round(n)} ms`;
const spread = (values) => `${ms(median(values))} (${ms(Math.min(...values))}-${ms(Math.max(...values))})`;

/**
 * Section 6: alternating runs of the app (a cold start in a fresh context, then a second visit
 * from the service worker's cache in the same context) and of the static page (a cold start),
 * all under the phone throttle, and of the static page with only the CPU slowed (the floor).
 */
export async function firstQuestion(browser, base, staticPath) {
  const runs = Number(process.env.PHONE_RUNS || 7);
  const app = [];
  const cached = [];
  const statik = [];
  const floors = [];
  // When the app's own question replaced the page's copy (src/ui/early.rs).
  const appOwn = [];
  const cachedOwn = [];
  for (let run = 1; run <= runs; run++) {
    // The app, cold: a fresh context has no cache, no stored data and no service worker.
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const wasm = [];
    page.on("request", (request) => {
      if (request.url().endsWith(".wasm")) wasm.push(new URL(request.url()).pathname.split("/").pop());
    });
    const cold = await timeFirstQuestion(context, page, `${base}/complaint/who`, { cacheDisabled: true });
    // Let the worker keep the build (unthrottled, to save time; the page stays open meanwhile,
    // as a resident's would), then visit again with it in charge.
    await (await context.newCDPSession(page)).send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 120_000 });
    await page.close();
    const again = await context.newPage();
    const fromCache = [];
    again.on("response", (response) => {
      if (!response.fromServiceWorker()) fromCache.push(new URL(response.url()).pathname);
    });
    const warm = await timeFirstQuestion(context, again, `${base}/complaint/who`);
    await context.close();

    // The static page, cold, each time in a fresh context.
    const staticPage = async (options) => {
      const staticContext = await browser.newContext(PHONE);
      const times = await timeFirstQuestion(staticContext, await staticContext.newPage(), `${base}${staticPath}`, { cacheDisabled: true, staticPage: true, ...options });
      await staticContext.close();
      return times;
    };
    const plain = await staticPage();
    // Again, with no network at all (only the CPU slowed): the least any page with this markup
    // and stylesheet takes on this phone, the floor for the cache's figure.
    const floor = await staticPage({ network: false });

    app.push(cold.at);
    cached.push(warm.at);
    statik.push(plain.at);
    floors.push(floor.at);
    appOwn.push(cold.app);
    cachedOwn.push(warm.app);
    console.log(
      `First question, run ${run}: app cold ${ms(cold.at)}, the app's own ${ms(cold.app)} (${wasm.length} wasm files: ${wasm.join(", ")}), ` +
        `app from the worker's cache ${ms(warm.at)} (page ${ms(warm.response)}, stylesheet ${ms(warm.css)}), the app's own ${ms(warm.app)}` +
        `${fromCache.length ? ` (not from the worker: ${fromCache.join(", ")})` : ""}, ` +
        `static page ${ms(plain.at)}, ratio ${(cold.at / plain.at).toFixed(2)}x, static page with no network ${ms(floor.at)}`,
    );
  }
  const ratios = app.map((a, i) => a / statik[i]);
  console.log(`First question interactive on the phone, ${runs} runs of each, alternating (median, range):`);
  console.log(`  static page (no script, same markup and CSS), cold: ${spread(statik)}`);
  console.log(
    `  app, cold start:                 ${spread(app)}; app / static: median of the runs' ratios ${median(ratios).toFixed(2)}x ` +
      `(${Math.min(...ratios).toFixed(2)}x-${Math.max(...ratios).toFixed(2)}x), median over median ` +
      `${(median(app) / median(statik)).toFixed(2)}x (target: at most 2x)`,
  );
  console.log(`  app, from the service worker's cache: ${spread(cached)} (target: under 500 ms)`);
  console.log(`  static page with no network (only the CPU slowed: the floor for the cache's figure): ${spread(floors)}`);
  console.log(`  the app's own question in place (the page's copy gone), cold: ${spread(appOwn)}; from the cache: ${spread(cachedOwn)}`);
}
