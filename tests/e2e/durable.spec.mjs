// Keeping the data (issue 13 §3, §4): the first save asks the browser to keep the data and says
// what its answer means; a backup reminder when cases changed since a backup a week old (or none),
// with "Download a backup", "Not now" and the last backup's date on Your data; the warning for
// browsers that delete unvisited sites' data; and other tabs: a list shows another tab's save at
// once, and a form whose record another tab changed says so, keeping the words typed.
import { readFileSync } from "node:fs";
import { test, expect, checkA11y, waitForApp, NOW } from "./fixtures.mjs";
import { AssociationPages, YourDataPage } from "./pages.mjs";

const oneCase = "crates/redress-core/tests/fixtures/bundles/valid-one-case.json";
const DAY = 24 * 60 * 60 * 1000;
const code = JSON.parse(readFileSync("crates/redress-core/src/policy/data/code-2024.json", "utf8"));

/** Makes the browser's answer to `navigator.storage.persist()` `answer`, and counts the calls. */
async function persistAnswers(page, answer) {
  await page.addInitScript((granted) => {
    window.__persistCalls = 0;
    StorageManager.prototype.persisted = async () => false;
    StorageManager.prototype.persist = async () => {
      window.__persistCalls += 1;
      return granted;
    };
  }, answer);
}

const persistCalls = (page) => page.evaluate(() => window.__persistCalls);

test("the first save asks the browser to keep the data, once, and says it agreed", async ({ page }) => {
  await persistAnswers(page, true);
  const data = new YourDataPage(page);
  await data.goto();
  await expect(page.getByTestId("persisted")).toContainText("has not promised to keep");
  expect(await persistCalls(page)).toBe(0);

  await data.importFile(oneCase);
  const notice = page.getByTestId("persistence-notice");
  await expect(notice).toContainText("Your browser has agreed to keep what you save in Redress until you delete it.");
  expect(await persistCalls(page)).toBe(1);
  await expect(page.getByTestId("clears-unvisited")).toHaveCount(0);
  await checkA11y(page, "the answer to the request to keep the data");
  await notice.getByRole("button", { name: "OK" }).click();
  await expect(notice).toHaveCount(0);

  // A second save, and a reload: the browser is not asked again.
  await data.saveDivision("Scotland");
  await expect(page.getByTestId("preferences-saved")).toBeVisible();
  expect(await persistCalls(page)).toBe(1);
  await page.reload();
  await data.goto();
  await data.saveDivision("England and Wales");
  await expect(page.getByTestId("preferences-saved")).toBeVisible();
  expect(await persistCalls(page)).toBe(0);
  await expect(page.getByTestId("persistence-notice")).toHaveCount(0);
});

test("a browser that will not promise to keep the data is explained, with what to do", async ({ page }) => {
  await persistAnswers(page, false);
  const data = new YourDataPage(page);
  await data.goto();
  await data.importFile(oneCase);
  await expect(page.getByTestId("persistence-notice")).toContainText(
    "Your browser has not promised to keep what you save in Redress. It usually keeps it, but it may delete it if this device runs short of space. Download a backup from Your data now and then",
  );
});

test.describe("in Safari", () => {
  test.use({
    userAgent:
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
  });

  test("Redress says the browser may delete its data after 7 days away, and how to stop it", async ({ page }) => {
    await persistAnswers(page, false);
    const data = new YourDataPage(page);
    await data.goto();
    const warning = page.getByRole("main").getByTestId("clears-unvisited");
    await expect(warning).toContainText("may delete what Redress keeps if you do not open Redress for 7 days");
    await expect(warning).toContainText("add Redress to your Home Screen");
    await data.importFile(oneCase);
    await expect(page.getByTestId("persistence-notice").getByTestId("clears-unvisited")).toContainText("Home Screen");
    await checkA11y(page, "Your data in Safari");
  });
});

test("a backup is offered when cases changed and the last one is a week old, and not before", async ({ page }) => {
  const data = new YourDataPage(page);
  await data.goto();
  await expect(page.getByTestId("last-backup")).toHaveText("You have not downloaded a backup from this browser yet.");
  // Nothing stored: nothing to back up.
  await expect(page.getByTestId("backup-reminder")).toHaveCount(0);
  await data.importFile(oneCase);

  // The next time Redress opens, the case has never been backed up.
  await page.goto("/");
  const reminder = page.getByTestId("backup-reminder");
  await expect(reminder).toContainText("Your complaints have changed since your last backup.");
  await checkA11y(page, "the backup reminder");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    reminder.getByRole("button", { name: "Download a backup" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("redress-2026-12-01.json");
  await expect(page.getByTestId("backup-done")).toContainText("Downloaded redress-2026-12-01.json with 1 record.");
  await data.goto();
  await expect(page.getByTestId("last-backup")).toHaveText(
    "Your last backup from this browser was downloaded on 1 December 2026.",
  );
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByTestId("backup-reminder")).toHaveCount(0);

  // Six days on, a case changes: the backup is not a week old yet.
  await page.clock.setFixedTime(new Date(NOW.getTime() + 6 * DAY));
  await page.goto("/complaints/case-7-00000");
  await page.getByLabel("The landlord acknowledged my complaint").check();
  await page.getByRole("button", { name: "Save and update the dates" }).click();
  await expect(page.getByTestId("event-saved")).toBeVisible();
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByTestId("backup-reminder")).toHaveCount(0);

  // Seven days after the backup it is offered again; "Not now" puts it aside for a week.
  await page.clock.setFixedTime(new Date(NOW.getTime() + 7 * DAY));
  await page.goto("/");
  await expect(page.getByTestId("backup-reminder")).toBeVisible();
  await page.getByRole("button", { name: "Not now" }).click();
  await expect(page.getByTestId("backup-reminder")).toHaveCount(0);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByTestId("backup-reminder")).toHaveCount(0);
  await page.clock.setFixedTime(new Date(NOW.getTime() + 14 * DAY));
  await page.goto("/");
  await expect(page.getByTestId("backup-reminder")).toBeVisible();
});

