// Your data: saving survives a reload; another tab's change is never overwritten; export and
// import round-trip into a fresh browser profile; a record that differs from this device's is
// kept, replaced or kept beside as the user chooses, never overwritten without asking; every kind
// of bad file is refused with its own message and changes nothing; "delete everything" asks first.
import { readFileSync, writeFileSync } from "node:fs";
import { test, expect, checkA11y } from "./fixtures.mjs";
import { YourDataPage } from "./pages.mjs";

const fixtures = "crates/redress-core/tests/fixtures/bundles";
const empty = { cases: 0, drafts: 0, policies: 0, settings: 0 };

/** The records of an exported bundle, reduced to what must survive a handover. */
function recordsOf(path) {
  const bundle = JSON.parse(readFileSync(path, "utf8"));
  expect(bundle.format).toBe("redress-bundle");
  return bundle.records
    .map(({ kind, id, data }) => ({ kind, id, data }))
    .sort((a, b) => `${a.kind}/${a.id}`.localeCompare(`${b.kind}/${b.id}`));
}

test("a saved setting is still there after a reload", async ({ page }) => {
  const data = new YourDataPage(page);
  await data.goto();
  await data.expectCounts(empty);
  await data.saveDivision("Scotland");
  await expect(page.getByTestId("preferences-saved")).toBeVisible();
  await data.expectCounts({ ...empty, settings: 1 });
  await page.reload();
  await data.goto();
  await expect(data.division()).toHaveValue("scotland");
  await data.expectCounts({ ...empty, settings: 1 });
});

test("saving over a change made in another tab is refused, and the other tab's change is kept", async ({ page, context }) => {
  const first = new YourDataPage(page);
  await first.goto();
  await first.saveDivision("Scotland");
  await expect(page.getByTestId("preferences-saved")).toBeVisible();

  const other = await context.newPage();
  const second = new YourDataPage(other);
  await second.goto();
  await expect(second.division()).toHaveValue("scotland");

  // The first tab saves again; the second still holds the older revision.
  await first.saveDivision("Northern Ireland");
  await expect(page.getByTestId("preferences-saved")).toContainText("Northern Ireland");
  await second.saveDivision("England and Wales");
  await expect(other.getByTestId("preferences-error")).toContainText("another tab");

  await other.reload();
  await second.goto();
  await expect(second.division()).toHaveValue("northern-ireland");
  await other.close();
});

test("a record that differs from this device's is never overwritten without asking", async ({ page }) => {
  const data = new YourDataPage(page);
  await data.goto();
  await data.importFile(`${fixtures}/valid-one-case.json`);
  await expect(page.getByTestId("import-done")).toHaveText("Imported. 1 record was saved.");

  // The same case, changed elsewhere: the preview says it differs, and keeping mine is the default.
  await data.chooseFile(`${fixtures}/differing-one-case.json`);
  await expect(page.getByTestId("preview-differing")).toHaveText("1");
  await expect(page.getByTestId("preview-new")).toHaveText("0");
  await expect(page.getByLabel("Keep mine and ignore the file's versions")).toBeChecked();
  await checkA11y(page, "the import preview with a record that differs");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("import-done")).toHaveText("Nothing was imported: you kept your own versions.");
  await data.expectCounts({ ...empty, cases: 1 });
  await data.chooseFile(`${fixtures}/differing-one-case.json`);
  await expect(page.getByTestId("preview-differing")).toHaveText("1");

  // Keep both: the file's version is saved as a copy beside mine.
  await page.getByLabel("Keep both: save the file's versions as copies").check();
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("import-done")).toHaveText(
    "Imported. 1 record was saved. 1 of them was saved as a copy beside yours.",
  );
  await data.expectCounts({ ...empty, cases: 2 });

  // Replace mine: the file's version takes the place of mine, and nothing else changes.
  await data.chooseFile(`${fixtures}/differing-one-case.json`);
  await expect(page.getByTestId("preview-differing")).toHaveText("1");
  await page.getByLabel("Replace mine with the file's versions").check();
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("import-done")).toHaveText("Imported. 1 record was saved.");
  await data.expectCounts({ ...empty, cases: 2 });
  await data.chooseFile(`${fixtures}/differing-one-case.json`);
  await expect(page.getByTestId("preview-identical")).toHaveText("1");
  await expect(page.getByTestId("preview-differing")).toHaveText("0");
});

test("import shows what a file holds, writes only after confirming, and survives a reload", async ({ page }) => {
  const data = new YourDataPage(page);
  await data.goto();
  await data.chooseFile(`${fixtures}/valid-one-case.json`);
  const preview = page.getByTestId("import-preview");
  await expect(preview).toBeVisible();
  await expect(page.getByTestId("preview-new")).toHaveText("1");
  await expect(page.getByTestId("preview-identical")).toHaveText("0");
  await checkA11y(page, "the import preview");
  await data.expectCounts(empty);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("import-done")).toHaveText("Imported. 1 record was saved.");
  await data.expectCounts({ ...empty, cases: 1 });
  await page.reload();
  await data.goto();
  await data.expectCounts({ ...empty, cases: 1 });

  // The same file again: everything is identical, nothing to do.
  await data.chooseFile(`${fixtures}/valid-one-case.json`);
  await expect(page.getByTestId("preview-identical")).toHaveText("1");
  await expect(page.getByRole("button", { name: "Import", exact: true })).toHaveCount(0);
});

