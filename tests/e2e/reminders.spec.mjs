// Reminders (issue 13 §7): when Redress opens, a banner lists what is overdue and what is due
// within two working days, for a resident's complaints and for an association's register, each
// linking to its case; it says plainly that Redress cannot remind anyone while it is closed and
// that the calendar file's alarms will; notifications are offered only to an installed app, and
// permission is asked only on the click. The resident's area says what is real, not "coming soon".
import { test, expect, checkA11y, NOW } from "./fixtures.mjs";
import { AssociationPages, ComplaintFlow, SAM_TAYLOR } from "./pages.mjs";
import { addWorkingDays, iso, long } from "./dates.mjs";

const DAY = 24 * 60 * 60 * 1000;
// NOW is Tuesday 1 December 2026. Progress 4.3.9: acknowledge within 5 working days of receipt:
// Wed 2 (1), Thu 3 (2), Fri 4 (3), Mon 7 (4), Tue 8 December (5).
const ACK = new Date("2026-12-08T00:00:00Z");

const resident = SAM_TAYLOR;

async function saveComplaint(page) {
  const id = await new ComplaintFlow(page).saveNew(resident);
  await expect(page.getByTestId("deadline-stage1.acknowledge")).toContainText(long(ACK));
  return id;
}

test("the resident's area says what reminders are real, and promises nothing coming soon", async ({ page }) => {
  await page.goto("/resident");
  const about = page.getByTestId("reminders-about");
  await expect(about).toContainText("Each time you open Redress, it lists anything overdue and anything due in the next two working days");
  await expect(about).toContainText("Redress cannot remind you while it is closed.");
  await expect(about).toContainText("Your calendar then reminds you the day before each date and on the day.");
  await expect(page.getByTestId("coming-soon")).toHaveCount(0);
  await expect(page.getByText("even when Redress is closed")).toHaveCount(0);
});

test("when the saved data cannot be opened, Redress says it could not check whether anything is due", async ({ page }) => {
  // As some private-browsing modes do: the browser refuses to open any database.
  await page.addInitScript(() => {
    IDBFactory.prototype.open = function () {
      throw new DOMException("The operation is insecure.", "SecurityError");
    };
  });
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const error = page.getByTestId("reminders-error");
  await expect(error).toContainText("Redress could not check whether anything is due");
  await expect(error).toContainText("not letting Redress store anything");
  await expect(page.getByTestId("reminders")).toHaveCount(0);
  await checkA11y(page, "the reminders that could not be checked");
});

test("when Redress opens, the resident sees what is due in two working days, then what is overdue", async ({ page }) => {
  expect(iso(addWorkingDays(new Date(NOW), 5))).toBe(iso(ACK));
  const id = await saveComplaint(page);
  // Today: the acknowledgement is 5 working days away, so nothing is listed.
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByTestId("reminders")).toHaveCount(0);

  // Friday 4 December: Mon 7 (1), Tue 8 (2): the acknowledgement is due within two working days.
  await page.clock.setFixedTime(new Date(NOW.getTime() + 3 * DAY));
  await page.goto("/");
  const reminders = page.getByTestId("reminders");
  const soon = reminders.getByTestId("reminders-soon");
  await expect(soon).toContainText(`Your landlord:`);
  await expect(soon).toContainText(`by ${long(ACK)}`);
  await expect(reminders.getByTestId("reminders-overdue")).toHaveCount(0);
  await expect(reminders.getByTestId("reminders-closed")).toContainText(
    "Redress can only remind you while it is open: it cannot remind you while it is closed.",
  );
  await expect(reminders.getByTestId("reminders-closed")).toContainText("your calendar will remind you the day before and on the day");
  // Not installed: no notification is offered.
  await expect(reminders.getByTestId("notify")).toHaveCount(0);
  await checkA11y(page, "the reminders banner");
  await soon.getByRole("link", { name: "Progress Housing Group: Damp and mould" }).click();
  await expect(page).toHaveURL(`/complaints/${id}`);

  // Wednesday 9 December: overdue.
  await page.clock.setFixedTime(new Date(NOW.getTime() + 8 * DAY));
  await page.goto("/");
  const overdue = page.getByTestId("reminders-overdue");
  await expect(overdue).toContainText(`was due by ${long(ACK)}`);
  await expect(overdue.getByRole("link", { name: "Progress Housing Group: Damp and mould" })).toHaveAttribute("href", `/complaints/${id}`);
  await page.getByRole("button", { name: "Hide the reminders" }).click();
  await expect(page.getByTestId("reminders")).toHaveCount(0);
});

