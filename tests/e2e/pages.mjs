// Page objects: how a person finds things on each page (by role and label), in one place.
import { expect } from "@playwright/test";
import { GuidedComplaint } from "./guided.mjs";

/** guided.mjs's driver-neutral interface, on a Playwright page. */
export function playwrightUi(page) {
  return {
    goto: (path) => page.goto(path),
    clickLink: (name, opts) => page.getByRole("link", { name, ...opts }).click(),
    clickButton: (name, opts) => page.getByRole("button", { name, ...opts }).click(),
    check: (label, opts) => page.getByLabel(label, opts).check(),
    fill: (label, value, opts) => page.getByLabel(label, opts).fill(value),
    expectHeading: (name) => expect(page.getByRole("heading", { level: 1, name })).toBeVisible(),
  };
}

/**
 * Types `iso` (YYYY-MM-DD) into a date field with the keyboard alone, as a person would. The order
 * of the field's parts (day, month, year) follows the browser's own language, which is the
 * machine's, not the page's: so it is found first, by typing 12, 11 and 2000 and reading what the
 * field made of them, and then the date is typed in that order.
 */
export async function typeDate(page, field, iso) {
  await field.focus();
  await page.keyboard.type("12112000");
  const probe = await field.inputValue();
  const orders = { "2000-12-11": ["m", "d", "y"], "2000-11-12": ["d", "m", "y"] };
  const order = orders[probe];
  if (!order) throw new Error(`typeDate: cannot tell this date field's order (12 11 2000 gave ${JSON.stringify(probe)})`);
  const [y, m, d] = iso.split("-");
  const parts = { y, m, d };
  // Focus again from outside, so typing starts in the first part, not where the probe ended.
  await field.blur();
  await field.focus();
  await page.keyboard.type(order.map((p) => parts[p]).join(""));
}

export class YourDataPage {
  constructor(page) {
    this.page = page;
  }

  async goto() {
    await this.page.goto("/your-data");
    await expect(this.page.getByRole("heading", { level: 1, name: "Your data" })).toBeVisible();
    await expect(this.page.getByTestId("stored-counts")).toBeVisible();
  }

  /** The stored counts as { cases, drafts, policies, settings }. */
  async counts() {
    const table = this.page.getByTestId("stored-counts");
    await expect(table).toBeVisible();
    const result = {};
    for (const store of ["cases", "drafts", "policies", "settings"]) {
      result[store] = Number(await table.getByTestId(`count-${store}`).locator("td").innerText());
    }
    return result;
  }

  async expectCounts(expected) {
    await expect.poll(() => this.counts()).toEqual(expected);
  }

  division() {
    return this.page.getByLabel("Where do you live?");
  }

  async saveDivision(label) {
    await this.division().selectOption({ label });
    await this.page.getByRole("button", { name: "Save", exact: true }).click();
  }

  async chooseFile(path) {
    await this.page.getByLabel("Choose a file").setInputFiles(path);
  }

  async importFile(path) {
    await this.chooseFile(path);
    await expect(this.page.getByTestId("import-preview")).toBeVisible();
    await this.page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(this.page.getByTestId("import-done")).toBeVisible();
  }

  /** Clicks "Download all my data" and returns the downloaded file's path and suggested name. */
  async export() {
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      this.page.getByRole("button", { name: "Download all my data" }).click(),
    ]);
    return { path: await download.path(), name: download.suggestedFilename() };
  }
}

/** A resident's answers used by several specs: a damp and mould complaint to Progress, ongoing and
 * reported before, answered by email. */
export const SAM_TAYLOR = Object.freeze({
  name: "Sam Taylor",
  landlord: "Progress Housing Group",
  topic: "Damp and mould",
  words: "There is black mould on the bedroom wall.",
  ongoing: true,
  reportedBefore: true,
  outcome: "Treat the mould.",
  email: "sam@example.org",
});