test("export, then import into a fresh browser profile, gives identical data", async ({ page, newProfile }) => {
  const data = new YourDataPage(page);
  await data.goto();
  await data.saveDivision("Northern Ireland");
  await expect(page.getByTestId("preferences-saved")).toBeVisible();
  await data.importFile(`${fixtures}/valid-one-case.json`);
  const exported = await data.export();
  expect(exported.name).toMatch(/^redress-\d{4}-\d{2}-\d{2}\.json$/);
  const original = recordsOf(exported.path);
  expect(original.length).toBe(2);

  const fresh = await newProfile();
  try {
    const freshPage = await fresh.newPage();
    const freshData = new YourDataPage(freshPage);
    await freshData.goto();
    await freshData.expectCounts(empty);
    await freshData.importFile(exported.path);
    await freshData.expectCounts({ ...empty, cases: 1, settings: 1 });
    await expect(freshData.division()).toHaveValue("northern-ireland");
    const again = await freshData.export();
    expect(recordsOf(again.path)).toEqual(original);
  } finally {
    await fresh.close();
  }
});

const badFiles = [
  ["not-json.json", /not a JSON file|is not valid JSON|JSON/i],
  ["not-a-bundle.json", /not a Redress/i],
  ["newer-version.json", /newer version/i],
  ["checksum-mismatch.json", /changed|damaged/i],
  ["invalid-record.json", /record/i],
];

for (const [file, message] of badFiles) {
  test(`a bad file (${file}) gets its own message and changes nothing`, async ({ page }) => {
    const data = new YourDataPage(page);
    await data.goto();
    await data.saveDivision("Scotland");
    await expect(page.getByTestId("preferences-saved")).toBeVisible();
    await data.chooseFile(`${fixtures}/${file}`);
    const error = page.getByTestId("import-error");
    await expect(error).toBeVisible();
    await expect(error).toContainText(message);
    await expect(error).toContainText("Nothing has been changed");
    await expect(page.getByTestId("import-preview")).toHaveCount(0);
    await checkA11y(page, `the error for ${file}`);
    await data.expectCounts({ ...empty, settings: 1 });
    await page.reload();
    await data.goto();
    await expect(data.division()).toHaveValue("scotland");
  });
}

test("an oversized file is refused before it is read", async ({ page }, testInfo) => {
  const data = new YourDataPage(page);
  await data.goto();
  // Playwright cannot pass a buffer over 50 MB, so the 65 MB file goes through disk.
  const huge = testInfo.outputPath("huge.json");
  writeFileSync(huge, Buffer.alloc(65 * 1024 * 1024, 0x20));
  await page.getByLabel("Choose a file").setInputFiles(huge);
  await expect(page.getByTestId("import-error")).toContainText(/too large|larger than/i);
  await data.expectCounts(empty);
});

test("delete everything asks first, and then deletes everything", async ({ page }) => {
  const data = new YourDataPage(page);
  await data.goto();
  await data.importFile(`${fixtures}/valid-one-case.json`);
  await data.expectCounts({ ...empty, cases: 1 });

  await page.getByRole("button", { name: "Delete everything" }).click();
  await expect(page.getByTestId("delete-confirm")).toBeVisible();
  await checkA11y(page, "the delete confirmation");
  await page.getByRole("button", { name: "No, keep it" }).click();
  await data.expectCounts({ ...empty, cases: 1 });

  await page.getByRole("button", { name: "Delete everything" }).click();
  await page.getByRole("button", { name: "Yes, delete everything" }).click();
  await expect(page.getByTestId("delete-done")).toBeVisible();
  await data.expectCounts(empty);
  await page.reload();
  await data.goto();
  await data.expectCounts(empty);
});

test("the page reports how much space is used", async ({ page }) => {
  const data = new YourDataPage(page);
  await data.goto();
  await expect(page.getByTestId("space-used")).toContainText(/Redress is using about .* of the .* this browser allows it/);
});

test("a newer bank-holiday file can be loaded, and a wrong file changes nothing", async ({ page }) => {
  const data = new YourDataPage(page);
  await data.goto();
  await expect(page.getByTestId("holiday-coverage")).toContainText("2018 to 2028 (built in)");

  await page.getByLabel("Load a newer bank-holiday file").setInputFiles(`${fixtures}/not-a-bundle.json`);
  await expect(page.getByTestId("holiday-error")).toContainText("gov.uk");
  await expect(page.getByTestId("holiday-error")).toContainText("Nothing has been changed");
  await data.expectCounts(empty);

  await page.getByLabel("Load a newer bank-holiday file").setInputFiles("crates/redress-core/tests/fixtures/calendar/bank-holidays-to-2029.json");
  await expect(page.getByTestId("holiday-loaded")).toContainText("2018 to 2029");
  await data.expectCounts({ ...empty, settings: 1 });
  await checkA11y(page, "the loaded bank-holiday file");
  await page.reload();
  await data.goto();
  await expect(page.getByTestId("holiday-coverage")).toContainText("2018 to 2029, from the file you loaded");
});