test("another tab's save shows at once in a list, and a form it changed says so and keeps the words", async ({ page, context }) => {
  await page.goto("/complaints");
  await expect(page.getByTestId("no-complaints")).toBeVisible();

  // Another tab imports a complaint: this tab's list shows it without a reload.
  const other = await context.newPage();
  const otherData = new YourDataPage(other);
  await otherData.goto();
  await otherData.importFile(oneCase);
  await expect(page.getByTestId("complaints")).toContainText("ForHousing: Repairs");

  // Both tabs open the complaint; this one starts typing a note.
  await page.getByRole("link", { name: /ForHousing: Repairs/ }).click();
  await expect(page.getByTestId("deadlines")).toBeVisible();
  const note = page.getByLabel("What did they say, or anything else to remember? (optional)");
  await note.fill("They phoned on Monday and said a surveyor would come.");
  await other.goto("/complaints/case-7-00000");
  await other.getByLabel("The landlord acknowledged my complaint").check();
  await other.getByRole("button", { name: "Save and update the dates" }).click();
  await expect(other.getByTestId("event-saved")).toBeVisible();

  // This tab says so at once, and the words typed are still there.
  const notice = page.getByTestId("changed-elsewhere");
  await expect(notice).toContainText("Your complaint was changed in another tab or window");
  await expect(notice).toContainText("What you typed here is still on this screen, but it has not been saved");
  await expect(note).toHaveValue("They phoned on Monday and said a surveyor would come.");
  await checkA11y(page, "a complaint changed in another tab");

  // Saving anyway is refused; showing the latest version clears the notice.
  await page.getByLabel("The landlord acknowledged my complaint").check();
  await page.getByRole("button", { name: "Save and update the dates" }).click();
  await expect(page.getByTestId("event-error")).toContainText("another tab");
  await notice.getByRole("button", { name: "Show the latest version" }).click();
  await expect(page.getByTestId("changed-elsewhere")).toHaveCount(0);
  await other.close();
});

test("the association's setup open in two tabs: the one behind says so, keeps its words and will not save over", async ({ page, context }) => {
  const assoc = new AssociationPages(page);
  await assoc.setUp({ organisation: "Riverside Homes", policy: `${code.id}@${code.version}`, handlers: ["Amira Khan"] });
  await page.reload();
  await page.getByLabel("Your association's name").fill("Riverside Homes Ltd");

  // Another tab changes the handlers and saves.
  const other = await context.newPage();
  await other.goto("/association/setup");
  await other.getByLabel("The people who handle cases").fill("Amira Khan\nBen Ortiz");
  await other.getByRole("button", { name: "Save the setup" }).click();
  await expect(other.getByTestId("setup-saved")).toBeVisible();

  const notice = page.getByTestId("changed-elsewhere");
  await expect(notice).toContainText("Your setup was changed in another tab or window");
  await expect(page.getByLabel("Your association's name")).toHaveValue("Riverside Homes Ltd");
  await checkA11y(page, "the setup changed in another tab");
  await page.getByRole("button", { name: "Save the setup" }).click();
  await expect(page.getByTestId("setup-error")).toContainText("another tab");
  await other.close();
});

test("a guided complaint open in two tabs: the one behind says so as soon as the other saves", async ({ page, context }) => {
  await page.goto("/complaint/who");
  await waitForApp(page);
  await page.getByLabel(/I am the resident/).check();
  await page.getByRole("button", { name: /^Continue/ }).click();
  await expect(page.getByTestId("save-status")).toHaveText("Your answers are saved on this device as you go.");

  const other = await context.newPage();
  await other.goto("/resident");
  await other.getByTestId("continue-complaint").click();
  await expect(other.getByTestId("back-link")).toBeVisible();
  await expect(other.getByTestId("changed-elsewhere")).toHaveCount(0);

  // The first tab goes back and changes its answer: the second says so at once.
  await page.getByTestId("back-link").click();
  await page.getByLabel(/I am helping someone else/).check();
  await expect(other.getByTestId("changed-elsewhere")).toContainText("Your answers were changed in another tab or window");
  await other.close();
});
