// The smoke journey, run in each engine over plain W3C WebDriver (the Playwright suite covers
// Chromium in depth; this proves the same build works end to end in WebKit and Firefox):
//   1. the start page loads: its heading, no errors, the fixed clock in place;
//   2. one guided complaint from the first question to its letter, under the statutory Code
//      (a landlord Redress has no policy for, about repairs), with the letter's dates;
//   3. it is saved to track, survives a reload, and is listed in My complaints;
//   4. "Download all my data" gives a Redress file holding it;
//   5. in a fresh browser profile (a new session) there is nothing, and importing that file
//      brings the complaint back with the same dates.
// After every page, the page must have logged no error and fetched nothing from another origin.
//
// Usage (scripts/engines.sh starts the server and drivers and runs this):
//   node tests/smoke/journey.mjs --base http://127.0.0.1:4180 webkit=http://127.0.0.1:9516 firefox=http://127.0.0.1:4444
// The server must serve dist/ with tests/smoke/preload.js first (tests/e2e/serve.mjs --preload).
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { resolve, join } from "node:path";
import { Session } from "./webdriver.mjs";
import { WebDriverUi } from "./ui.mjs";
import { engines, savesDownloads } from "./engines.mjs";
import { GuidedComplaint } from "../e2e/guided.mjs";

// The fixed clock (preload.js) says Monday 11 January 2027. Worked by hand, no bank holiday in
// the way (the next in England is Good Friday, 26 March 2027):
// - the Code 6.2 (Stage 1): acknowledge within 5 working days of receipt: Tue 12, Wed 13,
//   Thu 14, Fri 15, Mon 18 → Monday 18 January 2027;
// - the Code 6.3: respond within 10 working days of the acknowledgement: Tue 19, Wed 20, Thu 21, Fri 22,
//   Mon 25, Tue 26, Wed 27, Thu 28, Fri 29 January, Mon 1 February → Monday 1 February 2027.
const TODAY = "2027-01-11";
const ACKNOWLEDGE_BY = "18 January 2027";
const RESPOND_BY = "1 February 2027";

const complaint = {
  name: "Alex Jones",
  landlord: "My landlord is not listed",
  landlordName: "Riverside Homes",
  topic: "Repairs not done, or done badly",
  words: "The boiler has broken three times since October and we have no hot water.",
  started: { day: 5, month: 10, year: 2026 },
  ongoing: true,
  reportedBefore: true,
  outcome: "Replace the boiler and pay for the heaters we had to buy.",
  email: "alex@example.org",
};

function parseArgs(argv) {
  const out = { base: "http://127.0.0.1:4180", artifacts: resolve("test-results/smoke"), drivers: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--base") out.base = argv[++i];
    else if (argv[i] === "--artifacts") out.artifacts = resolve(argv[++i]);
    else {
      const [engine, url] = argv[i].split("=");
      if (!engines[engine] || !url) throw new Error(`Expected engine=driver-url (engines: ${Object.keys(engines).join(", ")}), got ${argv[i]}`);
      out.drivers.push({ engine, url });
    }
  }
  if (!out.drivers.length) throw new Error("Name at least one engine, such as webkit=http://127.0.0.1:9516");
  return out;
}

/** Fails if the page has logged an error or fetched from another origin since it loaded. */
async function checkPage(ui, where) {
  const report = await ui.session.execute(() => {
    const smoke = window.__redressSmoke;
    if (!smoke) return null;
    const offOrigin = performance.getEntriesByType("resource").map((e) => e.name)
      .filter((u) => !u.startsWith("blob:") && !u.startsWith("data:") && new URL(u).origin !== location.origin);
    return { errors: smoke.errors.slice(), offOrigin };
  });
  if (!report) throw new Error(`${where}: the test preload script did not run (is dist/ served with tests/e2e/serve.mjs --preload tests/smoke/preload.js?)`);
  if (report.errors.length) throw new Error(`${where}: the page reported errors:\n  ${report.errors.join("\n  ")}`);
  if (report.offOrigin.length) throw new Error(`${where}: requests left the origin: ${report.offOrigin.join(", ")}`);
}

/** The last file the page offered as a download: { name, text }. */
async function lastDownload(ui, count) {
  await ui.waitFor(
    () => ui.session.execute((n) => window.__redressSmoke.downloads.length >= n, count),
    () => "The page did not offer a file to download",
  );
  return ui.session.executeAsync(async () => {
    const d = window.__redressSmoke.downloads.at(-1);
    return { name: d.name, text: await d.blob.text() };
  });
}

