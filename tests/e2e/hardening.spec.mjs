// Hardening (issue 15): what the reliability probe of December 2026 found, end to end. Bad files
// are refused with their own words and leave the stored data exactly as it was; a record the
// store cannot read never stops a backup; the register's CSV opens as text; storage running out
// says so plainly and keeps the words on screen; the calendar file keeps its UIDs; an unknown
// complaint's page says where to look.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { test, expect, checkA11y, NOW } from "./fixtures.mjs";
import { AssociationPages, ComplaintFlow, SAM_TAYLOR, YourDataPage } from "./pages.mjs";
import { chromiumLaunch } from "../../playwright.config.mjs";

const fixtures = "crates/redress-core/tests/fixtures/bundles";
const empty = { cases: 0, drafts: 0, policies: 0, settings: 0 };

/** An exported file without the moment it was made: what must not change when nothing does. */
function withoutExportTime(path) {
  const bundle = JSON.parse(readFileSync(path, "utf8"));
  delete bundle.exported_at;
  return bundle;
}

/** A device with something on it: a saved setting and an imported case. */
async function seeded(page) {
  const data = new YourDataPage(page);
  await data.goto();
  await data.saveDivision("Scotland");
  await expect(page.getByTestId("preferences-saved")).toBeVisible();
  await data.importFile(`${fixtures}/valid-one-case.json`);
  await data.expectCounts({ ...empty, cases: 1, settings: 1 });
  return data;
}

// Every bad fixture, with words particular to it (tests/bundle.rs makes the files and checks the
// same messages natively; tests/bundle_corpus.rs checks 247 more).
const refused = [
  ["deep-setting.json", "inside one another more than 100 levels deep"],
  ["repeated-key.json", "\"records[0].data.landlord\" is written twice"],
  ["id-differs.json", "kept under the id \"case-other\", but the case inside it has the id \"case-7-00000\""],
  ["events-out-of-order.json", "events must be in date order"],
  ["scope-mismatch.json", "says it holds one case, \"case-other\""],
  ["exported-at-not-a-time.json", "\"exported_at\" is wrong"],
  ["uppercase-checksum.json", "64 lower-case letters and digits"],
  ["checksum-mismatch.json", "do not match its checksum"],
  ["invalid-record.json", "\"data.events[0].date\" is wrong"],
  ["newer-version.json", "made by a newer version of Redress"],
  ["not-a-bundle.json", "This is not a Redress bundle"],
  ["not-json.json", "it is not valid JSON"],
];

