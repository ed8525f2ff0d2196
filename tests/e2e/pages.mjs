// Page objects: how a person finds things on each page (by role and label), in one place.
import { expect } from "@playwright/test";

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