/** The guided complaint through Playwright: the questions themselves are in guided.mjs. */
export class ComplaintFlow extends GuidedComplaint {
  constructor(page) {
    super(playwrightUi(page));
    this.page = page;
  }

  /** One field of the guided complaint's answers as saved in IndexedDB (null if none saved). */
  savedAnswer(field) {
    return this.page.evaluate(
      (field) =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open("redress");
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction("drafts").objectStore("drafts").get("guided-complaint");
            get.onsuccess = () => {
              resolve(get.result ? JSON.parse(get.result).data[field] ?? null : null);
              open.result.close();
            };
          };
        }),
      field,
    );
  }

  /** Waits until the answer just given is saved (an answer is saved as it is given, a moment later). */
  async expectSaved(field, value) {
    await expect.poll(() => this.savedAnswer(field)).toEqual(value);
  }

  /** Answers every question, saves the complaint to track it, and waits for its page; returns its id. */
  async saveNew(answers, landlord = answers.landlord) {
    await this.start();
    await this.answerAll(answers);
    await this.next("This is a complaint");
    await this.page.getByTestId("save-complaint").click();
    await expect(this.page.getByRole("heading", { level: 1, name: `Your complaint to ${landlord}` })).toBeVisible();
    return this.page.url().split("/").pop();
  }
}

/** The housing association's register: setup, the policy editor, new entries, a case and its actions. */
export class AssociationPages {
  constructor(page) {
    this.page = page;
  }

  async heading(name) {
    await expect(this.page.getByRole("heading", { level: 1, name })).toBeVisible();
  }

  async setUp({ organisation, policy, handlers }) {
    await this.page.goto("/association/setup");
    await this.heading("Set up the register");
    await this.page.getByLabel("Your association's name").fill(organisation);
    await this.page.getByLabel("The complaints policy you follow").selectOption(policy);
    await this.page.getByLabel("The people who handle cases").fill(handlers.join("\n"));
    await this.page.getByRole("button", { name: "Save the setup" }).click();
    await expect(this.page.getByTestId("setup-saved")).toBeVisible();
  }

  /** Logs new feedback and waits for its case page; returns the case's reference. */
  async logNew({ kind = "complaint", channel = "Phone", received, resident, category, words, handler }) {
    await this.page.goto("/association/new");
    await this.heading("Log new feedback");
    await this.page.getByTestId(`entry-kind-${kind}`).check();
    await this.page.getByLabel("How did it reach you?").selectOption({ label: channel });
    await this.page.getByLabel("Date received").fill(received);
    await this.page.getByLabel("Name", { exact: true }).fill(resident);
    await this.page.getByLabel("Category").fill(category);
    await this.page.getByLabel("What the resident said").fill(words);
    if (handler) await this.page.getByLabel("Who will handle it").selectOption({ label: handler });
    await this.page.getByRole("button", { name: "Save and open the case" }).click();
    await expect(this.page.getByTestId("case-title")).toContainText(resident);
    return this.page.url().split("/").pop();
  }

  /** The names of the actions offered on the case page, in order. */
  async actions() {
    const buttons = this.page.getByTestId("action-buttons").getByRole("button");
    return (await buttons.evaluateAll((els) => els.map((e) => e.dataset.testid.replace(/^action-/, ""))));
  }

  async startAction(name) {
    await this.page.getByTestId(`action-${name}`).click();
    await expect(this.page.locator("#action-form-heading")).toBeVisible();
  }

  /** Records an action with its date, then waits for the page to show it saved. */
  async record(name, date, fill = async () => {}) {
    await this.startAction(name);
    await this.page.getByLabel("Date", { exact: true }).fill(date);
    await fill(this.page);
    await this.page.getByTestId("save-action").click();
    await expect(this.page.getByTestId("action-saved")).toBeVisible();
  }

  dueOf(deadlineId) {
    return this.page.getByTestId(`deadline-${deadlineId}`).getByTestId("due");
  }

  stateOf(deadlineId) {
    return this.page.getByTestId(`deadline-${deadlineId}`).getByTestId("state");
  }
}