/** Everything in the app's database, byte for byte: each store's keys and stored texts. */
async function storedText(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("redress");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const stores = ["cases", "drafts", "policies", "settings"];
          const tx = db.transaction(stores, "readonly");
          const out = {};
          for (const name of stores) {
            const keys = tx.objectStore(name).getAllKeys();
            const values = tx.objectStore(name).getAll();
            keys.onsuccess = () => (out[`${name} keys`] = keys.result);
            values.onsuccess = () => (out[name] = values.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

test("bad files are refused with their own words, and the stored data is exactly as it was", async ({ page }) => {
  test.setTimeout(120_000);
  const data = await seeded(page);
  const before = withoutExportTime((await data.export()).path);
  expect(before.records.length).toBe(2);
  const stored = await storedText(page);
  expect(stored.cases.length).toBe(1);
  for (const [file, words] of refused) {
    await data.chooseFile(`${fixtures}/${file}`);
    const error = page.getByTestId("import-error");
    await expect(error, file).toContainText(words);
    await expect(error, file).toContainText("Nothing has been changed");
    await expect(page.getByTestId("import-preview")).toHaveCount(0);
    // Every stored record's text is as it was (revisions and save times too).
    expect(await storedText(page), file).toEqual(stored);
  }
  // And the export after all of them is the export before (but for when it was made). One
  // download each side: a page that starts many downloads long after the click that asked for
  // them can be stopped by the browser's guard against automatic downloads.
  expect(withoutExportTime((await data.export()).path)).toEqual(before);
  await checkA11y(page, "an import refused");
  await page.reload();
  await data.goto();
  await data.expectCounts({ ...empty, cases: 1, settings: 1 });
  expect(await storedText(page)).toEqual(stored);
});

test("the deep-setting file is refused, and Download all my data still works", async ({ page }) => {
  const data = await seeded(page);
  await data.chooseFile(`${fixtures}/deep-setting.json`);
  await expect(page.getByTestId("import-error")).toContainText(
    "Record 1 in this file (a setting, id \"deep\") cannot be imported: it has lists or objects inside one another more than 100 levels deep",
  );
  const exported = await data.export();
  await expect(page.getByTestId("export-done")).toContainText("with 2 records.");
  await expect(page.getByTestId("export-left-out")).toHaveCount(0);
  expect(JSON.parse(readFileSync(exported.path, "utf8")).records.map((r) => r.id).sort()).toEqual(["case-7-00000", "preferences"]);
});

/** Puts text straight into the app's database, as damage (or an import before the depth check)
 * could have left it. */
async function putUnchecked(page, store, id, text) {
  await page.evaluate(
    ([store, id, text]) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("redress");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(store, "readwrite");
          tx.objectStore(store).put(text, id);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    [store, id, text],
  );
}

test("a device already holding a record that cannot be read still downloads everything else, naming the one left out", async ({ page }) => {
  const data = await seeded(page);
  const deep = "[".repeat(300) + "]".repeat(300);
  await putUnchecked(page, "settings", "deep", `{"kind":"setting","id":"deep","revision":1,"updated_at":"2026-11-23T09:30:00Z","data":${deep}}`);
  await page.reload();
  await data.goto();
  await data.expectCounts({ ...empty, cases: 1, settings: 2 });

  const exported = await data.export();
  await expect(page.getByTestId("export-done")).toContainText("with 2 records.");
  const leftOut = page.getByTestId("export-left-out");
  await expect(leftOut).toContainText("1 record could not be read, so it is not in the file");
  await expect(leftOut.getByTestId("left-out-record")).toHaveText([/Setting "deep"/]);
  expect(JSON.parse(readFileSync(exported.path, "utf8")).records.map((r) => r.id).sort()).toEqual(["case-7-00000", "preferences"]);
  await checkA11y(page, "a download that left a record out");

  // An import still works beside it.
  await data.chooseFile(`${fixtures}/differing-one-case.json`);
  await expect(page.getByTestId("preview-differing")).toHaveText("1");
  await page.getByRole("button", { name: "Cancel" }).click();

  // Once the user has the copy, the record can be removed, and the next download is whole.
  await leftOut.getByRole("button", { name: 'Remove Setting "deep" from this device' }).click();
  await expect(page.getByTestId("unreadable-removed")).toContainText('Removed "deep"');
  await data.expectCounts({ ...empty, cases: 1, settings: 1 });
  await data.export();
  await expect(page.getByTestId("export-left-out")).toHaveCount(0);
});

test("an import refused because another tab changed a record says so in its own words", async ({ page, context }) => {
  const data = await seeded(page);
  await data.chooseFile(`${fixtures}/differing-one-case.json`);
  await expect(page.getByTestId("preview-differing")).toHaveText("1");
  await page.getByLabel("Replace mine with the file's versions").check();

  // Meanwhile, another tab records that the landlord acknowledged the complaint.
  const other = await context.newPage();
  await other.goto("/complaints/case-7-00000");
  await other.getByLabel("The landlord acknowledged my complaint").check();
  await other.getByRole("button", { name: "Save and update the dates" }).click();
  await expect(other.getByTestId("event-saved")).toBeVisible();
  await other.close();

  await page.getByRole("button", { name: "Import", exact: true }).click();
  const error = page.getByTestId("import-error");
  await expect(error).toContainText("Something on this device changed after you chose the file");
  await expect(error).toContainText("Choose the file again to see what it would change now.");
  await expect(error).not.toContainText("your text is still here");
});

/** The cells of a CSV file (RFC 4180: quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

test("the register's CSV, with formula-like text in every column people can reach, opens as text", async ({ page }) => {
  const data = new YourDataPage(page);
  await data.goto();
  await data.importFile(`${fixtures}/formula-register.json`);
  await page.goto("/association/register");
  await expect(page.getByRole("heading", { level: 1, name: "Register" })).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
  const [header, ...rows] = parseCsv(readFileSync(await download.path(), "utf8"));
  expect(rows.length).toBe(1);
  const cell = Object.fromEntries(header.map((name, i) => [name, rows[0][i]]));
  // Each starts with an apostrophe, so a spreadsheet shows it as text rather than running it.
  expect(cell.reference).toBe(`'=HYPERLINK("http://evil.example","case")`);
  expect(cell.resident).toBe("'+1+cmd|' /C calc'!A0");
  expect(cell.category).toBe("'-2+3");
  expect(cell.stage).toMatch(/^'=IMPORTXML\("http:\/\/evil\.example","\/\/stage1"\)$/);
  expect(cell.handler).toBe("'@SUM(1,2)");
  // And no cell in any column starts as a formula would.
  for (const [name, value] of Object.entries(cell)) {
    expect(value, name).not.toMatch(/^\s*[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]/);
  }
});

test("a complaint that is not on this device says so, and where to look", async ({ page }) => {
  await page.goto("/complaints/not-a-complaint-here");
  await expect(page.getByRole("heading", { level: 1, name: "This complaint is not on this device" })).toBeVisible();
  await expect(page.getByTestId("case-missing")).toContainText("saved in another browser or on another device");
  await checkA11y(page, "an unknown complaint");
  const missing = page.getByTestId("case-missing");
  await missing.getByRole("link", { name: "See the complaints saved here (My complaints)" }).click();
  await expect(page).toHaveURL(/\/complaints$/);
  await page.goBack();
  await missing.getByRole("link", { name: "Open a Redress file (Your data)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your data" })).toBeVisible();
});

const resident = SAM_TAYLOR;

/** The UIDs of a downloaded calendar file's events, and the file. */
async function calendarFile(page) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-ics").click()]);
  const text = readFileSync(await download.path(), "utf8");
  const events = text.split("BEGIN:VEVENT").slice(1).map((e) => e.split("END:VEVENT")[0]);
  const uids = events.map((e) => e.match(/\r\nUID:(.*)\r\n/)[1]);
  return { text, events, uids };
}

test("the calendar file has a reminder the day before and on the day, and the same UIDs before and after saving", async ({ page }) => {
  const flow = new ComplaintFlow(page);
  await flow.start();
  await flow.answerAll(resident);
  await flow.next("This is a complaint");
  const before = await calendarFile(page);
  expect(before.events.length).toBeGreaterThan(0);
  for (const event of before.events) {
    const start = event.match(/DTSTART;VALUE=DATE:(\d{8})/)[1];
    const end = event.match(/DTEND;VALUE=DATE:(\d{8})/)[1];
    const next = new Date(Date.UTC(+start.slice(0, 4), +start.slice(4, 6) - 1, +start.slice(6, 8) + 1));
    expect(end).toBe(next.toISOString().slice(0, 10).replaceAll("-", ""));
    expect(event.match(/BEGIN:VALARM/g).length).toBe(2);
    expect(event).toContain("TRIGGER:-PT15H");
    expect(event).toContain("TRIGGER:PT9H");
  }
  // Every UID names this complaint, not a shared placeholder.
  for (const uid of before.uids) expect(uid).toMatch(/^case-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}-stage1\./);
  // Downloaded again: the same UIDs.
  expect((await calendarFile(page)).uids).toEqual(before.uids);

  await page.getByTestId("save-complaint").click();
  await expect(page.getByRole("heading", { level: 1, name: "Your complaint to Progress Housing Group" })).toBeVisible();
  const caseId = page.url().split("/").pop();
  expect(before.uids[0].startsWith(`${caseId}-`)).toBe(true);
  const saved = await calendarFile(page);
  expect(saved.uids).toEqual(before.uids);
});

/** A valid bundle of `n` cases with long descriptions (about 50 KB each), checksum and all. */
function bulkBundle(n) {
  const one = JSON.parse(readFileSync(`${fixtures}/valid-one-case.json`, "utf8"));
  const template = one.records[0];
  const records = [];
  for (let i = 0; i < n; i++) {
    const id = `bulk-${String(i).padStart(3, "0")}`;
    records.push({ ...template, id, data: { ...template.data, id, description: `Case ${i}. ${"The damp is back. ".repeat(3000)}` } });
  }
  const sorted = (v) =>
    Array.isArray(v) ? v.map(sorted) : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])])) : v;
  const checksum = createHash("sha256").update(JSON.stringify(sorted(records))).digest("hex");
  return { ...one, scope: { kind: "everything" }, records, checksum };
}