test("an association sees its own duties in the register's reminders, each linking to the case", async ({ page }) => {
  const code = JSON.parse((await import("node:fs")).readFileSync("crates/redress-core/src/policy/data/code-2024.json", "utf8"));
  const assoc = new AssociationPages(page);
  await assoc.setUp({ organisation: "Riverside Homes", policy: `${code.id}@${code.version}`, handlers: ["Amira Khan"] });
  // Received Tue 24 Nov: the Code's acknowledgement is due 5 working days later: Wed 25 (1),
  // Thu 26 (2), Fri 27 (3), Mon 30 (4), Tue 1 December (5): today.
  const id = await assoc.logNew({ received: "2026-11-24", resident: "Jo Reed", category: "Repairs", words: "The boiler is broken.", handler: "Amira Khan" });
  await expect(assoc.dueOf("stage1.acknowledge")).toHaveText(long(new Date("2026-12-01T00:00:00Z")));
  await page.goto("/");
  const soon = page.getByTestId("reminders-soon");
  await expect(soon).toContainText("due today");
  await expect(soon).not.toContainText("Your landlord");
  await expect(soon.getByRole("link", { name: `${id} (Jo Reed, Repairs)` })).toHaveAttribute("href", `/association/cases/${id}`);
  await expect(page.getByTestId("reminders-closed")).toContainText("Open it each working day");
  await page.clock.setFixedTime(new Date(NOW.getTime() + DAY));
  await page.goto("/");
  await expect(page.getByTestId("reminders-overdue")).toContainText("was due by 1 December 2026");
});

test.describe("as an installed app", () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      // Opened from the Home Screen, and a notification permission not yet asked.
      const standalone = window.matchMedia.bind(window);
      window.matchMedia = (q) => (q === "(display-mode: standalone)" ? { matches: true, media: q, addEventListener() {}, removeEventListener() {} } : standalone(q));
      window.__asked = 0;
      window.__shown = [];
      let permission = "default";
      class FakeNotification {
        constructor(title, options) {
          window.__shown.push({ title, body: options?.body });
        }
        static get permission() {
          return permission;
        }
        static async requestPermission() {
          window.__asked += 1;
          permission = "granted";
          return permission;
        }
      }
      window.Notification = FakeNotification;
      // A release build shows it through the service worker.
      ServiceWorkerRegistration.prototype.showNotification = async (title, options) => {
        if (permission !== "granted") throw new TypeError("No notification permission has been granted for this origin.");
        window.__shown.push({ title, body: options?.body });
      };
    });
  });

  test("notifications are offered, and permission is asked only on the click", async ({ page }) => {
    await saveComplaint(page);
    await page.clock.setFixedTime(new Date(NOW.getTime() + 8 * DAY));
    await page.goto("/");
    const offer = page.getByTestId("notify");
    await expect(offer).toBeVisible();
    expect(await page.evaluate(() => window.__asked)).toBe(0);
    await offer.click();
    await expect(page.getByTestId("notify-result")).toContainText("it cannot show one while it is closed");
    expect(await page.evaluate(() => window.__asked)).toBe(1);
    expect(await page.evaluate(() => window.__shown)).toEqual([{ title: "Redress reminders", body: "1 date overdue." }]);
  });
});