async function waitForFile(ui, dir, name) {
  const path = join(dir, name);
  await ui.waitFor(
    () => existsSync(path) && !existsSync(`${path}.part`) && readFileSync(path, "utf8").length > 0,
    () => `The browser did not save ${name} in ${dir} (there: ${existsSync(dir) ? readdirSync(dir).join(", ") || "nothing" : "no folder"})`,
  );
  return readFileSync(path, "utf8");
}

async function journey({ engine, url }, base, artifacts, log) {
  const downloads = join(artifacts, `${engine}-downloads`);
  rmSync(downloads, { recursive: true, force: true });
  mkdirSync(downloads, { recursive: true });
  const capabilities = engines[engine]({ downloads });
  let session;
  let ui;
  const step = async (name, body) => {
    const start = Date.now();
    try {
      await body();
    } catch (e) {
      e.message = `${name}: ${e.message}`;
      throw e;
    }
    log(`ok   ${name} (${((Date.now() - start) / 1000).toFixed(1)} s)`);
  };
  const open = async () => {
    session = await Session.start(url, capabilities, 90_000);
    await session.setTimeouts({ script: 30_000, pageLoad: 30_000, implicit: 0 });
    // 30 s for each wait: WebKit and Firefox draw in software here, and on a busy two-core machine
    // WebKit has taken over 15 s to show a page the app had already started (no wait is a timing).
    ui = new WebDriverUi(session, base, { timeout: 30_000 });
  };

  try {
    await step(`start ${engine} (fresh profile)`, async () => {
      await open();
      log(`     ${session.capabilities.browserName} ${session.capabilities.browserVersion}`);
    });

    await step("the start page loads, with no errors and the fixed clock", async () => {
      await ui.goto("/");
      await ui.expectHeading("Complain about your home, and get an answer on time");
      // window.Date, not Date: Firefox runs WebDriver scripts in a sandbox with its own built-ins,
      // where Date is the browser's and not the page's.
      const now = await session.execute(() => {
        const d = new window.Date();
        return [d.toISOString(), d.getDate(), d.getMonth() + 1];
      });
      if (!now[0].startsWith(TODAY) || now[1] !== 11 || now[2] !== 1) throw new Error(`the page's clock says ${now[0]}, not ${TODAY} (local ${now[1]}/${now[2]})`);
      await checkPage(ui, "the start page");
    });

    await step("a guided complaint under the Code, from the first question to its letter", async () => {
      const flow = new GuidedComplaint(ui);
      await flow.start("/resident");
      await flow.answerAll(complaint);
      await ui.expectText("check-answers", "Riverside Homes", "Alex Jones");
      await flow.next("This is a complaint");
      await ui.expectText("letter", "To: Riverside Homes", complaint.words, "Complaint Handling Code",
        `acknowledge this complaint by ${ACKNOWLEDGE_BY}`, `send a full response by ${RESPOND_BY}`, "Alex Jones");
      await checkPage(ui, "the letter");
    });

    await step("save it to track, reload, and find it in My complaints", async () => {
      await ui.clickButton("Save this complaint to track it");
      await ui.expectHeading("Your complaint to Riverside Homes");
      await ui.expectText("deadline-stage1.acknowledge", ACKNOWLEDGE_BY);
      await checkPage(ui, "the saved complaint");
      await session.refresh();
      await ui.expectHeading("Your complaint to Riverside Homes");
      await ui.expectText("deadline-stage1.acknowledge", ACKNOWLEDGE_BY);
      await ui.goto("/complaints");
      await ui.expectHeading("My complaints");
      await ui.expectText("complaints", "Riverside Homes", "(Alex Jones)", ACKNOWLEDGE_BY);
      await checkPage(ui, "My complaints");
    });

    let exported;
    await step("download all my data", async () => {
      await ui.goto("/your-data");
      await ui.expectHeading("Your data");
      await ui.expectText("count-cases", /\D1$/);
      await ui.clickButton("Download all my data");
      await ui.expectText("export-done", `redress-${TODAY}.json`);
      const offered = await lastDownload(ui, 1);
      if (offered.name !== `redress-${TODAY}.json`) throw new Error(`the file is named ${offered.name}, not redress-${TODAY}.json`);
      const bundle = JSON.parse(offered.text);
      const cases = bundle.records.filter((r) => r.kind === "case");
      if (bundle.format !== "redress-bundle" || cases.length !== 1 || cases[0].data.resident?.name !== "Alex Jones") {
        throw new Error(`the file does not hold the one saved complaint: ${offered.text.slice(0, 300)}`);
      }
      if (savesDownloads[engine]) {
        const saved = await waitForFile(ui, downloads, offered.name);
        if (saved !== offered.text) throw new Error("the file the browser saved differs from the one the page offered");
        log(`     the browser saved ${offered.name} (${saved.length} bytes) as offered`);
      } else {
        log(`     ${offered.name} (${offered.text.length} bytes) read from the page's Blob (this driver cannot see downloads)`);
      }
      exported = join(downloads, `exported-${offered.name}`);
      writeFileSync(exported, offered.text);
      await checkPage(ui, "Your data, after the download");
    });

    await step("a fresh profile has nothing; importing the file brings the complaint back", async () => {
      await session.end();
      session = null;
      await open();
      await ui.goto("/complaints");
      await ui.expectHeading("My complaints");
      await ui.byTestId("no-complaints");
      await ui.goto("/your-data");
      await ui.expectHeading("Your data");
      await session.sendKeys(await ui.find("label", "Choose a file"), exported);
      await ui.expectText("preview-new", /^1$/);
      await ui.clickButton("Import", { exact: true });
      await ui.expectText("import-done", "Imported.");
      await ui.expectText("count-cases", /\D1$/);
      await checkPage(ui, "Your data, after the import");
      await ui.goto("/complaints");
      await ui.expectText("complaints", "Riverside Homes", "(Alex Jones)", ACKNOWLEDGE_BY);
      await ui.clickLink(/^Riverside Homes/);
      await ui.expectHeading("Your complaint to Riverside Homes");
      await ui.expectText("deadline-stage1.acknowledge", ACKNOWLEDGE_BY);
      await checkPage(ui, "the imported complaint");
    });

    await step("the first question shows from the page itself, then the app takes over", async () => {
      await ui.goto("/complaint/who");
      await ui.expectHeading("Who is making this complaint?");
      await ui.waitFor(
        () => session.execute(() => window.__redressSmoke?.earlyShown === true && document.getElementById("early") === null && document.querySelector('[data-testid="who-resident"]') !== null),
        async () => `the page's copy of the first question was not shown and then replaced by the app's: ${JSON.stringify(await session.execute(() => ({ shown: window.__redressSmoke?.earlyShown, copy: document.getElementById("early") !== null })))}`,
      );
      await ui.check("I am the resident");
      await ui.clickButton("Continue", { exact: true });
      await ui.expectHeading("About you");
      await checkPage(ui, "the first question");
    });
  } catch (e) {
    if (session) {
      const shot = join(artifacts, `${engine}-failure.png`);
      try {
        // WebKit can show a stale frame: let two frames pass first.
        await session.executeAsync(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        writeFileSync(shot, await session.screenshot());
        e.message += `\n     at ${await session.url()}; screenshot: ${shot}`;
        const errors = await session.execute(() => window.__redressSmoke?.errors ?? []);
        if (errors.length) e.message += `\n     the page's errors: ${errors.join(" | ")}`;
      } catch (inner) {
        e.message += `\n     (no screenshot: ${inner.message})`;
      }
    }
    throw e;
  } finally {
    if (session) await session.end().catch(() => {});
  }
}

const { base, artifacts, drivers } = parseArgs(process.argv.slice(2));
mkdirSync(artifacts, { recursive: true });
const failed = [];
for (const driver of drivers) {
  const start = Date.now();
  const log = (line) => console.log(`[${driver.engine}] ${line}`);
  try {
    await journey(driver, base, artifacts, log);
    log(`PASSED in ${((Date.now() - start) / 1000).toFixed(1)} s`);
  } catch (e) {
    log(`FAILED ${e.message}`);
    failed.push(driver.engine);
  }
}
if (failed.length) {
  console.log(`The smoke journey failed in ${failed.join(" and ")}.`);
  process.exit(1);
}
console.log(`The smoke journey passed in ${drivers.map((d) => d.engine).join(" and ")}.`);