// Playwright's usual profile keeps storage in memory, where Chromium does not enforce a quota
// override (the probe found the same); a profile on disk does.
test("when the device's storage is full, saving says so plainly, keeps the words on screen, and nothing is half-written", async ({ baseURL }, testInfo) => {
  test.setTimeout(120_000);
  const profile = mkdtempSync(join(tmpdir(), "redress-quota-"));
  const context = await chromium.launchPersistentContext(profile, { ...chromiumLaunch, baseURL, acceptDownloads: true, locale: "en-GB", timezoneId: "Europe/London" });
  const pageErrors = [];
  try {
    await context.clock.setFixedTime(NOW);
    const page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (error) => pageErrors.push(String(error)));
    await page.goto("/your-data");
    const data = new YourDataPage(page);
    await data.goto();
    const cdp = await context.newCDPSession(page);
    const origin = new URL(baseURL).origin;
    // The service worker keeps a copy of the whole build on the first visit. Measure once it has
    // finished: measured halfway, the copy itself ran into the quota, was thrown away, and left
    // room for the very saves that must fail (seen on a busy machine).
    await page.evaluate(() => navigator.serviceWorker.ready);
    // Room for small saves, not for a 2 MB import or a 60 KB answer.
    const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage);
    await cdp.send("Storage.overrideQuotaForOrigin", { origin, quotaSize: usage + 40_000 });

    // An import too big for what is left is refused whole.
    const bulk = testInfo.outputPath("bulk.json");
    writeFileSync(bulk, JSON.stringify(bulkBundle(40), null, 2));
    await data.chooseFile(bulk);
    await expect(page.getByTestId("preview-new")).toHaveText("40");
    await page.getByRole("button", { name: "Import", exact: true }).click();
    const importError = page.getByTestId("import-error");
    await expect(importError).toContainText("The storage on this device is full");
    await expect(importError).toContainText("download a copy of your data");
    await expect(importError).not.toContainText("IndexedDB");
    await expect(importError).not.toContainText("Transaction");
    await data.expectCounts(empty);

    // The guided complaint: an answer too big to fit is not saved, and the page says so on every
    // step until a save works; the words stay where they were typed.
    const flow = new ComplaintFlow(page);
    await flow.start();
    await page.getByLabel(/I am the resident/).check();
    await flow.next("About you");
    await expect(page.getByTestId("save-status")).toHaveText("Your answers are saved on this device as you go.");
    const name = `Sam ${"Taylor ".repeat(9000)}`.trim();
    await page.getByLabel("Your full name").fill(name);
    const saveError = page.getByTestId("save-error");
    await expect(saveError).toContainText("Your answers are not being saved");
    await expect(saveError).toContainText("The storage on this device is full");
    await expect(saveError).toContainText("What you have typed is still here");
    await checkA11y(page, "answers not being saved");
    await flow.next(/landlord\?$/);
    await expect(saveError).toBeVisible();
    await page.getByTestId("back-link").click();
    await expect(page.getByLabel("Your full name")).toHaveValue(name);

    // Room is made: trying again saves, and the answers survive a reload.
    await cdp.send("Storage.overrideQuotaForOrigin", { origin });
    await page.getByTestId("save-retry").click();
    await expect(saveError).toHaveCount(0);
    await expect(page.getByTestId("save-status")).toHaveText("Your answers are saved on this device as you go.");
    await page.reload();
    await expect(page.getByLabel("Your full name")).toHaveValue(name);
    expect(pageErrors).toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test("a saved complaint or setting that cannot be read is named in plain words, and nothing stored changes", async ({ page }) => {
  await seeded(page);
  // A case record whose data is not a case, and a preferences record whose division is no part of
  // the UK: as damage, or an older version, could leave them.
  await putUnchecked(page, "cases", "case-broken", '{"kind":"case","id":"case-broken","revision":4,"updated_at":"2026-11-23T09:30:00Z","data":{"landlord":7}}');
  await putUnchecked(page, "settings", "preferences", '{"kind":"setting","id":"preferences","revision":6,"updated_at":"2026-11-23T09:30:00Z","data":{"division":"atlantis"}}');
  const stored = await storedText(page);

  await page.goto("/complaints");
  // The readable complaint is listed; the other is named, not dropped.
  await expect(page.getByTestId("complaints").locator("tbody tr")).toHaveCount(1);
  const notice = page.getByTestId("unreadable-notice");
  await expect(notice).toContainText("One saved complaint could not be read, so it is left out here. It is kept as it is: nothing was changed.");
  await expect(notice).toContainText('"Download all my data" on the Your data page saves a copy of it');
  await expect(notice).toContainText("Your choice of where you live could not be read, so Redress is counting working days with the bank holidays of England and Wales for now.");
  await checkA11y(page, "saved data that cannot be read");
  // Its own page says it cannot be read, not that it is not here.
  await page.goto("/complaints/case-broken");
  await expect(page.getByTestId("case-error")).toContainText("One saved complaint could not be read");
  await expect(page.getByTestId("case-missing")).toHaveCount(0);
  expect(await storedText(page)).toEqual(stored);

  // Your data says so too; choosing again replaces the damaged choice, and only then.
  const data = new YourDataPage(page);
  await data.goto();
  await expect(page.getByTestId("preferences-unreadable")).toContainText("Choose where you live again on the Your data page to replace it.");
  expect(await storedText(page)).toEqual(stored);
  await data.saveDivision("Scotland");
  await expect(page.getByTestId("preferences-saved")).toBeVisible();
  await expect(page.getByTestId("preferences-unreadable")).toHaveCount(0);
  await page.goto("/complaints");
  await expect(page.getByTestId("unreadable-notice")).toContainText("One saved complaint could not be read");
  await expect(page.getByTestId("unreadable-notice")).not.toContainText("where you live");
});

test("an association's setup that cannot be read is said on the register, and only saving the setup replaces it", async ({ page }) => {
  await page.goto("/association");
  await expect(page.getByTestId("needs-setup")).toBeVisible();
  await putUnchecked(page, "settings", "association", '{"kind":"setting","id":"association","revision":3,"updated_at":"2026-11-23T09:30:00Z","data":{"organisation":["not","a","name"]}}');
  const stored = await storedText(page);

  await page.goto("/association");
  const notice = page.getByTestId("unreadable-notice");
  await expect(notice).toContainText("Your association's setup could not be read, so Redress treats the register as not set up yet. The saved setup is kept as it is: nothing was changed.");
  await expect(page.getByTestId("needs-setup")).toBeVisible();
  await checkA11y(page, "a setup that cannot be read");
  await page.goto("/association/setup");
  await expect(page.getByTestId("unreadable-notice")).toContainText('Saving the setup again on the "Set up the register" page replaces it.');
  expect(await storedText(page)).toEqual(stored);

  const code = JSON.parse(readFileSync("crates/redress-core/src/policy/data/code-2024.json", "utf8"));
  await new AssociationPages(page).setUp({ organisation: "Riverside Homes", policy: `${code.id}@${code.version}`, handlers: ["Amira Khan"] });
  await expect(page.getByTestId("unreadable-notice")).toHaveCount(0);
  await page.goto("/association");
  await expect(page.getByText("Riverside Homes", { exact: false }).first()).toBeVisible();
  await expect(page.getByTestId("unreadable-notice")).toHaveCount(0);
});
